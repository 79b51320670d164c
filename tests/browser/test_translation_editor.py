"""A translator translates a string in wagtail-localize's editor, in Chromium."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from playwright.sync_api import expect
from wagtail.models import Locale
from wagtail_localize.models import StringTranslation, Translation
from wagtail_localize.operations import TranslationCreator

from tests.factories import PAGE_TYPES

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_a_translator_translates_the_title_in_the_editor(page, restored_site, home_fr):
    user = get_user_model().objects.create_user("traductrice", password="pw-tr-2026")
    user.groups.add(Group.objects.get(name="Translators"))
    english = Locale.objects.get(language_code="en")
    page_factory, index_factory = PAGE_TYPES["commons"]
    index = index_factory(parent=home_fr, title="Communs")
    commons = page_factory(parent=index, title="Jardin partagé", summary="Un jardin.")
    commons.save_revision().publish()
    TranslationCreator(user, [english]).create_translations(commons)
    Translation.objects.update(enabled=True)
    target = commons.get_translation(english)

    page.goto(f"/admin/pages/{target.pk}/edit/")
    page.get_by_label("Nom d’utilisateur").fill("traductrice")
    page.locator("#id_password").fill("pw-tr-2026")
    page.locator("#id_password").press("Enter")

    # Each segment shows its French text and a "Translate" button; the title is first.
    segment = page.locator("li.incomplete", has_text="Jardin partagé")
    segment.get_by_role("button", name="Traduire").click()
    editor = page.locator("textarea")
    expect(editor).to_have_count(1)
    editor.fill("Shared garden")
    page.get_by_role("button", name="Enregistrer", exact=True).click()

    # Saved through the editor's API: the segment is no longer marked incomplete.
    expect(segment).to_have_count(0)
    expect(page.get_by_text("Shared garden")).to_be_visible()
    # The live server is done answering before the test reads the database.
    page.wait_for_load_state("networkidle")
    saved = StringTranslation.objects.get(locale=english, context__path="title")
    assert saved.data == "Shared garden"
    assert saved.last_translated_by == user
