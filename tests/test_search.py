from io import StringIO
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.db import connection
from django.utils import translation
from django.utils.text import capfirst
from wagtail.models import PageViewRestriction
from wagtail.search.models import IndexEntry

from atlas.search import highlight
from pages.models import CommonsPage, MapPage
from tests.factories import CategoryFactory, publish_child

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


# ---------------------------------------------------------------------------
# Shared helpers
# ---------------------------------------------------------------------------


def result_titles(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return [a.get_text() for a in soup.select(".search-results__title a")]


def search(client, language, **params):
    response = client.get(f"/{language}/search/", params)
    assert response.status_code == 200
    return response


on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="Stemming needs PostgreSQL's text search configurations.",
)


# ---------------------------------------------------------------------------
# The index follows publication in every locale
# ---------------------------------------------------------------------------


def test_each_locale_finds_its_own_published_pages(
    client, make_page, publish_translation
):
    french = make_page("commons", title="Jardin partagé Ortolan", summary="Potager.")
    publish_translation(french, title="Ortolan shared garden", summary="Vegetables.")

    assert result_titles(search(client, "fr", q="Ortolan")) == [
        "Jardin partagé Ortolan"
    ]
    assert result_titles(search(client, "en", q="Ortolan")) == ["Ortolan shared garden"]
    assert result_titles(search(client, "en", q="partagé")) == []


def test_unpublished_pages_leave_the_results_of_their_locale(
    client, make_page, publish_translation
):
    french = make_page("commons", title="Ressourcerie Zéphyr", summary="Réemploi.")
    english = publish_translation(french, title="Zéphyr reuse centre")

    english.unpublish()
    assert result_titles(search(client, "en", q="Zéphyr")) == []
    assert result_titles(search(client, "fr", q="Zéphyr")) == ["Ressourcerie Zéphyr"]

    french.unpublish()
    assert result_titles(search(client, "fr", q="Zéphyr")) == []


def test_republished_title_is_searchable_and_the_old_one_is_not(client, make_page):
    page = make_page("concept", title="Communaux", summary="Terres communes.")

    page.title = "Biens communaux"
    page.slug = "biens-communaux"
    page.save_revision().publish()

    assert result_titles(search(client, "fr", q="Biens")) == ["Biens communaux"]
    page.title = "Usages partagés"
    page.save_revision().publish()
    assert result_titles(search(client, "fr", q="Biens")) == []
    assert result_titles(search(client, "fr", q="Usages")) == ["Usages partagés"]


def test_pages_behind_a_view_restriction_are_not_searchable(client, make_page):
    page = make_page("concept", title="Réserve Orbe", summary="Accès restreint.")
    PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )

    assert result_titles(search(client, "fr", q="Orbe")) == []
    assert client.get("/fr/search/suggest/", {"q": "Orbe"}).json() == []


def test_drafts_are_not_searchable(client, make_page):
    page = make_page("concept", title="Glanage", summary="Ramasser après récolte.")

    page.title = "Brouillon secret"
    page.save_revision()

    assert result_titles(search(client, "fr", q="secret")) == []
    assert result_titles(search(client, "fr", q="Glanage")) == ["Glanage"]


def test_update_index_fills_the_index(client, make_page):
    make_page("commons", title="Fournil Vertbois", summary="Pain au levain.")
    IndexEntry.objects.all().delete()
    assert result_titles(search(client, "fr", q="Vertbois")) == []

    call_command("update_index", stdout=StringIO(), stderr=StringIO())

    assert result_titles(search(client, "fr", q="Vertbois")) == ["Fournil Vertbois"]


# ---------------------------------------------------------------------------
# Filters, results and pagination
# ---------------------------------------------------------------------------


@pytest.fixture
def mixed_pages(make_page):
    """A commons and an event in a category, a concept outside it: all "Lumen"."""
    category = CategoryFactory(name="Énergie", slug="energie")
    commons = make_page("commons", title="Coopérative Lumen", summary="Lumen énergie.")
    event = make_page("event", title="Forum Lumen", summary="Rencontre Lumen.")
    concept = make_page("concept", title="Lumen", summary="Unité de flux lumineux.")
    for page in (commons, event):
        page.categories.add(category)
        page.save_revision().publish()
    return {"commons": commons, "event": event, "concept": concept}


