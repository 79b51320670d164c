"""sitemap.xml with language alternates, and robots.txt pointing to it."""

import xml.etree.ElementTree as ET

import pytest
from wagtail.models import PageViewRestriction

pytestmark = pytest.mark.django_db

NAMESPACES = {
    "sitemap": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "xhtml": "http://www.w3.org/1999/xhtml",
}


def sitemap_entries(client):
    """Each <url> as its location → {hreflang: alternate location}."""
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    root = ET.fromstring(response.content)
    return {
        url.findtext("sitemap:loc", namespaces=NAMESPACES): {
            link.get("hreflang"): link.get("href")
            for link in url.findall("xhtml:link", NAMESPACES)
            if link.get("rel") == "alternate"
        }
        for url in root.findall("sitemap:url", NAMESPACES)
    }


def test_sitemap_lists_pages_of_every_language_with_their_translations(
    client, make_page, publish_translation
):
    french = make_page("concept", title="Commun")
    english = publish_translation(french, title="Commons")
    alone = make_page("commons", title="Jardin")

    entries = sitemap_entries(client)

    expected = {
        "fr": french.full_url,
        "en": english.full_url,
        "x-default": french.full_url,
    }
    assert entries[french.full_url] == expected
    assert entries[english.full_url] == expected
    assert entries[alone.full_url] == {}, "no translation, no alternates"


def test_sitemap_leaves_out_drafts_and_private_pages(client, make_page, indexes):
    draft = make_page("commons", title="Brouillon")
    draft.unpublish()
    private = make_page("text", title="Réservé")
    PageViewRestriction.objects.create(
        page=indexes["text"], restriction_type="password", password="secret"
    )

    entries = sitemap_entries(client)

    assert draft.full_url not in entries
    assert private.full_url not in entries
    assert indexes["commons"].full_url in entries


def test_robots_txt_allows_all_but_the_admin_and_names_the_sitemap(client):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    assert "Disallow: /admin/" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines
