"""Import a file of records (MediaWiki, GoGoCarto, GeoJSON, CSV, Bazar) as pages."""

import logging
import sys
from functools import partial

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from importers.mapping import MappingError, load_mapping
from importers.records import ImportFileError
from importers.registry import PARSERS
from importers.runner import CONFLICT, ERROR, SKIPPED, import_file


class Command(BaseCommand):
    help = (
        "Import records from FILE as pages, as the YAML mapping says: drafts submitted "
        "to review, or published with --publish. A re-run updates the pages it made."
    )

    def add_arguments(self, parser):
        parser.add_argument("format", choices=sorted(PARSERS))
        parser.add_argument("file")
        parser.add_argument("--mapping", required=True, help="The YAML mapping file.")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Report what would be done; write nothing.",
        )
        parser.add_argument(
            "--publish", action="store_true", help="Publish instead of submitting."
        )
        parser.add_argument("--user", help="Username the revisions are saved as.")

    def handle(self, *args, format, file, mapping, dry_run, publish, user, **options):
        try:
            with open(mapping, encoding="utf-8") as mapping_file:
                mapping = load_mapping(mapping_file.read())
        except OSError as error:
            raise CommandError(f"Cannot read the mapping: {error}") from None
        except MappingError as error:
            raise invalid_mapping(error) from None
        if user:
            try:
                user = get_user_model().objects.get_by_natural_key(user)
            except get_user_model().DoesNotExist:
                raise CommandError(f"No user “{user}”.") from None
        show_progress = options["verbosity"] > 0 and sys.stderr.isatty()
        # Wagtail logs each creation, edit and publication: one line per record.
        wagtail_logger = logging.getLogger("wagtail")
        level = wagtail_logger.level
        wagtail_logger.setLevel(logging.WARNING)
        try:
            with open(file, "rb") as source:
                report = import_file(
                    format,
                    source,
                    mapping,
                    user=user,
                    dry_run=dry_run,
                    publish=publish,
                    progress=partial(tqdm, disable=not show_progress, unit=" records"),
                )
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error}") from None
        except ImportFileError as error:
            raise CommandError(str(error)) from None
        except MappingError as error:  # options only the format's parser reads
            raise invalid_mapping(error) from None
        finally:
            wagtail_logger.setLevel(level)
        for line in report.lines:
            if options["verbosity"] > 1 or line.outcome in (CONFLICT, SKIPPED, ERROR):
                self.stdout.write(f"  {line}")
            elif line.warnings and options["verbosity"] > 0:
                self.stdout.write(f"  {line}")
        self.stdout.write(self.style.SUCCESS(report.summary()))


def invalid_mapping(error):
    return CommandError(
        "The mapping is not valid:\n"
        + "\n".join(f"- {message}" for message in error.errors)
    )
