"""Whether anyone may read a page: live, and under no view restriction.

`page.live` alone lets through a page with a password, login or group restriction
on itself or an ancestor; querysets use Wagtail's `.live().public()`, single pages
(links from one page to another) `is_public`.
"""

import threading

from django.core.signals import request_started
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import PageViewRestriction

# The restricted paths, read once per request: a page lists many links.
_memo = threading.local()


def restricted_paths():
    """The paths of the pages with a view restriction (each covers its subtree)."""
    paths = getattr(_memo, "paths", None)
    if paths is None:
        paths = tuple(PageViewRestriction.objects.values_list("page__path", flat=True))
        _memo.paths = paths
    return paths


@receiver(request_started)
@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
def forget_restricted_paths(**kwargs):
    _memo.paths = None


def is_public(page):
    """True when `page` is live and no view restriction covers it."""
    return (
        page is not None and page.live and not page.path.startswith(restricted_paths())
    )
