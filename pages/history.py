"""A wiki page's public history: the revisions that went live and their diffs.

Only revisions referenced by a publication log entry (written when a revision
really goes live, never for drafts, submissions, rejected work or a publication
still scheduled) or the page's live revision are public. The diffs reuse the
comparisons of Wagtail's admin (wagtail.admin.compare), driven from the page's edit
handler as the admin's revisions compare view does, with accessible markup.
"""

import re
from functools import partial

from django.db.models import OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from wagtail.admin.compare import StreamBlockComparison, StreamFieldComparison
from wagtail.admin.panels import get_edit_handler
from wagtail.models import PageLogEntry, Revision

HISTORY_PER_PAGE = 50
# "wagtail.publish.schedule" (no d) only records that a publication was planned:
# publish_scheduled logs "wagtail.publish.scheduled" once the revision goes live.
PUBLICATION_ACTIONS = ("wagtail.publish", "wagtail.publish.scheduled")


def published_revisions(page):
    """The page's public revisions, newest publication first.

    Each carries `published_at` (its first publication), its user and its change
    note, fetched in the same query.
    """
    publications = PageLogEntry.objects.filter(
        page_id=page.pk, action__in=PUBLICATION_ACTIONS, revision__isnull=False
    )
    first_publication = (
        publications.filter(revision_id=OuterRef("pk"))
        .order_by("timestamp")
        .values("timestamp")[:1]
    )
    went_live = Q(pk__in=publications.values("revision_id"))
    if page.live_revision_id:
        # Content published before logging existed (imports) is public all the same.
        went_live |= Q(pk=page.live_revision_id)
    return (
        Revision.page_revisions.filter(went_live, object_id=str(page.pk))
        .annotate(published_at=Coalesce(Subquery(first_publication), "created_at"))
        .select_related("user", "change_note")
        .order_by("-published_at", "-pk")
    )


def display_name(user):
    """How the public history names a user: full name, else the username.

    A username that is an e-mail address loses its domain: addresses are never shown.
    """
    if user is None:
        return gettext("Unknown contributor")  # deleted user, or saved by a script
    full_name = user.get_full_name().strip()
    if full_name:
        return full_name
    return user.get_username().split("@")[0]


def change_note(revision):
    """The revision's change note, or an empty string (no query when fetched along)."""
    try:
        return revision.change_note.note
    except Revision.change_note.RelatedObjectDoesNotExist:
        return ""


# Wagtail's diffs mark changed words with <span class="addition|deletion">, which
# only colour tells apart: they become <ins>/<del> with words for screen readers.
# TextDiff escapes the text inside, so a span never contains markup.
DIFF_SPAN = re.compile(r'<span class="(addition|deletion)">([^<]*)</span>')
CHILD_BLOCK = re.compile(r'<div class="comparison__child-object (addition|deletion)">')


def accessible_diff(html):
    """Wagtail's diff HTML with <ins>/<del> and hidden "added:"/"removed:" words."""
    labels = {"addition": gettext("added:"), "deletion": gettext("removed:")}
    tags = {"addition": "ins", "deletion": "del"}
    html = str(html)

    def mark_words(match):
        kind, text = match.groups()
        return (
            f'<{tags[kind]} class="diff__{kind}">'
            f'<span class="visually-hidden">{escape(labels[kind])} </span>{text}'
            f"</{tags[kind]}>"
        )

    def label_block(match):
        kind = match.group(1)
        status = gettext("Added") if kind == "addition" else gettext("Removed")
        return (
            f'<div class="diff__child diff__child--{kind}">'
            f'<p class="diff__status">{escape(status)}</p>'
        )

    html = DIFF_SPAN.sub(mark_words, html)
    # Wagtail's comparison escaped the page's text; only our tags and escaped labels
    # are added.
    return mark_safe(CHILD_BLOCK.sub(label_block, html))  # nosec B308, B703


class PublicStreamBlockComparison(StreamBlockComparison):
    """A body diff block by block: each block named, with its status in words."""

    def htmldiff(self):
        statuses = {
            "added": gettext("added"),
            "removed": gettext("removed"),
            "changed": gettext("changed"),
            "unchanged": gettext("unchanged"),
        }
        parts = []
        for comparison in self.get_block_comparisons():
            if comparison.is_new():
                status = "added"
                content = format_html(
                    "<ins>{}</ins>", comparison.htmlvalue(comparison.val_b)
                )
            elif comparison.is_deleted():
                status = "removed"
                content = format_html(
                    "<del>{}</del>", comparison.htmlvalue(comparison.val_a)
                )
            elif comparison.has_changed():
                status = "changed"
                content = comparison.htmldiff()
            else:
                status = "unchanged"
                content = comparison.htmlvalue(comparison.val_a)
            parts.append(
                format_html(
                    '<div class="diff__block diff__block--{}">'
                    '<p class="diff__block-label">{} '
                    '<span class="diff__status">({})</span></p>'
                    '<div class="diff__block-content">{}</div></div>',
                    status,
                    comparison.block.label,
                    statuses[status],
                    content,
                )
            )
        return format_html_join("\n", "{}", ((part,) for part in parts))


class PublicStreamFieldComparison(StreamFieldComparison):
    def htmldiff(self):
        if self.has_block_ids(self.val_a) and self.has_block_ids(self.val_b):
            return PublicStreamBlockComparison(
                self.field.stream_block, True, True, self.val_a, self.val_b
            ).htmldiff()
        return super().htmldiff()


def compare_revisions(page, request, revision_a, revision_b):
    """What changed from revision_a to revision_b, field by field, for templates.

    Each item is {"label", "diff"} for a field, or {"label", "children"} for an inline
    relation (sources, authors…), whose children are {"status", "fields"}.
    """
    bound_panel = get_edit_handler(type(page)).get_bound_panel(
        instance=page, request=request, form=None
    )
    object_a, object_b = revision_a.as_object(), revision_b.as_object()
    changes = []
    for comparator in bound_panel.get_comparison():
        if getattr(comparator, "func", None) is StreamFieldComparison:
            comparator = partial(
                PublicStreamFieldComparison, *comparator.args, **comparator.keywords
            )
        comparison = comparator(object_a, object_b)
        if not comparison.has_changed():
            continue
        if comparison.is_field:
            changes.append(
                {
                    "label": comparison.field_label(),
                    "diff": accessible_diff(comparison.htmldiff()),
                }
            )
        else:
            changes.append(
                {
                    "label": comparison.field_label(),
                    "children": [
                        child_changes(child)
                        for child in comparison.get_child_comparisons()
                        # An added or removed child compares with itself: unchanged.
                        if child.is_addition()
                        or child.is_deletion()
                        or child.has_changed()
                    ],
                }
            )
    return changes


def child_changes(child):
    """One added, removed or changed item of an inline relation (a source…).

    Added and removed items list their filled-in fields, changed ones the fields
    that changed: Wagtail's admin lists every field, which buries the change.
    """
    if child.is_addition() or child.is_deletion():
        status = "added" if child.is_addition() else "removed"
        fields = [
            field
            for field in child.get_field_comparisons()
            if field.val_a not in (None, "")
        ]
    else:
        status = "changed"
        fields = [
            field for field in child.get_field_comparisons() if field.has_changed()
        ]
    return {
        "status": status,
        "fields": [
            {"label": field.field_label(), "diff": accessible_diff(field.htmldiff())}
            for field in fields
        ],
    }
