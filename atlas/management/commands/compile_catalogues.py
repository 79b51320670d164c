"""Compile locale/*/LC_MESSAGES/*.po into .mo files with polib.

Django's own `compilemessages` needs GNU gettext's msgfmt, a system package; polib is a
Python dependency, so `make run` works on a machine without gettext. Fuzzy entries are
left out, as msgfmt does by default.
"""

from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand


def catalogue_paths():
    for locale_dir in settings.LOCALE_PATHS:
        yield from sorted(Path(locale_dir).glob("*/LC_MESSAGES/*.po"))


class Command(BaseCommand):
    help = "Compile the project's gettext catalogues (.po) into .mo files."
    # Runs before the database exists (install, image build): no system checks.
    requires_system_checks = []

    def handle(self, *args, **options):
        for po_path in catalogue_paths():
            mo_path = po_path.with_suffix(".mo")
            if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
                continue
            polib.pofile(str(po_path)).save_as_mofile(str(mo_path))
            self.stdout.write(f"Compiled {mo_path.relative_to(settings.BASE_DIR)}")
