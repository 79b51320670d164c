"""Keep the chronology read-model in step with what is published.

The work is a background task (django-tasks, like Wagtail's search and reference
indexes): run at once by the immediate backend, or by `manage.py db_worker` when
TASKS_BACKEND=database, so that a publication never waits for it. Either way it runs
in its own savepoint, and a failure is logged without undoing the publication;
`manage.py rebuild_chronology` repairs what a failed run left behind.

Deletion needs no receiver: the rows go with their page (on_delete=CASCADE). Nor does
a move: rows hold no URL or position, and view restrictions are applied when the
chronology is read.
"""

import logging

from django.db import transaction
from django.dispatch import receiver
from django_tasks import task
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished

from timeline.chronology import sync_page

logger = logging.getLogger(__name__)


@task()
def sync_chronology(page_id):
    page = Page.objects.filter(pk=page_id).first()
    if page is None:
        return  # Deleted since: its rows went with it.
    try:
        with transaction.atomic():
            sync_page(page)
    except Exception:
        logger.exception("The chronology of page %s could not be updated.", page_id)
        raise


@receiver(page_published)
@receiver(page_unpublished)
def sync_changed_page(sender, instance, **kwargs):
    # Also runs for a translation published by wagtail-localize, a scheduled
    # publication, a revert, a copy that stays live, and an expiry.
    sync_chronology.enqueue(instance.pk)
