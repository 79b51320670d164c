"""The map in a real browser, over the demo atlas; map tiles are never fetched."""

import re

import pytest
from playwright.sync_api import expect

from pages.models import ChamberPage, HomePage, MapPage
from tests.conftest import load_demo_atlas
from tests.factories import publish_child

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def map_url(restored_site, demo_atlas_snapshot):
    load_demo_atlas(demo_atlas_snapshot)
    map_page = MapPage.objects.filter(locale__language_code="fr").first()
    if map_page is None:
        home = HomePage.objects.get(locale__language_code="fr", depth=2)
        map_page = MapPage(title="Carte", slug="carte")
        publish_child(home, map_page)
    return map_page.url


def markers(page):
    """The number of markers the script has drawn, once it has drawn them."""
    expect(page.locator("#atlas-map")).to_have_attribute(
        "data-markers", re.compile(r"\d+")
    )
    return int(page.locator("#atlas-map").get_attribute("data-markers"))


def test_markers_filters_popups_and_keyboard(page, map_url):
    tiles = []
    page.route(
        re.compile(r"tile\.openstreetmap\.org"),
        lambda route: (tiles.append(route.request.url), route.abort()),
    )
    page.goto(map_url)

    rows = page.locator("table.map-list tbody tr")
    assert markers(page) == rows.count() > 5

    page.get_by_role("checkbox", name="Chambre des communs").check()
    expect(page).to_have_url(re.compile(r"\?type=chamber$"))
    french_chambers = ChamberPage.objects.live().filter(locale__language_code="fr")
    expect(rows).to_have_count(french_chambers.exclude(latitude=None).count())
    expect(page.locator("#atlas-map")).to_have_attribute("data-markers", "1")

    # A marker is a control: focused and opened from the keyboard.
    page.locator("#atlas-map .map-marker--chamber").focus()
    page.keyboard.press("Enter")
    chamber = ChamberPage.objects.get(slug="chambre-des-communs-de-lille")
    popup_link = page.locator(".leaflet-popup").get_by_role("link", name=chamber.title)
    expect(popup_link).to_be_visible()
    popup_link.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(chamber.title)
    assert tiles, "the tile layer was asked for, and its failure did not matter"
