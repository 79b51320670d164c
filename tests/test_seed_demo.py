"""The demo atlas as loaded: every page type, idempotent, every page answers.

Part of it is translated into English through wagtail-localize.
"""

import json
import re

import pytest
import yaml
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Locale, Page, PageLogEntry
from wagtail_localize.fields import SynchronizedField, get_translatable_fields
from wagtail_localize.models import StringTranslation, Translation

from pages import demo_loader, models
from tests.conftest import load_demo_atlas, run_load_demo
from timeline.models import ChronologyPage, GenealogyPage

PAGE_MODELS = [model for model, _index in demo_loader.KINDS.values()]


@pytest.fixture(scope="module")
def demo(module_db, demo_atlas_snapshot):
    """The demo atlas as `load_demo` wrote it, for this module; rolled back after it."""
    load_demo_atlas(demo_atlas_snapshot)


def translated_entries():
    """(French page, English mapping) of every demo entry that has an `en:` block."""
    home = Page.objects.get(depth=2, locale__language_code="fr").specific
    entries = [(home, demo_loader.read_data_file("home.yaml")["en"])]
    for kind, values in demo_loader.read_data_file("indexes.yaml").items():
        index_model = demo_loader.KINDS[kind][1]
        entries.append((index_model.objects.get(locale=home.locale), values["en"]))
    for key, values in demo_loader.read_data_file("views.yaml").items():
        view_model = demo_loader.VIEWS[key]
        entries.append((view_model.objects.get(locale=home.locale), values["en"]))
    for kind, (model, _index_model) in demo_loader.KINDS.items():
        for entry in demo_loader.read_kind(kind):
            if "en" in entry:
                french = model.objects.get(slug=entry["slug"], locale=home.locale)
                entries.append((french, entry["en"]))
    return entries


def english_of(french):
    return french.get_translation(Locale.objects.get(language_code="en")).specific


pytestmark = pytest.mark.django_db


def test_demo_has_pages_of_every_type(demo):
    for model in PAGE_MODELS:
        assert model.objects.live().exists(), model.__name__


def test_demo_home_is_published_with_a_log_entry_in_each_language(demo):
    home = models.HomePage.objects.get(locale__language_code="fr", depth=2)

    assert "wiki des communs" in home.intro
    assert english_of(home).intro.startswith("<p>A wiki")
    assert PageLogEntry.objects.filter(page=home, action="wagtail.publish").exists()


def test_demo_load_is_idempotent(demo):
    pages_before = Page.objects.count()
    revisions_before = sum(page.revisions.count() for page in Page.objects.all())

    string_translations_before = StringTranslation.objects.count()
    redirects_before = Redirect.objects.count()

    output = run_load_demo()

    assert re.search(
        r"0 created, 0 updated, \d+ unchanged; "
        r"translations: 0 created, 0 updated, \d+ unchanged",
        output,
    ), output
    assert Page.objects.count() == pages_before
    assert (
        sum(page.revisions.count() for page in Page.objects.all()) == revisions_before
    )
    assert StringTranslation.objects.count() == string_translations_before
    assert Redirect.objects.count() == redirects_before


def test_demo_relations_are_set(demo):
    commons = models.CommonsPage.objects.get(
        slug="coop-communs", locale__language_code="fr"
    )
    assert commons.latitude == pytest.approx(48.8156)
    chamber = models.ChamberPage.objects.get(
        slug="chambre-des-communs-de-lille", locale__language_code="fr"
    )
    assert chamber.governance_groups.count() == 3
    event = models.EventPage.objects.get(
        slug="roumics-2014", locale__language_code="fr"
    )
    assert {link.actor.slug for link in event.organiser_links.all()} == {
        "anis",
        "collectif-catalyst",
    }
    report = models.TextPage.objects.get(
        slug="rapport-societe-de-la-cooperation", locale__language_code="fr"
    )
    assert "loi-ess-2014" in {link.target.slug for link in report.lineage_links.all()}


