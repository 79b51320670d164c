"""The interface speaks French and English: catalogues complete, compiled, current."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

from tests.conftest import require_system_tool

BASE_DIR = Path(__file__).resolve().parent.parent
LANGUAGES = ["fr", "en"]


def catalogue(language):
    return polib.pofile(
        str(BASE_DIR / "locale" / language / "LC_MESSAGES" / "django.po")
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalogue_has_no_untranslated_or_fuzzy_entry(language):
    po = catalogue(language)

    assert len(po) > 20
    assert [entry.msgid for entry in po.untranslated_entries()] == []
    assert [entry.msgid for entry in po.fuzzy_entries()] == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_plural_entries_have_every_form_of_the_language(language):
    """French catalogues declare three plural forms (0-1, millions, other)."""
    po = catalogue(language)
    forms = int(re.search(r"nplurals=(\d+)", po.metadata["Plural-Forms"]).group(1))

    incomplete = [
        entry.msgid
        for entry in po
        if entry.msgid_plural
        and sorted(int(n) for n, text in entry.msgstr_plural.items() if text)
        != list(range(forms))
    ]
    assert incomplete == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_compiled_catalogue_matches_its_source(language):
    po = catalogue(language)
    mo_path = BASE_DIR / "locale" / language / "LC_MESSAGES" / "django.mo"

    assert mo_path.exists(), "run `python manage.py compile_catalogues`"
    compiled = {
        (e.msgctxt, e.msgid): (e.msgstr, e.msgstr_plural)
        for e in polib.mofile(str(mo_path))
    }
    source = {
        (e.msgctxt, e.msgid): (e.msgstr, e.msgstr_plural)
        for e in po.translated_entries()
    }
    assert compiled == source


def test_catalogues_hold_every_string_of_the_code(tmp_path):
    """makemessages on a copy of the project finds nothing the catalogues lack."""
    require_system_tool("xgettext", "makemessages extracts strings with GNU gettext")
    copy = tmp_path / "project"
    shutil.copytree(
        BASE_DIR,
        copy,
        ignore=shutil.ignore_patterns(
            ".venv",
            ".git",
            "staticfiles",
            "media",
            "*.sqlite3",
            "node_modules",
            "__pycache__",
        ),
    )
    result = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "makemessages",
            "--all",
            "--no-location",
            "--no-obsolete",
        ],
        cwd=copy,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr

    for language in LANGUAGES:
        extracted = polib.pofile(
            str(copy / "locale" / language / "LC_MESSAGES" / "django.po")
        )
        missing = sorted(
            {e.msgid for e in extracted} - {e.msgid for e in catalogue(language)}
        )
        assert missing == [], f"{language}: run `make messages` and translate {missing}"
