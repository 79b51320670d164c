"""A wiki page prints as its content: no header, menu, search or footer."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_a_wiki_page_prints_without_the_site_s_navigation(page, make_page):
    commons = make_page(
        "commons", title="Jardin partagé", summary="Un jardin cultivé ensemble."
    )
    page.goto(commons.url)
    page.emulate_media(media="print")

    expect(page.get_by_role("heading", level=1)).to_have_text("Jardin partagé")
    expect(page.get_by_text("Un jardin cultivé ensemble.").first).to_be_visible()
    for hidden in (".site-header", ".site-footer", ".breadcrumbs"):
        expect(page.locator(hidden)).to_be_hidden()
    assert len(page.pdf()) > 1000
