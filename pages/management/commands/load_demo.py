"""Load the demo atlas from the data files in pages/demo/ (idempotent)."""

from pathlib import Path

import yaml
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from wagtail.models import Locale

from pages.models import HomePage

DEMO_DIR = Path(__file__).resolve().parents[2] / "demo"


def read_data_file(name):
    path = DEMO_DIR / name
    try:
        with path.open(encoding="utf-8") as stream:
            return yaml.safe_load(stream) or {}
    except (OSError, yaml.YAMLError) as error:
        raise CommandError(f"{path.name}: cannot be read: {error}") from error


class Command(BaseCommand):
    help = "Create or update the demo atlas from pages/demo/*.yaml. Safe to run again."

    @transaction.atomic
    def handle(self, *args, **options):
        updated = self.load_home_pages(read_data_file("home.yaml"))
        self.stdout.write(
            self.style.SUCCESS(f"Demo atlas loaded: {updated} home page(s) updated.")
        )

    def load_home_pages(self, data):
        updated = 0
        for language_code, values in data.items():
            try:
                locale = Locale.objects.get(language_code=language_code)
                home = HomePage.objects.get(locale=locale, depth=2)
            except (Locale.DoesNotExist, HomePage.DoesNotExist) as error:
                raise CommandError(
                    f"home.yaml, entry {language_code!r}: no home page in that locale "
                    "(run migrate first)."
                ) from error
            if home.title == values["title"] and home.intro == values["intro"]:
                continue
            home.title = values["title"]
            home.intro = values["intro"]
            home.save_revision(log_action=True).publish()
            updated += 1
        return updated
