"""Without JavaScript the atlas still works: search, filters and the map's list are
plain HTML forms and tables."""

import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def page_without_javascript(browser, live_server, restored_site):
    call_command("load_demo", verbosity=0)
    context = browser.new_context(
        base_url=live_server.url, locale="fr-FR", java_script_enabled=False
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def test_search_chronology_filters_and_map_list_work_without_javascript(
    page_without_javascript,
):
    page = page_without_javascript
    page.goto("/fr/")
    page.get_by_role("searchbox", name="Chercher dans l’atlas").fill("communs")
    page.get_by_role("button", name="Rechercher").click()
    expect(page.locator(".search-results__item").first).to_be_visible()

    page.goto("/fr/chronologie/")
    page.get_by_role("checkbox", name="Événement", exact=True).check()
    page.get_by_role("button", name="Appliquer les filtres").click()
    expect(page).to_have_url(re.compile(r"kind=event"))
    expect(page.locator(".timeline__entry--event").first).to_be_visible()
    expect(page.locator(".timeline__entry:not(.timeline__entry--event)")).to_have_count(
        0
    )

    page.goto("/fr/carte/")
    expect(page.get_by_role("region", name="Lieux sur la carte")).to_be_visible()
