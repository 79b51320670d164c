"""Give locales added since the migrations their share of the roles and the workflow."""

from django.apps import apps
from django.core.management.base import BaseCommand

from pages.roles import set_up_roles


class Command(BaseCommand):
    help = (
        "Create or complete the Editors, Moderators and Translators groups and the "
        "Relecture workflow on every locale's home page (idempotent)."
    )

    def handle(self, *args, **options):
        set_up_roles(apps)
        self.stdout.write(
            self.style.SUCCESS("Roles and the Relecture workflow are set up.")
        )
