from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AtlasConfig(AppConfig):
    """Site-wide wiring: templates, static files, search and health views, commands."""

    name = "atlas"
    verbose_name = _("Atlas des communs")

    def ready(self):
        from atlas import checks  # noqa: F401  (registers the deployment checks)
        from atlas.two_factor import provide_wagtail_users_widgets

        provide_wagtail_users_widgets()
