from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PagesConfig(AppConfig):
    """The wiki's content types."""

    name = "pages"
    verbose_name = _("Wiki pages")

    def ready(self):
        from django.db.models.signals import pre_delete
        from wagtail.models import Page

        from pages.deleted_pages import snapshot_before_delete

        # Connected before Wagtail's own pre_delete handler (wagtail comes after
        # pages in INSTALLED_APPS), which unpublishes the page in memory.
        pre_delete.connect(snapshot_before_delete, sender=Page)

        # Connects the receivers that keep the restricted paths and the page cache
        # fresh.
        from pages import cache_invalidation, visibility  # noqa: F401
