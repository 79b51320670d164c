"""Deleted pages are kept: a snapshot before deletion, and a restore as a draft.

Wagtail deletes a page's revisions with it. `snapshot_before_delete` listens to
`pre_delete` on Page, which every path sends for each page and descendant (the admin's
delete view and bulk action, `page.delete()`, a queryset's delete): Django sends all
pre_delete signals of a deletion before it deletes anything, so the page, its
subtree and its revisions are all still there, whatever order the pages come in.
"""

import copy
import uuid

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from modelcluster.models import get_all_child_relations
from wagtail.coreutils import find_available_slug
from wagtail.log_actions import log
from wagtail.models import COMMENTS_RELATION_NAME, Page, PageLogEntry, Revision

from pages.history import change_note, display_name
from pages.models import DeletedPage

RESTORE_ACTION = "atlas.restore_deleted_page"


def snapshot_before_delete(sender, instance, **kwargs):
    """pre_delete on Page: keep the page and its subtree, each linked to its parent."""
    if DeletedPage.objects.filter(page_id=instance.pk).exists():
        return  # taken with an ancestor deleted in the same operation
    deleted_by = deleting_user(instance)
    first_parent_id = getattr(instance.get_parent(), "pk", None)  # None: the root
    snapshots = {}  # by path, to link each page to its parent's snapshot
    for page in instance.get_descendants(inclusive=True).order_by("path").specific():
        parent_snapshot = snapshots.get(page.path[: -page.steplen])
        snapshot = DeletedPage.objects.filter(page_id=page.pk).first()
        if snapshot is None:
            parent_id = parent_snapshot.page_id if parent_snapshot else first_parent_id
            snapshot = take_snapshot(page, parent_id, parent_snapshot, deleted_by)
        elif snapshot.deleted_with is None and parent_snapshot:
            # A descendant whose signal came first: it joins this subtree.
            snapshot.deleted_with = parent_snapshot
            snapshot.save(update_fields=["deleted_with"])
        snapshots[page.path] = snapshot


def deleting_user(page):
    """Who is deleting the page: Wagtail logs the deletion just before it."""
    entry = (
        PageLogEntry.objects.filter(page_id=page.pk, action="wagtail.delete")
        .select_related("user")
        .order_by("-timestamp", "-pk")
        .first()
    )
    return entry.user if entry else None


def take_snapshot(page, parent_page_id, deleted_with, deleted_by):
    latest = page.latest_revision
    revisions = (
        Revision.page_revisions.filter(object_id=str(page.pk))
        .select_related("user", "change_note")
        .order_by("created_at", "pk")
    )
    return DeletedPage.objects.create(
        page_id=page.pk,
        deleted_with=deleted_with,
        parent_page_id=parent_page_id,
        path=page.path,
        url_path=page.url_path,
        content_type_id=page.content_type_id,
        locale_id=page.locale_id,
        translation_key=page.translation_key,
        title=page.draft_title or page.title,
        slug=page.slug,
        was_live=page.live,
        content=latest.content if latest else page.serializable_data(),
        revisions=[
            {
                "created_at": revision.created_at,
                "user_id": revision.user_id,
                "user": display_name(revision.user) if revision.user else "",
                "note": change_note(revision),
            }
            for revision in revisions
        ],
        deleted_by=deleted_by,
    )


class RestoreError(Exception):
    pass


def restore(snapshot, user):
    """Recreate a deleted page and the pages deleted with it, as drafts.

    Returns the page and notices for the moderator (a slug or translation key that
    had to change). Nothing goes live: publishing stays a moderator's decision.
    """
    if snapshot.restored_at:
        raise RestoreError(_("This page has already been restored."))
    notices = []
    with transaction.atomic():
        page = restore_subtree(snapshot, user, restore_parent(snapshot), notices)
    return page, notices


def restore_subtree(snapshot, user, parent, notices):
    page = rebuild_page(snapshot)
    page.slug = find_available_slug(parent, snapshot.slug)
    if page.slug != snapshot.slug:
        notices.append(
            _(
                "“%(title)s”: the address “%(old)s” is taken, "
                "the page was restored as “%(new)s”."
            )
            % {"title": snapshot.title, "old": snapshot.slug, "new": page.slug}
        )
    if Page.objects.filter(
        translation_key=page.translation_key, locale_id=page.locale_id
    ).exists():
        # Another page took its place among the translations since the deletion.
        page.translation_key = uuid.uuid4()
        notices.append(
            _(
                "“%(title)s”: another page is now its translation in this language; "
                "the restored page is no longer linked to its translations."
            )
            % {"title": snapshot.title}
        )
    parent.add_child(instance=page)
    # Not validated: it is what was written, drafts included; publishing validates.
    revision = page.save_revision(user=user, clean=False)
    log(
        instance=page,
        action=RESTORE_ACTION,
        user=user,
        revision=revision,
        data={"deleted_page_id": snapshot.page_id},
    )
    snapshot.restored_page = page
    snapshot.restored_at = timezone.now()
    snapshot.restored_by = user
    snapshot.save(update_fields=["restored_page", "restored_at", "restored_by"])
    children = snapshot.deleted_children.filter(restored_at__isnull=True)
    for child in children.order_by("path"):
        restore_subtree(child, user, page, notices)
    return page


def restore_parent(snapshot):
    """The page's old parent, or the first page of its language where it may go."""
    allowed = tuple(snapshot.page_model.allowed_parent_page_models())
    parent = Page.objects.filter(pk=snapshot.parent_page_id).first()
    if parent is not None and issubclass(parent.specific_class, allowed):
        return parent.specific
    parent = (
        Page.objects.type(*allowed)
        .filter(locale_id=snapshot.locale_id, depth__gt=1)
        .order_by("path")
        .first()
    )
    if parent is None:
        raise RestoreError(_("There is no page where this page could be restored."))
    return parent.specific


def rebuild_page(snapshot):
    """An unsaved page from the snapshot's content, new in every row it will write."""
    model = snapshot.page_model
    content = copy.deepcopy(snapshot.content)
    content["pk"] = None
    # Comments point into the deleted revisions; they are not the page's content.
    content[COMMENTS_RELATION_NAME] = []
    detach_children(model, content)
    page = model.from_serializable_data(content)
    page.numchild = 0
    page.live = False
    page.has_unpublished_changes = True
    page.draft_title = page.title
    page.live_revision = None
    page.latest_revision = None
    page.alias_of = None
    page.locked, page.locked_by, page.locked_at = False, None, None
    page.expired = False
    return page


def detach_children(model, content):
    """Child objects (sources, authors…) saved as new rows of the new page.

    modelcluster drops a child whose parent key points to a missing page: the
    deleted page's id is taken out, and their own ids too.
    """
    for relation in get_all_child_relations(model):
        for child in content.get(relation.get_accessor_name(), []):
            child["pk"] = None
            child[relation.field.name] = None
            detach_children(relation.related_model, child)
