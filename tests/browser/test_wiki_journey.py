"""A visitor searches, opens a result, reads its history and what changed."""

import pytest
from playwright.sync_api import expect

from pages.models import HomePage
from tests.factories import ConceptPageFactory, ConceptsIndexPageFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def edited_concept():
    """A concept published twice: a first definition, then a clearer one."""
    home = HomePage.objects.get(locale__language_code="fr", depth=2)
    glossary = ConceptsIndexPageFactory(parent=home)
    concept = ConceptPageFactory(
        parent=glossary,
        title="Coopérative d’habitants",
        summary="Des habitants qui possèdent ensemble leur immeuble.",
    )
    concept.save_revision().publish()
    concept.summary = "Des habitants qui possèdent et gèrent ensemble leur immeuble."
    concept.pending_change_note = "Gestion ajoutée"
    concept.save_revision().publish()
    return concept


def test_search_then_history_then_diff(page, edited_concept):
    page.goto("/fr/")
    page.get_by_role("combobox", name="Chercher dans l’atlas").fill("habitants")
    page.get_by_role("button", name="Rechercher").click()

    results = page.locator(".search-results__item")
    expect(results).to_have_count(1)
    expect(results.locator("mark").first).to_have_text("habitants")
    results.get_by_role("link", name="Coopérative d’habitants").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Coopérative d’habitants")

    page.get_by_role("link", name="Historique", exact=True).click()
    rows = page.locator(".history__entry")
    expect(rows).to_have_count(2)
    expect(rows.first).to_contain_text("Gestion ajoutée")

    rows.first.get_by_role("link", name="Comparer avec la précédente").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(
        "Modifications de « Coopérative d’habitants »"
    )
    added = page.locator("ins", has_text="gèrent")
    expect(added.first).to_be_visible()
    expect(added.first.locator(".visually-hidden")).to_have_text("ajouté :")
