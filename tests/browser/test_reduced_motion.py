"""Visitors who ask for less motion get none: no CSS transition, no map animation."""

import pytest
from playwright.sync_api import expect

from pages.models import MapPage
from tests.factories import publish_child

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

# Leaflet marks what it animates on zoom; markers only when zooms are animated.
ANIMATED_MARKERS = "#atlas-map .leaflet-marker-icon.leaflet-zoom-animated"


@pytest.fixture
def map_page(make_page, home_fr):
    make_page("event", title="Forum", latitude=48.85, longitude=2.35)
    return publish_child(home_fr, MapPage(title="Carte", slug="carte"))


@pytest.mark.parametrize(
    ("motion", "animated"), [("reduce", False), ("no-preference", True)]
)
def test_the_map_animates_only_when_motion_is_welcome(page, map_page, motion, animated):
    page.route("**/tile.openstreetmap.org/**", lambda route: route.abort())
    page.emulate_media(reduced_motion=motion)
    page.goto(map_page.url)
    expect(page.locator("#atlas-map")).to_have_attribute("data-markers", "1")

    expect(page.locator(ANIMATED_MARKERS)).to_have_count(1 if animated else 0)
    skip_link = page.get_by_role("link", name="Aller au contenu")
    duration = skip_link.evaluate("link => getComputedStyle(link).transitionDuration")
    assert (duration == "1e-05s") is not animated
