"""Rebuild the chronology read-model from every live page."""

import sys

from django.core.management.base import BaseCommand
from django.db import transaction
from tqdm import tqdm

from timeline.chronology import rebuild


class Command(BaseCommand):
    help = (
        "Recompute the chronology entries of every live page and delete those of "
        "pages that are no longer live. Safe to run at any time."
    )

    def handle(self, *args, verbosity=1, **options):
        show_progress = verbosity > 0 and sys.stderr.isatty()

        def progress(pages, total):
            return tqdm(pages, total=total, unit="page", disable=not show_progress)

        with transaction.atomic():
            report = rebuild(progress)
        self.stdout.write(self.style.SUCCESS(f"Chronology entries: {report}."))