def test_every_demo_page_answers_on_the_site_and_in_the_admin(
    demo, admin_client, client
):
    edited_types = set()
    for page in Page.objects.filter(depth__gt=1).live().specific():
        assert client.get(page.url).status_code == 200, page.url
        # The editor of each type in each language: the form is built per type, and
        # every page's content already went through its full rendering above.
        kind = (type(page), page.locale_id)
        if kind not in edited_types:
            edited_types.add(kind)
            edit = admin_client.get(f"/admin/pages/{page.pk}/edit/")
            assert edit.status_code == 200, page.url


def test_demo_translates_home_indexes_and_content_of_every_kind(demo):
    entries = translated_entries()
    content = [french for french, _english in entries if french.depth > 3]

    assert len(entries) - len(content) == 1 + len(demo_loader.KINDS) + len(
        demo_loader.VIEWS
    )
    assert len(content) >= 10
    assert {type(page) for page in content} == set(PAGE_MODELS)
    english_pages = Page.objects.filter(locale__language_code="en", depth__gt=1)
    assert english_pages.count() == len(entries), "other pages stay untranslated"


@pytest.mark.parametrize(
    ("language", "least_entries", "least_places"), [("fr", 40, 15), ("en", 10, 5)]
)
def test_chronology_genealogy_and_map_show_the_demo_in_each_language(
    demo, client, language, least_entries, least_places
):
    chronology = ChronologyPage.objects.get(locale__language_code=language)
    entries = client.get(chronology.url + "json/").json()["entries"]
    assert len(entries) >= least_entries
    assert len({entry["year"] for entry in entries}) >= 5
    assert {"event", "text", "commons", "chamber"} <= {e["kind"] for e in entries}
    assert any(entry["role"] == "entry" for entry in entries), "the chamber's history"

    genealogy = GenealogyPage.objects.get(locale__language_code=language)
    document = BeautifulSoup(client.get(genealogy.url).content, "html.parser")
    assert document.select("#texts ~ figure path.genealogy__edge")

    map_page = models.MapPage.objects.get(locale__language_code=language)
    geojson = client.get(reverse("map_geojson"), {"locale": language}).json()
    assert len(geojson["features"]) >= least_places
    assert client.get(map_page.url).status_code == 200


def test_english_pages_answer_in_english_at_their_own_address(demo, client):
    for french, english_texts in translated_entries():
        english = english_of(french)
        url = english.url
        assert url.startswith("/en/"), url
        assert english.depth < 3 or url.endswith(f"/{english_texts['slug']}/"), url

        response = client.get(url)

        assert response.status_code == 200, url
        document = BeautifulSoup(response.content, "html.parser")
        assert document.html["lang"] == "en"
        assert document.h1.get_text(strip=True) == english_texts["title"], url
        if "summary" in english_texts:
            assert english.summary == english_texts["summary"], url
            assert english_texts["summary"] in document.get_text(" ", strip=True), url


def test_english_pages_are_synced_wagtail_localize_translations(demo):
    for french, _english_texts in translated_entries():
        english = english_of(french)
        translation = Translation.objects.get(
            source__object_id=french.translation_key,
            source__locale=french.locale,
            target_locale=english.locale,
        )

        assert translation.enabled
        assert english.translation_key == french.translation_key
        assert english.live and not english.has_unpublished_changes
        if french.depth > 2:  # the homes are the tree's roots
            assert english.get_parent().specific == english_of(french.get_parent())
        # The source holds the French page as published: nothing left to sync.
        source_content = json.loads(translation.source.content_json)
        assert source_content == json.loads(french.to_json()), french.url
        # Dates, places, identifiers: the same values in both languages.
        for translatable_field in get_translatable_fields(type(french)):
            field = translatable_field.get_field(type(french))
            if isinstance(translatable_field, SynchronizedField) and field.concrete:
                english_value = field.value_from_object(english)
                french_value = field.value_from_object(french)
                if isinstance(french_value, list):
                    # Tags and categories: PostgreSQL returns them in any order.
                    english_value, french_value = (
                        sorted(english_value, key=str),
                        sorted(french_value, key=str),
                    )
                assert english_value == french_value, field.name


