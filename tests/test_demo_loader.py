"""The demo loader: starts over on request, fails whole on bad data."""

import pytest
import yaml
from django.core.management import CommandError, call_command
from wagtail.models import Page
from wagtail_localize.models import StringTranslation, Translation

from pages import demo_loader, models

pytestmark = pytest.mark.django_db


def test_reset_starts_over(home_fr, locale_en):
    call_command("load_demo", verbosity=0)
    commons = models.CommonsPage.objects.get(
        slug="coop-communs", locale__language_code="fr"
    )
    english = commons.get_translation(locale_en)

    call_command("load_demo", "--reset", verbosity=0)

    assert not Page.objects.filter(pk__in=[commons.pk, english.pk]).exists()
    commons = models.CommonsPage.objects.get(
        slug="coop-communs", locale__language_code="fr"
    )
    assert commons.get_translation(locale_en).live
    assert Translation.objects.filter(
        source__object_id=commons.translation_key, target_locale=locale_en
    ).exists()


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

    with pytest.raises(CommandError) as error:
        call_command("load_demo", verbosity=0)

    assert "events.yaml, entry 'roumics-2014'" in str(error.value)
    assert "30" in str(error.value)
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

    with pytest.raises(CommandError, match="no texts page with slug 'loi-inconnue'"):
        call_command("load_demo", verbosity=0)
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


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda english: english["body"].pop(),
            "en.body: 1 items where the French has 2",
        ),
        (
            lambda english: english.update(founded="2022"),
            "en.founded: not a translatable text",
        ),
        (
            lambda english: english.update(
                body=["<p>One.</p><p>Two.</p>", english["body"][1]]
            ),
            "en.body: 2 texts (paragraphs, list items) where the French has 1",
        ),
    ],
)
def test_english_that_does_not_fit_its_page_is_refused_whole(
    home_fr, monkeypatch, tmp_path, change, message
):
    demo_copy_with(
        tmp_path,
        monkeypatch,
        "commons.yaml",
        lambda data: change(entry(data, "coop-communs")["en"]),
    )
    pages_before = Page.objects.count()

    with pytest.raises(CommandError) as error:
        call_command("load_demo", verbosity=0)

    assert "commons.yaml, entry 'coop-communs'" in str(error.value)
    assert message in str(error.value)
    assert Page.objects.count() == pages_before
    assert not StringTranslation.objects.exists()
