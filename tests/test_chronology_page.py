"""The chronology page: year by year, filters in the URL, JSON, errors as 400."""

import pytest
from bs4 import BeautifulSoup

from tests.factories import CategoryFactory, publish_child
from tests.queries import steady_query_count
from tests.timeline_data import date, entry, timeline
from timeline.fuzzy_date import FuzzyDate
from timeline.models import ChronologyPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def chronology(home_fr):
    return publish_child(
        home_fr, ChronologyPage(title="Chronologie", slug="chronologie")
    )


@pytest.fixture
def forest():
    return CategoryFactory(name="Forêt", slug="foret")


@pytest.fixture
def atlas(make_page, forest):
    """Dated pages of several kinds, one of them in a category and a tag."""
    commons = make_page("commons", title="Jardin", founded=FuzzyDate(2012, 3))
    commons.categories.set([forest])
    commons.tags.add("tiers-lieu")
    commons.save_revision().publish()
    return {
        "commons": commons,
        "event": make_page(
            "event",
            title="Forum",
            start_date=FuzzyDate(2014, 7, 3),
            end_date=FuzzyDate(2016, 1, 1),
        ),
        "text": make_page("text", title="Loi ESS", date=FuzzyDate(2014, 7, 31)),
        "concept": make_page(
            "concept",
            title="Communs",
            origin_date=FuzzyDate(2009, circa=True),
            body=timeline(entry("Prix Nobel d’Ostrom", date(2009, 10), kind="event")),
        ),
    }


def titles(response):
    document = BeautifulSoup(response.content, "html.parser")
    return [h3.get_text(strip=True) for h3 in document.select(".timeline__title")]


def test_entries_grouped_by_year_oldest_first(client, chronology, atlas):
    response = client.get(chronology.url)

    assert response.status_code == 200
    document = BeautifulSoup(response.content, "html.parser")
    assert [h2.get_text() for h2 in document.select(".chronology__year-heading")] == [
        "2009",
        "2012",
        "2014",
    ]
    assert titles(response) == [
        "Communs",
        "Prix Nobel d’Ostrom",
        "Jardin",
        "Forum",
        "Loi ESS",
    ]
    assert document.select_one("#year-2014 ~ ol time")["datetime"] == "2014-07-03"
    nav = [a["href"] for a in document.select(".year-nav a")]
    assert nav == ["#year-2009", "#year-2012", "#year-2014"]


def test_a_timeline_entry_names_the_page_it_comes_from(client, chronology, atlas):
    document = BeautifulSoup(client.get(chronology.url).content, "html.parser")
    [source] = document.select(".timeline__source a")
    assert (source.get_text(), source["href"]) == ("Communs", atlas["concept"].url)


def test_newest_first_on_request(client, chronology, atlas):
    response = client.get(chronology.url, {"order": "desc"})
    assert titles(response)[0] == "Loi ESS"
    assert titles(response)[-1] == "Communs"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"kind": "event"}, ["Prix Nobel d’Ostrom", "Forum"]),
        ({"kind": ["text", "commons"]}, ["Jardin", "Loi ESS"]),
        ({"category": "foret"}, ["Jardin"]),
        ({"tag": "tiers-lieu"}, ["Jardin"]),
        # The forum lasts until 2016: it belongs to 2015 too.
        ({"year_from": "2015", "year_to": "2015"}, ["Forum"]),
        ({"year_to": "2010"}, ["Communs", "Prix Nobel d’Ostrom"]),
        ({"year_from": "2016", "year_to": "2012"}, ["Jardin", "Forum", "Loi ESS"]),
        ({"tag": "inconnu"}, []),
    ],
)
def test_filters(client, chronology, atlas, query, expected):
    response = client.get(chronology.url, query)
    assert response.status_code == 200
    assert titles(response) == expected


@pytest.mark.parametrize(
    "query",
    [
        {"kind": "volcano"},
        {"year_from": "deux mille"},
        {"year_to": "99999"},
        {"category": "pas-une-categorie"},
        {"order": "sideways"},
        {"tag": "<script>"},
        {"page": "x", "year_from": "-1"},
    ],
)
def test_malformed_filters_answer_400_with_an_explanation(
    client, chronology, atlas, query
):
    response = client.get(chronology.url, query)
    assert response.status_code == 400
    document = BeautifulSoup(response.content, "html.parser")
    assert document.select_one(".filters__errors[role=alert] li")

    json_response = client.get(chronology.url + "json/", query)
    assert json_response.status_code == 400
    assert json_response.json()["errors"]


def test_json_is_the_same_selection(client, chronology, atlas):
    response = client.get(chronology.url + "json/", {"kind": "event", "order": "desc"})

    assert response.status_code == 200
    data = response.json()
    assert data["locale"] == "fr"
    assert data["count"] == 2
    forum, nobel = data["entries"]
    assert forum["title"] == "Forum"
    assert (forum["date"], forum["end_date"]) == ("2014-07-03", "2016-01-01")
    assert forum["date_display"] == "3 juillet 2014"
    assert forum["url"] == "http://testserver" + atlas["event"].url
    assert nobel["role"] == "entry"
    assert nobel["page"]["url"] == "http://testserver" + atlas["concept"].url
    assert nobel["url"] is None


def test_json_lists_categories(client, chronology, atlas, forest):
    data = client.get(chronology.url + "json/", {"category": "foret"}).json()
    assert [entry["categories"] for entry in data["entries"]] == [["foret"]]


def test_html_links_to_its_json(client, chronology, atlas):
    response = client.get(chronology.url, {"kind": "text"})
    document = BeautifulSoup(response.content, "html.parser")
    link = document.select_one('link[rel=alternate][type="application/json"]')
    assert client.get(link["href"]).json()["count"] == 1


def test_only_the_pages_locale(client, chronology, atlas, home_en, locale_en):
    english = ChronologyPage(title="Chronology", slug="chronology", locale=locale_en)
    publish_child(home_en, english)
    assert client.get(english.url + "json/").json()["count"] == 0


def test_year_navigation_points_to_the_page_of_the_list(client, chronology, make_page):
    for year in range(2000, 2005):
        for number in range(3):
            make_page("text", title=f"Texte {year}-{number}", date=FuzzyDate(year))
    ChronologyPage.per_page = 4
    try:
        response = client.get(chronology.url, {"kind": "text"})
    finally:
        ChronologyPage.per_page = 100

    document = BeautifulSoup(response.content, "html.parser")
    nav = {
        a.get_text(strip=True)[:4]: a["href"] for a in document.select(".year-nav a")
    }
    assert nav["2000"] == "#year-2000"
    assert nav["2002"] == "?kind=text&page=2#year-2002"
    assert nav["2004"] == "?kind=text&page=4#year-2004"


def test_query_count_does_not_grow_with_entries(client, chronology, make_page):
    def count_queries():
        return steady_query_count(client, chronology.url, chronology.url + "json/")

    make_page("text", date=FuzzyDate(2001), tags=["a"])
    few = count_queries()
    for year in range(2002, 2022):
        make_page("text", date=FuzzyDate(year))
        make_page("event", start_date=FuzzyDate(year, 5))
    assert count_queries() == few


def test_private_pages_stay_out(client, chronology, atlas, indexes):
    from wagtail.models import PageViewRestriction

    PageViewRestriction.objects.create(
        page=indexes["text"], restriction_type="password", password="secret"
    )
    assert "Loi ESS" not in titles(client.get(chronology.url))