def test_search_filters_by_type(client, mixed_pages):
    response = search(client, "fr", q="Lumen", type="event")

    assert result_titles(response) == ["Forum Lumen"]


def test_search_filters_by_category(client, mixed_pages):
    response = search(client, "fr", q="Lumen", category="energie")

    assert sorted(result_titles(response)) == ["Coopérative Lumen", "Forum Lumen"]


def test_search_filters_by_type_and_category(client, mixed_pages):
    response = search(client, "fr", q="Lumen", type="commons", category="energie")

    assert result_titles(response) == ["Coopérative Lumen"]


@pytest.mark.parametrize(
    "params",
    [
        {"type": "nonsense"},
        {"type": ["commons", "event"]},
        {"category": "<b>unknown</b>"},
        {"category": "x" * 3000},
        {"type": "", "category": ""},
    ],
)
def test_invalid_filters_are_left_out(client, mixed_pages, params):
    response = search(client, "fr", q="Lumen", **params)

    assert len(result_titles(response)) in (3, 1)
    assert b"<b>unknown</b>" not in response.content


def test_unknown_type_is_reported_and_ignored(client, mixed_pages):
    response = search(client, "fr", q="Lumen", type="nonsense")

    assert sorted(result_titles(response)) == [
        "Coopérative Lumen",
        "Forum Lumen",
        "Lumen",
    ]
    assert b"filters__errors" in response.content


def test_results_show_type_count_and_highlighted_summary(client, make_page):
    make_page(
        "commons",
        title="Verger Mirabelle",
        summary="Un verger <b>partagé</b> & les fruits de Mirabelle.",
    )

    response = search(client, "fr", q="mirabelle")

    soup = BeautifulSoup(response.content, "html.parser")
    item = soup.select_one(".search-results__item")
    with translation.override("fr"):
        expected_type = capfirst(CommonsPage._meta.verbose_name)
    assert item.select_one(".search-results__type").get_text() == expected_type
    assert item.select_one("a")["href"].startswith("/fr/")
    summary = item.select_one(".search-results__summary")
    assert [mark.get_text() for mark in summary.select("mark")] == ["Mirabelle"]
    assert summary.select("b") == []
    assert "<b>partagé</b> &" in summary.get_text()
    assert soup.select_one(".search-results__count").get_text().split()[0] == "1"


def test_results_are_paginated(client, make_page, monkeypatch):
    monkeypatch.setattr("atlas.views.SEARCH_RESULTS_PER_PAGE", 2)
    for number in range(5):
        make_page("concept", title=f"Palabre {number}", summary="Palabre.")

    first = search(client, "fr", q="Palabre")
    last = search(client, "fr", q="Palabre", page="3")
    beyond = search(client, "fr", q="Palabre", page="999999")

    assert len(result_titles(first)) == 2
    count = BeautifulSoup(first.content, "html.parser").select_one(
        ".search-results__count"
    )
    assert count.get_text().split()[0] == "5"
    assert len(result_titles(last)) == 1
    assert result_titles(beyond) == result_titles(last)
    assert b'rel="next"' in first.content


def test_no_results_suggest_the_glossary_the_map_and_fewer_filters(
    client, indexes, home_fr
):
    indexes["concept"].save_revision().publish()
    map_page = publish_child(home_fr, MapPage(title="Carte", slug="carte"))

    response = search(client, "fr", q="introuvable", type="event")

    soup = BeautifulSoup(response.content, "html.parser")
    links = [a["href"] for a in soup.select(".search-results__empty a")]
    assert links == [
        "/fr/search/?q=introuvable",
        indexes["concept"].url,
        map_page.url,
    ]


def test_no_results_without_glossary_or_map_still_helps(client, home_fr):
    response = search(client, "fr", q="introuvable")

    empty = BeautifulSoup(response.content, "html.parser").select_one(
        ".search-results__empty"
    )
    assert empty.select("a") == []
    assert empty.select("li")


@pytest.mark.parametrize(
    "query",
    [
        "' OR 1=1 --",
        "<script>alert(1)</script>",
        "a\x00b",
        "é" * 10_000,
        "*:& | ! ( ) ~ ^ \\ ' \" NEAR/2 AND OR NOT",
        "-",
        "’’’",
    ],
)
def test_odd_queries_answer_200_and_are_escaped(client, make_page, query):
    make_page("concept", title="Script", summary="Alerte.")

    response = client.get("/fr/search/", {"q": query, "page": "-1"})

    assert response.status_code == 200
    assert b"<script>alert" not in response.content
    assert b"\x00" not in response.content


