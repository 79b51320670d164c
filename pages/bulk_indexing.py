"""Bulk page work (generated atlases, imports) without re-indexing at each save.

Wagtail updates a page's search entry and reference index on every save of the page
and of its child objects: several times per page created, revised and published.
Bulk work saves first under `indexes_deferred()`, then indexes the pages it touched
once, in batches, with `index_pages()`.

The deferral is process-wide (Django settings and Wagtail's own switch): run it
where the process does nothing else meanwhile (a management command, a task
worker, a gunicorn sync worker's request), never beside other requests' threads.
"""

import copy
from contextlib import contextmanager

from django.conf import settings
from django.db import transaction
from django.test import override_settings
from wagtail.models import Page, ReferenceIndex
from wagtail.search.backends import get_search_backends
from wagtail.signal_handlers import disable_reference_index_auto_update

BATCH_SIZE = 200


@contextmanager
def indexes_deferred():
    """Page saves touch neither the search index nor the reference index meanwhile."""
    backends = copy.deepcopy(settings.WAGTAILSEARCH_BACKENDS)
    for params in backends.values():
        params["AUTO_UPDATE"] = False
    with (
        override_settings(WAGTAILSEARCH_BACKENDS=backends),
        disable_reference_index_auto_update(),
    ):
        yield


def index_pages(page_ids, progress=None):
    """Index these pages' references and search texts, type by type, in bulk."""
    progress = progress or no_progress
    by_model = {}
    for page in Page.objects.filter(pk__in=page_ids).only("pk", "content_type"):
        by_model.setdefault(page.specific_class, []).append(page.pk)
    backends = list(get_search_backends())
    steps = progress(total=len(page_ids), desc="Indexing")
    for model, ids in by_model.items():
        for chunk_ids in batches(ids):
            with transaction.atomic():
                chunk = list(model.objects.filter(pk__in=chunk_ids))
                for page in chunk:
                    ReferenceIndex.create_or_update_for_object(page)
                for backend in backends:
                    backend.add_bulk(model, chunk)
            steps.update(len(chunk))


def batches(items, size=BATCH_SIZE):
    for start in range(0, len(items), size):
        yield items[start : start + size]


class no_progress:
    """Stands for tqdm when nobody watches."""

    def __init__(self, iterable=(), **kwargs):
        self.iterable = iterable

    def __iter__(self):
        return iter(self.iterable)

    def update(self, count):
        pass
