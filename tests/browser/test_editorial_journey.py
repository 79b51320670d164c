"""The editorial roles at work in Wagtail's admin, in Chromium, one after the other.

An editor writes a concept with a timeline entry and links it from another concept,
then submits both to the review workflow; a moderator approves them; a visitor sees
the concept, its backlink and its entry in the chronology; a translator translates it
into English and submits the translation for review.
"""

import re

import pytest
from playwright.sync_api import expect
from wagtail.models import Locale, Page

from pages.models import ConceptPage
from pages.roles import REVIEW_WORKFLOW
from tests.browser.conftest import sign_in
from tests.factories import publish_child
from timeline.models import ChronologyPage

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PASSWORD = "pw-role-2026"  # the password of the `users` fixture
TITLE = "Commun foncier"
ENTRY = "Premier bail réel solidaire"


@pytest.fixture
def atlas(restored_site, home_fr, indexes, make_page, users, publish_translation):
    """A glossary with one concept to link from, a chronology, and the glossary's
    English translation to translate the new concept under."""
    publish_child(home_fr, ChronologyPage(title="Chronologie", slug="chronologie"))
    linking = make_page("concept", title="Communs", summary="La notion de base.")
    publish_translation(indexes["concept"], title="Glossary", slug="glossary")
    return {"glossary": indexes["concept"], "linking": linking}


def settle(page):
    """Wait until the live server is done answering the page before reading the
    database: SQLite's shared in-memory database takes one user at a time."""
    page.wait_for_load_state("networkidle")


def submit_for_review(page):
    footer = page.get_by_role("navigation", name="Actions (pied de page)")
    footer.get_by_role("button", name="Plus d'actions").click()
    footer.get_by_role("button", name=f"Soumettre à {REVIEW_WORKFLOW}").click()


def test_write_review_publish_and_translate_a_concept(page, atlas):
    glossary, linking = atlas["glossary"], atlas["linking"]

    # The editor writes the concept under the glossary.
    sign_in(page, "editor", PASSWORD)
    page.goto(f"/admin/pages/{glossary.pk}/")
    actions = page.get_by_role("navigation", name="Actions")
    actions.get_by_role("link", name="Ajouter une sous-page").click()
    # The glossary takes concepts only: no choice of page type.
    page.wait_for_url(re.compile(r"/admin/pages/add/pages/conceptpage/\d+/$"))
    page.get_by_role("textbox", name="Titre*").fill(TITLE)
    page.get_by_role("textbox", name="Résumé*").fill("Un sol tenu en commun.")
    page.get_by_role("textbox", name="Définition courte*").fill(
        "Un terrain dont la propriété est séparée de l’usage, pour le soustraire à "
        "la spéculation."
    )
    body = page.get_by_role("region", name="Contenu", exact=True)
    body.get_by_role("button", name="Insérer un bloc").click()
    body.get_by_role("option", name="Chronologie").click()
    timeline = body.get_by_role("region", name="Chronologie")
    timeline.get_by_label("Année").first.fill("2017")  # the date; then the end date
    timeline.get_by_label("Titre*").fill(ENTRY)
    timeline.get_by_label("Type").select_option("event")
    submit_for_review(page)
    expect(page.get_by_role("status").first).to_contain_text("soumise")
    settle(page)
    concept = ConceptPage.objects.get(title=TITLE)
    assert not concept.live
    assert concept.current_workflow_state.status == "in_progress"

    # Then links it from another concept: a related concept, chosen in the chooser.
    page.goto(f"/admin/pages/{linking.pk}/edit/")
    page.get_by_role("tab", name="Relations").click()
    page.get_by_role("button", name="Ajouter un(e) notion").click()
    page.get_by_role("button", name="Choisissez une page (Notion)").click()
    chooser = page.get_by_role("dialog")
    chooser.get_by_role(
        "textbox", name=re.compile("Rechercher|Terme de recherche")
    ).fill("foncier")
    chooser.get_by_role("link", name=TITLE).click()
    expect(chooser).to_be_hidden()
    submit_for_review(page)
    expect(page.get_by_role("status").first).to_contain_text("soumise")
    page.context.clear_cookies()

    # The moderator approves both, which publishes them.
    sign_in(page, "moderator", PASSWORD)
    for reviewed in (concept, linking):
        page.goto(f"/admin/pages/{reviewed.pk}/edit/")
        footer = page.get_by_role("navigation", name="Actions (pied de page)")
        footer.get_by_role("button", name="Plus d'actions").click()
        footer.get_by_role("button", name="Approuver et Publier").click()
        expect(page.get_by_role("status").first).to_contain_text("a été mise à jour")
        settle(page)
        reviewed.refresh_from_db()
        assert reviewed.live and not reviewed.has_unpublished_changes
        assert reviewed.workflow_states.get().status == "approved"
    page.context.clear_cookies()

    # A visitor reads the concept, its backlink, and its entry in the chronology.
    response = page.goto(concept.url)
    assert response.status == 200
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    backlinks = page.get_by_role("region", name="Pages qui renvoient ici")
    expect(backlinks.get_by_role("link", name="Communs")).to_be_visible()
    page.goto("/fr/chronologie/")
    entry = page.locator(".timeline__entry", has_text=ENTRY)
    expect(entry).to_have_count(1)
    expect(entry.locator(".timeline__date")).to_have_text("2017")
    expect(entry.locator(".timeline__source")).to_contain_text(TITLE)

    # The translator translates it into English: the project's "simple" mode makes a
    # draft copy of the French page, translated in Wagtail's own page editor, and
    # submitted to the workflow (wagtail-localize's synced editor could only publish).
    sign_in(page, "translator", PASSWORD)
    # Translators may not open the French page in the admin: they start from
    # wagtail-localize's "Translate this page" form, by its address.
    page.goto(f"/admin/localize/submit/page/{concept.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Traduire la page {TITLE}"
    )
    page.get_by_role("checkbox", name="Anglais").check()
    page.get_by_role("button", name="Soumettre", exact=True).click()
    expect(page.get_by_role("status").first).to_contain_text("soumise avec succès")
    settle(page)
    english = Locale.objects.get(language_code="en")
    target = Page.objects.get(translation_key=concept.translation_key, locale=english)
    assert page.url.endswith(f"/admin/pages/{target.pk}/edit/")
    title = page.get_by_role("region", name="Titre*").get_by_role("textbox")
    expect(title).to_have_value(TITLE)  # the French text, to translate
    title.fill("Land commons")
    page.get_by_role("textbox", name="Résumé*").fill("Land held in common.")
    page.get_by_role("textbox", name="Définition courte*").fill(
        "Land whose ownership is separated from its use, to keep it from speculation."
    )
    entry_title = page.get_by_role("region", name="Chronologie").get_by_label("Titre*")
    expect(entry_title).to_have_value(ENTRY)
    entry_title.fill("First solidarity land lease")
    submit_for_review(page)
    expect(page.get_by_role("status").first).to_contain_text("soumise")
    settle(page)
    target.refresh_from_db()
    assert target.title == "Land commons"
    assert not target.live
    assert target.current_workflow_state.status == "in_progress"
    latest = target.get_latest_revision_as_object()
    assert latest.body[0].value["entries"][0]["title"] == "First solidarity land lease"