# ---------------------------------------------------------------------------
# Highlighting
# ---------------------------------------------------------------------------


def test_highlight_escapes_text_and_marks_whole_words():
    [marked] = highlight(["<i>Forêt</i> & forêts, forestier"], "forêt")

    # The French stemmer marks the plural too, not a word of another stem.
    assert marked == (
        "&lt;i&gt;<mark>Forêt</mark>&lt;/i&gt; &amp; <mark>forêts</mark>, forestier"
    )


def test_highlight_ignores_marks_hidden_in_the_text():
    [marked] = highlight(["\ue000forged\ue001 jardin"], "jardin")

    assert marked == "forged <mark>jardin</mark>"


def test_highlight_without_words_only_escapes():
    assert highlight(["a < b"], "") == ["a &lt; b"]


# ---------------------------------------------------------------------------
# Each language stems its own words (Snowball on SQLite, PostgreSQL's configs there)
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "title"),
    [
        ("forêts", "Forêt de Bercé"),
        ("coopératives", "Coopérative du Vercors"),
        ("coopérative", "Coopératives alimentaires"),
    ],
)
def test_french_search_finds_inflections(client, make_page, query, title):
    make_page("commons", title=title, summary="Une fiche.")

    assert result_titles(search(client, "fr", q=query)) == [title]


def test_english_search_finds_inflections(client, make_page, publish_translation):
    french = make_page("commons", title="Jardins de Lille", summary="Potagers.")
    publish_translation(french, title="Lille garden", summary="Growing vegetables.")

    assert result_titles(search(client, "en", q="gardens")) == ["Lille garden"]
    assert result_titles(search(client, "en", q="vegetable")) == ["Lille garden"]


@on_postgresql
def test_pages_are_indexed_with_their_languages_configuration(
    make_page, publish_translation
):
    # The same words, stemmed apart: French "coopératives" gives "cooper", English
    # gives "coopérat".
    french = make_page("commons", title="Forêts", summary="Les coopératives.")
    english = publish_translation(french, title="Gardens", summary="Les coopératives.")

    def lexemes(page):
        entry = IndexEntry.objects.get(
            content_type=page.content_type, object_id=str(page.pk)
        )
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT title::text || ' ' || body::text FROM wagtailsearch_indexentry "
                "WHERE id = %s",
                [entry.pk],
            )
            return cursor.fetchone()[0]

    assert "'forêt'" in lexemes(french)
    assert "'cooper'" in lexemes(french)
    assert "'garden'" in lexemes(english)
    assert "'coopérat'" in lexemes(english)


@on_postgresql
def test_update_index_uses_each_languages_configuration(
    client, make_page, publish_translation
):
    french = make_page("commons", title="Forêt de Chaux", summary="Chênes.")
    publish_translation(french, title="Chaux garden", summary="Oaks.")
    IndexEntry.objects.all().delete()

    call_command("update_index", stdout=StringIO(), stderr=StringIO())

    assert result_titles(search(client, "fr", q="forêts")) == ["Forêt de Chaux"]
    assert result_titles(search(client, "en", q="gardens")) == ["Chaux garden"]


def test_inflected_matches_are_highlighted(client, make_page):
    make_page("commons", title="Bois", summary="La forêt des coopératives.")

    response = search(client, "fr", q="forêts coopérative")

    summary = BeautifulSoup(response.content, "html.parser").select_one(
        ".search-results__summary"
    )
    assert [mark.get_text() for mark in summary.select("mark")] == [
        "forêt",
        "coopératives",
    ]


@on_postgresql
def test_search_leaves_the_planner_settings_as_it_found_them(client, make_page):
    make_page("commons", title="Forêt de Tronçais", summary="Chênes.")

    assert result_titles(search(client, "fr", q="forêts")) == ["Forêt de Tronçais"]

    with connection.cursor() as cursor:
        cursor.execute("SHOW enable_nestloop")
        assert cursor.fetchone()[0] == "on"


