"""Which cached responses a change makes stale, and telling the caches.

A publication or unpublication of a page makes stale: the page and its translations
(language switcher), the pages it links to before and after (their "links here"),
the pages that link to it (they show its title), and every aggregate view (home,
indexes, chronology, map, feeds). A change to the tree or to what every page shows
(moves, slugs, deletions, view restrictions, categories, images, documents) makes
everything stale. The local cache is told once the transaction commits; a CDN, when
WAGTAILFRONTENDCACHE configures one, is purged by a background task.
"""

import logging
import threading
from contextlib import contextmanager

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver
from django_tasks import task
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction, ReferenceIndex, get_page_models
from wagtail.signals import (
    page_published,
    page_slug_changed,
    page_unpublished,
    post_page_move,
)

from atlas import page_cache
from pages.models.snippets import Category

logger = logging.getLogger(__name__)
_bulk = threading.local()


@contextmanager
def invalidated_once_at_the_end():
    """For bulk work (generated or imported pages): instead of working out each
    page's neighbours, make everything stale once the block has committed."""
    _bulk.active = True
    try:
        yield
    finally:
        _bulk.active = False
        transaction.on_commit(lambda: tell_caches(everything=True))


def in_bulk():
    return getattr(_bulk, "active", False)


def page_content_type():
    return ContentType.objects.get_for_model(Page)


def linked_page_ids(page):
    """The pages `page`'s saved row links to, per Wagtail's reference index."""
    rows = ReferenceIndex.get_references_for_object(page).filter(
        to_content_type=page_content_type()
    )
    return {int(pk) for pk in rows.values_list("to_object_id", flat=True)}


def referring_page_ids(page):
    rows = ReferenceIndex.get_references_to(page).filter(
        base_content_type=page_content_type()
    )
    return {int(pk) for pk in rows.values_list("object_id", flat=True)}


def page_path(page):
    """The page's path on its site, '/fr/communs/…/', or None outside any site."""
    parts = page.get_url_parts()
    return parts[2] if parts else None


def neighbour_pages(page, linked_before=()):
    translations = page.get_translations(inclusive=True).values_list("pk", flat=True)
    ids = {
        *translations,
        *linked_before,
        *linked_page_ids(page),
        *referring_page_ids(page),
    }
    return list(Page.objects.filter(pk__in=ids))


@receiver(pre_save)
def remember_linked_pages(sender, instance, update_fields=None, **kwargs):
    """Before a page's content is saved, note the pages it linked to until now.

    Saves limited to a few fields (a new draft, a lock) change no links.
    """
    if (
        isinstance(instance, Page)
        and instance.pk
        and update_fields is None
        and not in_bulk()
    ):
        instance._linked_before_save = linked_page_ids(instance)


@receiver(page_published)
@receiver(page_unpublished)
def page_changed(sender, instance, **kwargs):
    if in_bulk():
        return
    pages = neighbour_pages(instance, getattr(instance, "_linked_before_save", ()))
    paths = {path for path in map(page_path, pages) if path}
    page_ids = sorted(page.pk for page in pages)
    transaction.on_commit(lambda: tell_caches(paths, page_ids))


@receiver(post_page_move)
@receiver(page_slug_changed)
def tree_changed(**kwargs):
    transaction.on_commit(lambda: tell_caches(everything=True))


def shown_everywhere_changed(sender, **kwargs):
    transaction.on_commit(lambda: tell_caches(everything=True))


post_delete.connect(shown_everywhere_changed, sender=Page)
for model in (PageViewRestriction, Category, get_image_model(), get_document_model()):
    post_save.connect(shown_everywhere_changed, sender=model)
    post_delete.connect(shown_everywhere_changed, sender=model)


def tell_caches(paths=(), page_ids=(), everything=False):
    """Invalidate the page cache now and purge a CDN in the background.

    A cache that is down must not fail the editor's request, which has already
    committed: its entries expire after ATLAS_PAGE_CACHE_SECONDS anyway.
    """
    try:
        if everything:
            page_cache.invalidate_everything()
        else:
            page_cache.invalidate_paths(paths)
            page_cache.invalidate_aggregates()
    except Exception:
        logger.exception("The page cache could not be invalidated.")
    if getattr(settings, "WAGTAILFRONTENDCACHE", None):
        purge_frontend_cache.enqueue(list(page_ids), everything)


@task()
def purge_frontend_cache(page_ids, everything):
    """Purge the CDN: the changed pages and the aggregate views, in every language.

    CDNs purge by URL, not by prefix: a change to the tree purges every live page.
    """
    from wagtail.contrib.frontend_cache.utils import PurgeBatch

    live = Page.objects.live()
    if not everything:
        per_page = [m for m in get_page_models() if page_cache.caches_per_page(m)]
        live = live.filter(pk__in=page_ids) | live.not_type(*per_page)
    batch = PurgeBatch()
    batch.add_pages(live)
    batch.purge()
