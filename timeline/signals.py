"""Keep the chronology read-model in step with what is published.

Deletion needs no receiver: the rows go with their page (on_delete=CASCADE). Nor does
a move: rows hold no URL or position, and view restrictions are applied when the
chronology is read.
"""

from django.dispatch import receiver
from wagtail.signals import page_published, page_unpublished

from timeline.chronology import remove_page, sync_page


@receiver(page_published)
def sync_published_page(sender, instance, **kwargs):
    # Also runs for a translation published by wagtail-localize, a scheduled
    # publication, a revert, and a copy that stays live.
    sync_page(instance)


@receiver(page_unpublished)
def remove_unpublished_page(sender, instance, **kwargs):
    remove_page(instance)
