from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PagesConfig(AppConfig):
    """The wiki's content types."""

    name = "pages"
    verbose_name = _("Wiki pages")

    def ready(self):
        # Connects the receivers that keep the restricted paths fresh.
        from pages import visibility  # noqa: F401
