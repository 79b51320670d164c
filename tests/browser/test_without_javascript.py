"""Without JavaScript the atlas still works: search, filters and the map's list are
plain HTML forms and tables."""

import re

import pytest
from playwright.sync_api import expect

from tests.factories import publish_views
from timeline.fuzzy_date import FuzzyDate

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def page_without_javascript(browser, live_server, restored_site):
    context = browser.new_context(
        base_url=live_server.url, locale="fr-FR", java_script_enabled=False
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture
def atlas(make_page, home_fr):
    """An event and a concept, dated and placed, with a chronology and a map."""
    make_page(
        "event",
        title="Forum des communs",
        summary="Une rencontre des communs.",
        start_date=FuzzyDate(2015, 10),
        latitude=48.85,
        longitude=2.35,
    )
    make_page(
        "concept",
        title="Communs urbains",
        summary="Des communs en ville.",
        origin_date=FuzzyDate(2010),
    )
    return publish_views(home_fr)


def test_search_chronology_filters_and_map_list_work_without_javascript(
    page_without_javascript, atlas
):
    page = page_without_javascript
    page.goto("/fr/")
    page.get_by_role("searchbox", name="Chercher dans l’atlas").fill("forum")
    page.get_by_role("button", name="Rechercher").click()
    expect(page.locator(".search-results__item")).to_have_count(1)

    page.goto(atlas["chronology"].url)
    expect(page.locator(".timeline__entry")).to_have_count(2)
    page.get_by_role("checkbox", name="Événement", exact=True).check()
    page.get_by_role("button", name="Appliquer les filtres").click()
    expect(page).to_have_url(re.compile(r"kind=event"))
    expect(page.locator(".timeline__entry")).to_have_count(1)
    expect(page.locator(".timeline__entry--event")).to_contain_text("Forum")

    page.goto(atlas["map"].url)
    places = page.get_by_role("region", name="Lieux sur la carte")
    expect(places).to_contain_text("Forum des communs")
