"""The demo loader fails whole on bad data (starting over: test_seed_demo)."""

import re

import pytest
import yaml
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page
from wagtail_localize.models import StringTranslation

from pages import demo_loader, models
from pages.demo_translations import TranslationDataError, translate_page

pytestmark = pytest.mark.django_db


def demo_copy_with(tmp_path, monkeypatch, file_name, change):
    """Point the loader at a copy of the demo data where `change` edited one file."""
    for data_file in demo_loader.DEMO_DIR.glob("*.yaml"):
        (tmp_path / data_file.name).write_text(data_file.read_text(encoding="utf-8"))
    data = yaml.safe_load((tmp_path / file_name).read_text(encoding="utf-8"))
    change(data)
    (tmp_path / file_name).write_text(yaml.safe_dump(data, allow_unicode=True))
    monkeypatch.setattr(demo_loader, "DEMO_DIR", tmp_path)


def entry(data, slug):
    return next(item for item in data if item["slug"] == slug)


def load_demo_and_fail(match=None):
    """Run `load_demo`, which must fail before writing anything (the data is checked
    first); returns the error."""
    with (
        CaptureQueriesContext(connection) as queries,
        pytest.raises(CommandError, match=match) as error,
    ):
        call_command("load_demo", verbosity=0)
    writes = [
        query["sql"]
        for query in queries
        if query["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
    ]
    assert writes == []
    return error.value


def test_bad_data_names_the_file_and_entry_and_writes_nothing(
    home_fr, monkeypatch, tmp_path
):
    demo_copy_with(
        tmp_path,
        monkeypatch,
        "events.yaml",
        lambda data: entry(data, "roumics-2014").update(start_date="2014-02-30"),
    )
    pages_before = Page.objects.count()

    error = load_demo_and_fail()

    assert "events.yaml, entry 'roumics-2014'" in str(error)
    assert "30" in str(error)
    assert Page.objects.count() == pages_before


def test_unknown_relation_is_reported(home_fr, monkeypatch, tmp_path):
    demo_copy_with(
        tmp_path,
        monkeypatch,
        "texts.yaml",
        lambda data: entry(data, "rapport-societe-de-la-cooperation")["lineage"].append(
            {"kind": "cites", "text": "loi-inconnue"}
        ),
    )

    load_demo_and_fail(match="no texts page with slug 'loi-inconnue'")
    assert not models.TextPage.objects.exists()


def test_a_slug_used_twice_is_refused(home_fr, monkeypatch, tmp_path):
    demo_copy_with(
        tmp_path,
        monkeypatch,
        "actors-notions.yaml",
        lambda data: data.append({**data[0], "slug": "anis"}),
    )

    with pytest.raises(CommandError, match="slug already used"):
        call_command("load_demo", verbosity=0)


def test_english_that_does_not_fit_its_page_is_refused_whole(
    home_fr, monkeypatch, tmp_path
):
    demo_copy_with(
        tmp_path,
        monkeypatch,
        "commons.yaml",
        lambda data: entry(data, "coop-communs")["en"]["body"].pop(),
    )
    pages_before = Page.objects.count()

    error = load_demo_and_fail()

    assert "commons.yaml, entry 'coop-communs'" in str(error)
    assert "en.body: 1 items where the French has 2" in str(error)
    assert Page.objects.count() == pages_before
    assert not StringTranslation.objects.exists()


@pytest.fixture
def french_commons(make_page, locale_en):
    """A published French page with two paragraphs, its index translated."""
    page = make_page(
        "commons",
        title="Jardin",
        body=[("paragraph", "<p>Un.</p>"), ("paragraph", "<p>Deux.</p>")],
    )
    page.get_parent().copy_for_translation(locale_en, copy_parents=True)
    return Page.objects.get(pk=page.pk).specific


@pytest.mark.parametrize(
    ("english", "message"),
    [
        ({"founded": "2022"}, "en.founded: not a translatable text"),
        (
            {"body": ["<p>One.</p><p>Two.</p>", "<p>Three.</p>"]},
            "en.body: 2 texts (paragraphs, list items) where the French has 1",
        ),
    ],
)
def test_english_that_does_not_fit_its_page_is_named(
    french_commons, locale_en, english, message
):
    with pytest.raises(TranslationDataError, match=re.escape(message)):
        translate_page(french_commons, english, locale_en)
    assert french_commons.get_translation_or_none(locale_en) is None
