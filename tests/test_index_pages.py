"""Index pages: cards, filters that combine and stay in the URL, pagination."""

import pytest
from bs4 import BeautifulSoup

from pages.models import Category
from timeline.fuzzy_date import FuzzyDate

pytestmark = pytest.mark.django_db


def card_titles(response):
    assert response.status_code == 200
    document = BeautifulSoup(response.content, "html.parser")
    return [a.get_text() for a in document.select(".card__title a, .glossary dt a")]


@pytest.fixture
def commons_pages(make_page):
    # The four domains of the commons come from a data migration.
    knowledge = Category.objects.get(slug="connaissance", locale__language_code="fr")
    nature = Category.objects.get(
        slug="ressources-naturelles", locale__language_code="fr"
    )
    pages = {
        "jardin": make_page(
            "commons",
            title="Jardin",
            status="active",
            region="bretagne",
            founded=FuzzyDate(2012),
            ended=None,
        ),
        "forge": make_page(
            "commons",
            title="Forge",
            status="ended",
            region="bretagne",
            founded=FuzzyDate(2005),
            ended=FuzzyDate(2009),
        ),
        "wiki": make_page(
            "commons",
            title="Wiki local",
            status="active",
            region="hauts-de-france",
            founded=FuzzyDate(2018, 3),
        ),
        "undated": make_page("commons", title="Sans date", founded=None),
    }
    pages["jardin"].categories.add(nature)
    pages["jardin"].tags.add("alimentation")
    pages["wiki"].categories.add(knowledge)
    for page in pages.values():
        page.save_revision().publish()
    return pages


def test_index_lists_live_children_as_cards(client, commons_pages, indexes):
    commons_pages["forge"].unpublish()

    titles = card_titles(client.get(indexes["commons"].url))

    assert titles == ["Jardin", "Sans date", "Wiki local"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"category": "ressources-naturelles"}, ["Jardin"]),
        ({"tag": "alimentation"}, ["Jardin"]),
        ({"kind": "ended"}, ["Forge"]),
        ({"region": "bretagne"}, ["Forge", "Jardin"]),
        ({"region": "bretagne", "kind": "active"}, ["Jardin"]),
        ({"year_from": "2008", "year_to": "2010"}, ["Forge"]),
        ({"year_from": "2013"}, ["Jardin", "Wiki local"]),
        ({"year_to": "2006"}, ["Forge"]),
        ({"year_from": "2010", "year_to": "2006"}, ["Forge"]),
    ],
)
def test_filters_combine(client, commons_pages, indexes, query, expected):
    assert card_titles(client.get(indexes["commons"].url, query)) == expected


@pytest.mark.parametrize(
    "query",
    [
        {"category": "n'existe-pas"},
        {"kind": "<script>"},
        {"region": "atlantide"},
        {"year_from": "deux mille"},
        {"year_to": "-5"},
        {"year_from": "99999999999999999999"},
        {"tag": "x" * 500},
        {"page": "abc"},
        {"page": "-1"},
        {"page": "100000"},
    ],
)
def test_bad_filter_values_never_fail(client, commons_pages, indexes, query):
    response = client.get(indexes["commons"].url, query)

    assert response.status_code == 200
    assert b"<script>" not in response.content


def test_unknown_category_gives_an_explained_result(client, commons_pages, indexes):
    response = client.get(indexes["commons"].url, {"category": "inconnue"})

    assert card_titles(response) == ["Forge", "Jardin", "Sans date", "Wiki local"]
    assert "ne sont pas compris" in response.content.decode()


def test_index_paginates_and_keeps_filters_in_links(
    client, make_page, indexes, settings
):
    for number in range(30):
        make_page("actor", title=f"Acteur {number:02d}", region="bretagne")

    response = client.get(indexes["actor"].url, {"region": "bretagne"})

    assert len(card_titles(response)) == 24
    document = BeautifulSoup(response.content, "html.parser")
    assert document.select_one("a[rel=next]")["href"] == "?region=bretagne&page=2"
    second = client.get(indexes["actor"].url, {"region": "bretagne", "page": 2})
    assert len(card_titles(second)) == 6


def test_glossary_groups_concepts_by_initial(client, make_page, indexes):
    make_page("concept", title="Économie sociale")
    make_page("concept", title="Communs négatifs")
    make_page("concept", title="Enclosure")

    response = client.get(indexes["concept"].url)

    document = BeautifulSoup(response.content, "html.parser")
    letters = [h2.get_text() for h2 in document.select(".glossary__letter h2")]
    assert letters == ["C", "E"]
    assert card_titles(response) == [
        "Communs négatifs",
        "Économie sociale",
        "Enclosure",
    ]


def test_a_filter_value_not_understood_is_kept_and_explained(client, indexes):
    response = client.get(indexes["commons"].url, {"year_from": "deux mille"})

    document = BeautifulSoup(response.content, "html.parser")
    field = document.select_one("input[name=year_from]")
    assert field["value"] == "deux mille"
    error = document.select_one(f"#{field['aria-describedby']}")
    assert error is not None and error.get_text(strip=True)
