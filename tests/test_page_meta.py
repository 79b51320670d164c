"""Canonical link and OpenGraph tags in every page's head."""

import pytest
from bs4 import BeautifulSoup
from wagtail_factories import ImageFactory

pytestmark = pytest.mark.django_db


def head_meta(client, url):
    response = client.get(url)
    assert response.status_code == 200
    head = BeautifulSoup(response.content, "html.parser").head
    properties = {
        tag["property"]: tag["content"] for tag in head.select("meta[property]")
    }
    (canonical,) = head.select('link[rel="canonical"]')
    return canonical["href"], properties


def test_content_page_has_canonical_and_opengraph(client, make_page):
    page = make_page(
        "commons", title="Jardin", summary="Un jardin.", cover_image=ImageFactory()
    )

    canonical, og = head_meta(client, page.url + "?utm_source=feed")

    assert canonical == page.full_url
    assert og["og:url"] == page.full_url
    assert og["og:title"] == "Jardin"
    assert og["og:description"] == "Un jardin."
    assert og["og:type"] == "article"
    assert og["og:locale"] == "fr_FR"
    assert og["og:site_name"] == "Atlas des communs"
    assert og["og:image"].startswith("http://testserver/")


def test_index_and_home_pages_are_websites(client, indexes, home_en):
    canonical, og = head_meta(client, indexes["event"].url)
    english_canonical, english_og = head_meta(client, home_en.url)

    assert canonical == indexes["event"].full_url
    assert og["og:type"] == "website"
    assert "og:image" not in og
    assert english_canonical == home_en.full_url
    assert english_og["og:locale"] == "en_GB"


def alternates(client, url):
    head = BeautifulSoup(client.get(url).content, "html.parser").head
    return {
        link["hreflang"]: link["href"]
        for link in head.select('link[rel="alternate"][hreflang]')
    }


def test_translated_pages_name_each_other_with_hreflang(
    client, make_page, publish_translation
):
    french = make_page("concept", title="Communs")
    english = publish_translation(french, title="Commons")
    expected = {
        "fr": french.full_url,
        "en": english.full_url,
        "x-default": french.full_url,
    }

    assert alternates(client, french.url) == expected
    assert alternates(client, english.url) == expected


def test_untranslated_or_unpublished_translations_are_not_named(
    client, make_page, publish_translation
):
    alone = make_page("concept", title="Seul")
    assert alternates(client, alone.url) == {}

    withdrawn = publish_translation(make_page("concept", title="Retiré"), title="Gone")
    withdrawn.unpublish()
    french = withdrawn.get_translation(withdrawn.locale.get_default())
    assert alternates(client, french.url) == {}
