"""Editors get Wagtail's user bar on public pages, with its accessibility checker;
visitors get nothing of it."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from tests.browser.conftest import sign_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

USERBAR = "Voir les actions rapides Wagtail"


def test_visitors_get_no_user_bar(page):
    page.goto("/fr/")

    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.get_by_role("button", name=USERBAR)).to_have_count(0)


def test_editors_check_a_page_s_accessibility_from_the_user_bar(page):
    editor = get_user_model().objects.create_user("editrice", password="pw-ed-2026")
    editor.groups.add(Group.objects.get(name="Editors"))
    sign_in(page, "editrice", "pw-ed-2026")

    page.goto("/fr/")
    page.get_by_role("button", name=USERBAR).click()
    checker = page.get_by_role("menuitem", name="Problèmes trouvés")
    expect(checker).to_contain_text("0")
    checker.click()

    expect(page.get_by_role("dialog")).to_contain_text("Problèmes trouvés")