def test_api_search_stems_in_the_requested_locale(
    client, make_page, publish_translation
):
    french = make_page("commons", title="Jardins de Roubaix", summary="Potagers.")
    publish_translation(french, title="Roubaix garden", summary="Vegetables.")

    response = client.get(
        "/api/v2/pages/",
        {"search": "gardens", "locale": "en"},
        HTTP_ACCEPT_LANGUAGE="fr",
    )

    assert response.status_code == 200
    assert [item["title"] for item in response.json()["items"]] == ["Roubaix garden"]


# ---------------------------------------------------------------------------
# Suggestions for the search box
# ---------------------------------------------------------------------------


def test_suggestions_list_matching_titles_of_the_locale(
    client, make_page, publish_translation
):
    french = make_page("commons", title="Fontaine Quimper", summary="Eau.")
    publish_translation(french, title="Quimper fountain")

    response = client.get("/fr/search/suggest/", {"q": "Quimp"})

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert "public" in response["Cache-Control"]
    assert "max-age" in response["Cache-Control"]
    with translation.override("fr"):
        expected_type = str(CommonsPage._meta.verbose_name)
    assert response.json() == [
        {"title": "Fontaine Quimper", "url": french.url, "type": expected_type}
    ]


def test_suggestions_are_bounded_and_leave_out_unpublished_pages(client, make_page):
    pages = [
        make_page("concept", title=f"Sémaphore {number}", summary="Signal.")
        for number in range(10)
    ]
    pages[0].unpublish()

    suggestions = client.get("/fr/search/suggest/", {"q": "sémaph"}).json()

    assert len(suggestions) == 8
    assert "Sémaphore 0" not in [item["title"] for item in suggestions]


def test_suggestions_in_the_opensearch_format(client, make_page):
    page = make_page("concept", title="Octroi", summary="Taxe.")

    response = client.get("/fr/search/suggest/", {"q": "octr", "format": "opensearch"})

    assert response.json() == ["octr", ["Octroi"], [], [page.url]]


@pytest.mark.parametrize(
    "query", ["", " ", "' OR 1=1 --", "<script>", "\x00", "x" * 10_000, "*&|!"]
)
def test_suggestions_answer_any_query(client, make_page, query):
    make_page("concept", title="Octroi", summary="Taxe.")

    response = client.get("/fr/search/suggest/", {"q": query})

    assert response.status_code == 200
    assert response.json() == []


def test_header_search_box_is_a_search_form_the_script_makes_a_combobox(
    client, home_fr
):
    response = client.get("/fr/")

    soup = BeautifulSoup(response.content, "html.parser")
    form = soup.select_one("form.site-search")
    box = form.select_one("input[name=q]")
    listbox = soup.find(id=box["data-suggestions"])
    assert form["action"] == "/fr/search/"
    assert form["method"] == "get"
    assert form["data-suggest-url"] == "/fr/search/suggest/"
    # Without the script it is a plain search box: no combobox role to announce.
    assert box["type"] == "search"
    assert not box.has_attr("role")
    assert listbox["role"] == "listbox"
    assert listbox.has_attr("hidden")
    script = soup.find("script", src=lambda src: src and "search-suggest" in src)
    assert client.get(script["src"]).status_code == 200


# ---------------------------------------------------------------------------
# OpenSearch
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["fr", "en"])
def test_opensearch_description_searches_the_locale(client, language):
    response = client.get(f"/{language}/opensearch.xml")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/opensearchdescription+xml")
    assert "public" in response["Cache-Control"]
    namespace = {"os": "http://a9.com/-/spec/opensearch/1.1/"}
    root = ElementTree.fromstring(response.content)
    assert root.tag == "{http://a9.com/-/spec/opensearch/1.1/}OpenSearchDescription"
    assert root.findtext("os:ShortName", namespaces=namespace)
    assert root.findtext("os:Language", namespaces=namespace) == language
    urls = {
        url.get("type"): url.get("template")
        for url in root.iterfind("os:Url", namespace)
    }
    assert (
        urls["text/html"] == f"http://testserver/{language}/search/?q={{searchTerms}}"
    )
    assert urls["application/x-suggestions+json"] == (
        f"http://testserver/{language}/search/suggest/?q={{searchTerms}}"
        "&format=opensearch"
    )


def test_pages_link_to_the_opensearch_description_of_their_language(client, home_en):
    response = client.get("/en/")

    link = BeautifulSoup(response.content, "html.parser").find(
        "link", rel="search", type="application/opensearchdescription+xml"
    )
    assert link["href"] == "/en/opensearch.xml"
    assert link["title"]
