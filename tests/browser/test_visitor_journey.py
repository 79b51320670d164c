"""A visitor walks through the demo atlas in Chromium, from page to page, as a person.

Home, the glossary and a related concept, the chronology filtered by kind, the
genealogy, the map's filters and a marker's popup, a commons page with its history and
a diff, the search, and the language navigation there and back.
"""

import re

import pytest
from playwright.sync_api import expect

from pages.models import CommonsPage
from tests.conftest import load_demo_atlas

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

# Pages of the demo atlas the journey goes through.
SKATEPARK = "Skatepark co-construit de Lezoux"
GRAINS_DE_SEL = "Les Grains de Sel"


@pytest.fixture
def demo_atlas(restored_site, demo_atlas_snapshot):
    """The demo atlas, with the skatepark published a second time (a new summary)."""
    load_demo_atlas(demo_atlas_snapshot)
    skatepark = CommonsPage.objects.get(title=SKATEPARK, locale__language_code="fr")
    skatepark.summary = "Un skatepark imaginé et construit avec les jeunes de Lezoux."
    skatepark.save_revision().publish()
    return skatepark


def test_a_visitor_journey_through_the_atlas(page, demo_atlas):
    tiles_aborted = []
    page.route(
        re.compile(r"tile\.openstreetmap\.org"),
        lambda route: (tiles_aborted.append(route.request.url), route.abort()),
    )
    main = page.get_by_role("main")
    heading = page.get_by_role("heading", level=1)

    # Home, then the glossary through the main menu.
    page.goto("/fr/")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    menu = page.get_by_role("navigation", name="Navigation principale")
    menu.get_by_role("link", name="Glossaire").click()
    expect(page).to_have_url(re.compile(r"/fr/glossaire/$"))
    expect(heading).to_have_text("Glossaire")
    expect(menu.get_by_role("link", name="Glossaire")).to_have_attribute(
        "aria-current", "page"
    )

    # A concept, then one of its related concepts (listed once, though the relation
    # is stated from both ends).
    main.get_by_role("link", name="Commun numérique", exact=True).first.click()
    expect(heading).to_have_text("Commun numérique")
    expect(page.get_by_role("complementary", name="Définition")).to_contain_text(
        "ressource est dématérialisée"
    )
    related = page.get_by_role("region", name="Notions associées")
    expect(related.get_by_role("listitem")).to_have_count(1)
    related.get_by_role("link", name="Licence à réciprocité").click()
    expect(heading).to_have_text("Licence à réciprocité")
    backlinks = page.get_by_role("region", name="Pages qui renvoient ici")
    expect(backlinks.get_by_role("link", name="Commun numérique")).to_be_visible()

    # The chronology, filtered by kind through its form.
    menu.get_by_role("link", name="Chronologie").click()
    filters = page.get_by_role("form", name="Filtrer la liste")
    filters.get_by_role("checkbox", name="Événement").check()
    filters.get_by_role("button", name="Appliquer les filtres").click()
    expect(page).to_have_url(re.compile(r"/fr/chronologie/\?(.*&)?kind=event(&|$)"))
    expect(filters.get_by_role("checkbox", name="Événement")).to_be_checked()
    entries = page.locator(".timeline__entry")
    expect(entries.first).to_be_visible()
    assert entries.count() == page.locator(".timeline__entry--event").count() > 1
    for kind in entries.locator(".timeline__kind").all_inner_texts():
        assert kind.startswith("Événement"), kind
    expect(page.get_by_role("status")).to_contain_text(
        f"{entries.count()} entrées datées"
    )

    # The genealogy: each drawing has a text list of the same links beside it.
    menu.get_by_role("link", name="Généalogie").click()
    texts = page.get_by_role("region", name="Généalogie des textes", exact=True)
    drawing = texts.get_by_role("region", name="Généalogie des textes : dessin")
    expect(drawing.get_by_role("img")).to_be_visible()
    text_list = texts.locator("ol.genealogy__list > li > a")
    expect(text_list.first).to_be_visible()
    assert text_list.count() == drawing.locator("a.genealogy__node").count() > 5
    report = text_list.filter(has_text="Vers une société de la coopération")
    expect(report).to_have_count(1)

    # The map: two filters redraw the markers; a marker opens a popup to its page.
    menu.get_by_role("link", name="Carte").click()
    map_filters = page.get_by_role("form", name="Filtrer la liste")
    map_filters.get_by_role("checkbox", name="Commun", exact=True).check()
    map_filters.get_by_role("combobox", name="Catégorie").select_option(
        label="Communs de l’espace public"
    )
    expect(page).to_have_url(re.compile(r"\?type=commons&category=espace-public$"))
    expect(page.locator("#atlas-map")).to_have_attribute("data-markers", "3")
    expect(page.locator("table.map-list tbody tr")).to_have_count(3)
    page.get_by_role("button", name=SKATEPARK).click()
    popup = page.locator(".leaflet-popup")
    expect(popup).to_contain_text("Lezoux")
    popup.get_by_role("link", name=SKATEPARK).click()
    expect(heading).to_have_text(SKATEPARK)
    expect(page).to_have_url(re.compile(r"/fr/communs/skatepark-de-lezoux/$"))
    assert tiles_aborted, "the tile layer was asked for, and its failure did not matter"

    # Its history (two publications), then what changed between them.
    page.get_by_role("link", name="Historique", exact=True).click()
    expect(heading).to_have_text(f"Historique de « {SKATEPARK} »")
    rows = page.locator(".history__entry")
    expect(rows).to_have_count(2)
    rows.first.get_by_role("link", name="Comparer avec la précédente").click()
    expect(heading).to_contain_text(f"Modifications de « {SKATEPARK} »")
    expect(page.locator("ins", has_text="jeunes").first).to_be_visible()

    # The search box of the header, then a result.
    search = page.get_by_role("search")
    search.get_by_role("combobox", name="Chercher dans l’atlas").fill("Grains de Sel")
    search.get_by_role("button", name="Rechercher").click()
    expect(page).to_have_url(re.compile(r"/fr/search/\?q=Grains\+de\+Sel$"))
    results = page.locator(".search-results__item")
    results.get_by_role("link", name=GRAINS_DE_SEL, exact=True).click()
    expect(heading).to_have_text(GRAINS_DE_SEL)

    # English through the language navigation: the page's translation, then back.
    french_url = page.url
    languages = page.get_by_role("navigation", name="Langue")
    languages.get_by_role("link", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page).to_have_url(re.compile(r"/en/commons/[\w-]+/$"))
    expect(heading).to_have_text(GRAINS_DE_SEL)
    languages = page.get_by_role("navigation", name="Language")
    expect(languages.get_by_role("link", name="English")).to_have_attribute(
        "aria-current", "true"
    )
    languages.get_by_role("link", name="français").click()
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page).to_have_url(french_url)
    expect(heading).to_have_text(GRAINS_DE_SEL)
