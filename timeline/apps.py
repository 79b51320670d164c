from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TimelineConfig(AppConfig):
    """Everything dated: fuzzy dates, timelines, the chronology and the genealogy."""

    name = "timeline"
    verbose_name = _("Timeline")

    def ready(self):
        from timeline import signals  # noqa: F401 (connects the receivers)
