"""The header's search box suggests pages as a combobox, driven by the keyboard."""

import pytest
from playwright.sync_api import expect

from pages.models import HomePage
from tests.factories import ConceptPageFactory, ConceptsIndexPageFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def concepts():
    home = HomePage.objects.get(locale__language_code="fr", depth=2)
    glossary = ConceptsIndexPageFactory(parent=home)
    return [
        ConceptPageFactory(parent=glossary, title=title, summary="Une notion.")
        for title in ("Forêt communale", "Forêt domaniale")
    ]


def test_suggestions_open_with_typing_and_follow_the_keyboard(page, concepts):
    page.goto("/fr/")
    box = page.get_by_role("combobox", name="Chercher dans l’atlas")

    box.fill("forêt")

    listbox = page.get_by_role("listbox")
    expect(listbox).to_be_visible()
    expect(box).to_have_attribute("aria-expanded", "true")
    options = listbox.get_by_role("option")
    expect(options).to_have_count(2)

    box.press("ArrowDown")
    box.press("ArrowDown")
    second = options.nth(1)
    expect(second).to_have_attribute("aria-selected", "true")
    expect(box).to_have_attribute("aria-activedescendant", second.get_attribute("id"))

    box.press("Escape")
    expect(listbox).to_be_hidden()
    expect(box).to_have_attribute("aria-expanded", "false")

    box.press("ArrowDown")
    first = options.nth(0)
    expect(first).to_have_attribute("aria-selected", "true")
    [chosen] = [c for c in concepts if first.inner_text().startswith(c.title)]
    box.press("Enter")
    expect(page).to_have_url(f"{page.url.split('/fr/')[0]}{chosen.url}")


def test_enter_without_a_chosen_suggestion_searches(page, concepts):
    page.goto("/fr/")
    box = page.get_by_role("combobox", name="Chercher dans l’atlas")

    box.fill("forêt")
    expect(page.get_by_role("listbox")).to_be_visible()
    box.press("Enter")

    expect(page).to_have_url(f"{page.url.split('/fr/')[0]}/fr/search/?q=for%C3%AAt")
    expect(page.locator(".search-results__item")).to_have_count(2)
