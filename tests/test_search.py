import pytest
from bs4 import BeautifulSoup

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def indexed_homes(home_fr, home_en):
    """Pages made by migrations are not indexed; publishing indexes them."""
    for home in (home_fr, home_en):
        home.save_revision().publish()


def test_search_finds_live_pages_of_the_visitors_language(client, home_fr):
    response = client.get("/fr/search/", {"q": "communs"})

    assert response.status_code == 200
    titles = [
        a.get_text()
        for a in BeautifulSoup(response.content, "html.parser").select(
            ".search-results__title a"
        )
    ]
    assert titles == ["Atlas des communs"]


def test_search_results_stay_in_the_locale(client, home_fr):
    response = client.get("/en/search/", {"q": "Atlas"})

    titles = [
        a.get_text()
        for a in BeautifulSoup(response.content, "html.parser").select(
            ".search-results__title a"
        )
    ]
    assert titles == ["Atlas of the commons"]


def test_search_leaves_out_unpublished_pages(client, home_fr):
    home_fr.unpublish()

    response = client.get("/fr/search/", {"q": "communs"})

    assert b"search-results__item" not in response.content


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"q": ""},
        {"q": "   "},
        {"q": "x" * 5000},
        {"q": "' OR 1=1; DROP TABLE wagtailcore_page; --"},
        {"q": '"unbalanced (quotes & ) | !'},
        {"q": "communs", "page": "-3"},
        {"q": "communs", "page": "abc"},
        {"q": "communs", "page": "999999"},
        {"q": "\x00\x1f"},
    ],
)
def test_search_answers_any_query_without_error(client, home_fr, params):
    response = client.get("/fr/search/", params)

    assert response.status_code == 200


def test_search_escapes_the_query(client, home_fr):
    response = client.get("/fr/search/", {"q": "<script>alert(1)</script>"})

    assert b"<script>alert(1)</script>" not in response.content
    assert b"&lt;script&gt;alert(1)&lt;/script&gt;" in response.content
