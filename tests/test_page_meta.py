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
