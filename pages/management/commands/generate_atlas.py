"""Add many synthetic pages to the atlas, for benchmarks and load tests."""

import logging
import secrets
import sys
from functools import partial

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from pages.synthetic import generate_atlas


class Command(BaseCommand):
    help = (
        "Add N synthetic pages of every type under the French index pages, linked, "
        "published several times, some translated into English. Each run adds pages."
    )

    def add_arguments(self, parser):
        parser.add_argument("--pages", type=int, default=1000, help="How many pages.")
        parser.add_argument(
            "--seed",
            type=int,
            help="Same seed, same content (default: a random seed, printed).",
        )
        parser.add_argument(
            "--translations",
            type=float,
            default=0.2,
            help="Share of the pages translated into English (0 to 1).",
        )
        parser.add_argument(
            "--revisions",
            type=int,
            default=2,
            help="Published revisions per page (at least 1).",
        )

    def handle(self, *args, pages, seed, translations, revisions, **options):
        if pages < 1 or not 0 <= translations <= 1 or revisions < 1:
            raise CommandError(
                "--pages and --revisions must be at least 1, --translations in 0..1."
            )
        if seed is None:
            seed = secrets.randbelow(2**31)
        show_progress = options["verbosity"] > 0 and sys.stderr.isatty()
        # Wagtail logs each creation, edit and publication: tens of thousands of lines.
        wagtail_logger = logging.getLogger("wagtail")
        level = wagtail_logger.level
        wagtail_logger.setLevel(logging.WARNING)
        try:
            report = self.generate(pages, seed, translations, revisions, show_progress)
        finally:
            wagtail_logger.setLevel(level)
        self.stdout.write(self.style.SUCCESS(f"Generated {report.summary()}."))

    def generate(self, pages, seed, translations, revisions, show_progress):
        return generate_atlas(
            pages,
            seed=seed,
            translations=translations,
            revisions=revisions,
            progress=partial(tqdm, disable=not show_progress),
        )
