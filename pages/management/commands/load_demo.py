"""Load the demo atlas from the data files in pages/demo/ (idempotent)."""

import sys

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from tqdm import tqdm
from wagtail.models import Locale, Page

from pages.demo_loader import DemoDataError, DemoLoader
from pages.models import WikiIndexPage


class Command(BaseCommand):
    help = "Create or update the demo atlas from pages/demo/*.yaml. Safe to run again."

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Delete the demo pages first (everything under the index pages).",
        )

    def handle(self, *args, reset=False, verbosity=1, **options):
        show_progress = verbosity > 0 and sys.stderr.isatty()
        try:
            with transaction.atomic():
                if reset:
                    self.reset()
                loader = DemoLoader(
                    progress=lambda items, **kwargs: tqdm(
                        items, disable=not show_progress, **kwargs
                    )
                )
                report = loader.load()
        except DemoDataError as error:
            raise CommandError(f"Nothing was loaded: {error}") from error
        self.stdout.write(self.style.SUCCESS(f"Demo atlas loaded: {report.summary()}."))

    def reset(self):
        """Delete the index pages and their subtrees, translations before sources."""
        indexes = Page.objects.type(*WikiIndexPage.__subclasses__())
        default = Locale.get_default()
        for pk in [
            *indexes.exclude(locale=default).values_list("pk", flat=True),
            *indexes.filter(locale=default).values_list("pk", flat=True),
        ]:
            # Fetched one by one: deleting a page may already have removed another.
            page = Page.objects.filter(pk=pk).first()
            if page is not None:
                page.delete()
        self.stdout.write("Deleted the demo index pages and everything under them.")
