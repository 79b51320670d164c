import re

import pytest
from playwright.sync_api import expect

from pages.models import HomePage

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_visitor_lands_in_french_and_switches_to_english(page):
    page.goto("/")

    assert page.url.endswith("/fr/")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.get_by_role("heading", level=1)).to_have_text("Atlas des communs")

    page.get_by_role("navigation", name="Langue").get_by_role(
        "link", name="English"
    ).click()

    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text("Atlas of the commons")
    assert page.url.endswith("/en/")


def test_skip_link_is_the_first_focus_and_moves_to_main(page):
    page.goto("/fr/")

    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Aller au contenu")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()

    page.keyboard.press("Enter")
    expect(page.locator("main#main")).to_be_focused()


def test_search_form_submits_a_query(page):
    home = HomePage.objects.get(locale__language_code="fr", depth=2)
    home.save_revision().publish()  # pages made by migrations are not indexed yet
    page.goto("/fr/")

    page.get_by_role("combobox", name="Chercher dans l’atlas").fill("communs")
    page.get_by_role("button", name="Rechercher").click()

    expect(page).to_have_url(re.compile(r"/fr/search/\?q=communs$"))
    expect(page.get_by_role("status")).to_contain_text("1 résultat")