def test_english_text_reaches_stream_blocks_and_list_items(demo, client):
    chamber = models.ChamberPage.objects.get(
        slug="chambre-des-communs-de-lille", locale__language_code="fr"
    )
    english = english_of(chamber)

    text = BeautifulSoup(client.get(english.url).content, "html.parser").main
    text = text.get_text(" ", strip=True)

    assert "Inform and exchange" in text
    assert "Share good practices" in text  # an item of a list block
    assert "Prefer calls for commons to calls for projects." in text
    assert "brings together companies, associations" in text
    for french_text in ["Informer et échanger", "Partager les bonnes pratiques"]:
        assert french_text not in text


def test_untranslated_page_sends_english_readers_to_the_english_home(demo, client):
    actor = models.ActorPage.objects.get(
        slug="collectif-catalyst", locale__language_code="fr"
    )
    assert actor.get_translation_or_none(Locale.objects.get(language_code="en")) is None

    document = BeautifulSoup(client.get(actor.url).content, "html.parser")

    english_link = document.select_one(".language-switcher a[hreflang=en]")
    assert english_link["href"] == "/en/"
    assert "pas encore traduite" in english_link.get_text()
    assert client.get("/en/actors/collectif-catalyst/").status_code == 404


def test_translated_page_switches_language_to_its_translation(demo, client):
    concept = models.ConceptPage.objects.get(slug="communs", locale__language_code="fr")

    document = BeautifulSoup(client.get(concept.url).content, "html.parser")

    english_link = document.select_one(".language-switcher a[hreflang=en]")
    assert english_link["href"] == "/en/glossary/commons/"
    assert not english_link.has_attr("title")


def test_demo_redirects_lead_somewhere_else_that_answers(demo, client):
    for redirect in Redirect.objects.select_related("redirect_page"):
        response = client.get(redirect.old_path)

        assert response.status_code == 301, redirect.old_path
        target = response["Location"]
        assert target.rstrip("/") != redirect.old_path.rstrip("/"), target
        assert client.get(target).status_code == 200, target


def search_result_titles(client, words):
    response = client.get("/fr/search/", {"q": words})
    document = BeautifulSoup(response.content, "html.parser")
    return sorted(a.text for a in document.select(".search-results__title a"))


@pytest.mark.parametrize(
    ("singular", "plural"), [("forêt", "forêts"), ("coopérative", "coopératives")]
)
def test_search_finds_french_words_in_their_inflected_forms(
    demo, client, singular, plural
):
    found = search_result_titles(client, singular)
    assert found
    assert search_result_titles(client, plural) == found


def one_commons_demo(tmp_path, monkeypatch, slug):
    """Point the loader at a copy of the demo holding one commons page (and the home,
    its indexes and views): quick to load again."""
    for name in ("home.yaml", "indexes.yaml", "views.yaml"):
        source = demo_loader.DEMO_DIR / name
        (tmp_path / name).write_text(source.read_text(encoding="utf-8"))
    commons = [e for e in demo_loader.read_kind("commons") if e["slug"] == slug]
    data = yaml.safe_dump(commons, allow_unicode=True)
    (tmp_path / "commons.yaml").write_text(data, encoding="utf-8")
    monkeypatch.setattr(demo_loader, "DEMO_DIR", tmp_path)


# Last of the module: it starts the demo over.
def test_reset_starts_over(demo, tmp_path, monkeypatch):
    english_locale = Locale.objects.get(language_code="en")
    commons = models.CommonsPage.objects.get(
        slug="coop-communs", locale__language_code="fr"
    )
    english = commons.get_translation(english_locale)
    one_commons_demo(tmp_path, monkeypatch, "coop-communs")

    run_load_demo("--reset")

    assert not Page.objects.filter(pk__in=[commons.pk, english.pk]).exists()
    # Everything under the indexes went, not only what the data names again.
    assert not models.ActorPage.objects.exists()
    assert models.CommonsPage.objects.count() == 2
    commons = models.CommonsPage.objects.get(
        slug="coop-communs", locale__language_code="fr"
    )
    assert commons.get_translation(english_locale).live
    assert Translation.objects.filter(
        source__object_id=commons.translation_key, target_locale=english_locale
    ).exists()
