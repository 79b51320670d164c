from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImportersConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "importers"
    verbose_name = _("Importers")

    def ready(self):
        # After wagtail.admin (INSTALLED_APPS order) has connected its notifiers.
        from importers.notifications import wrap_wagtail_submission_notifiers

        wrap_wagtail_submission_notifiers()
