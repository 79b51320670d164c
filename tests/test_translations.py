"""Page types go through wagtail-localize: synchronised dates, English rendering."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from wagtail_localize.operations import TranslationCreator

from timeline.fuzzy_date import FuzzyDate

pytestmark = pytest.mark.django_db


@pytest.fixture
def translator(db):
    return get_user_model().objects.create_superuser(
        "traductrice", password="pw-2026-x"
    )


@pytest.mark.parametrize(
    ("page_type", "date_field", "date"),
    [
        ("commons", "founded", FuzzyDate(2021)),
        ("chamber", "founded", FuzzyDate(2016)),
        ("actor", "founded", FuzzyDate(2016)),
        ("concept", "origin_date", FuzzyDate(2009, circa=True)),
        ("event", "start_date", FuzzyDate(2019, 10, 3)),
        ("text", "date", FuzzyDate(2014, 7, 31)),
    ],
)
def test_translation_keeps_dates_and_renders_in_english(
    client, make_page, locale_en, translator, page_type, date_field, date
):
    source = make_page(page_type, title="Source française", **{date_field: date})

    TranslationCreator(translator, [locale_en]).create_translations(source)

    english = source.get_translation(locale_en).specific
    assert not english.live, "translations wait for review before going live"
    assert getattr(english, date_field) == date
    english.title = "English translation"
    english.save_revision().publish()
    response = client.get(english.url)
    assert response.status_code == 200
    document = BeautifulSoup(response.content, "html.parser")
    assert document.html["lang"] == "en"
    assert document.h1.get_text() == "English translation"
    assert english.url.startswith("/en/")


def test_an_untranslated_alias_marks_its_french_text(
    client, make_page, indexes, locale_en, publish_translation
):
    """An alias in the English tree shows the French text, marked lang="fr"."""
    english_index = publish_translation(indexes["commons"], title="Commons")
    source = make_page(
        "commons", title="Jardin partagé", body=[("paragraph", "<p>Un jardin.</p>")]
    )
    alias = source.create_alias(parent=english_index, update_locale=locale_en)
    translated = make_page("commons", title="Verger")
    english = publish_translation(translated, title="Orchard")

    document = BeautifulSoup(client.get(alias.url).content, "html.parser")
    assert document.html["lang"] == "en"
    assert document.h1["lang"] == "fr"
    assert document.select_one(".wiki-page__summary")["lang"] == "fr"
    assert document.find("p", string="Un jardin.").find_parent(lang="fr")

    document = BeautifulSoup(client.get(english.url).content, "html.parser")
    assert not document.h1.has_attr("lang")
    assert document.find(class_="wiki-page__content").find(lang=True) is None
