"""Complete the catalogue of the language the msgids are written in (English).

The interface's msgids are English sentences, so the English catalogue's translations
equal them; `makemessages` leaves them empty. This copies each empty msgstr from its
msgid (plural forms too) and never touches a translation someone has written.
"""

import polib
from django.conf import settings
from django.core.management.base import BaseCommand

SOURCE_LANGUAGE = "en"


class Command(BaseCommand):
    help = "Fill the empty entries of the English catalogue with their msgids."
    requires_system_checks = []

    def handle(self, *args, **options):
        for locale_dir in settings.LOCALE_PATHS:
            po_path = locale_dir / SOURCE_LANGUAGE / "LC_MESSAGES" / "django.po"
            po = polib.pofile(str(po_path))
            filled = 0
            for entry in po:
                if entry.obsolete:
                    continue
                if "fuzzy" in entry.flags:
                    entry.flags.remove("fuzzy")
                    entry.msgstr = ""
                    entry.msgstr_plural = dict.fromkeys(entry.msgstr_plural, "")
                if entry.msgid_plural:
                    if not all(entry.msgstr_plural.values()):
                        entry.msgstr_plural = {0: entry.msgid, 1: entry.msgid_plural}
                        filled += 1
                elif not entry.msgstr:
                    entry.msgstr = entry.msgid
                    filled += 1
            po.save()
            self.stdout.write(
                f"{po_path.relative_to(settings.BASE_DIR)}: {filled} filled"
            )
