"""The map's data: GeoJSON (RFC 7946) of located pages, and the map page's list."""

import json

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.models import PageViewRestriction

from pages.models import MapPage
from tests.factories import CategoryFactory, publish_child
from tests.queries import recorded_queries
from timeline.fuzzy_date import FuzzyDate

pytestmark = pytest.mark.django_db

GEOJSON = reverse("map_geojson")


@pytest.fixture
def map_page(home_fr):
    return publish_child(home_fr, MapPage(title="Carte", slug="carte"))


@pytest.fixture
def places(make_page):
    forest = CategoryFactory(name="Forêt", slug="foret")
    garden = make_page(
        "commons",
        title="Jardin",
        latitude=50.63,
        longitude=3.06,
        commune="Lille",
        founded=FuzzyDate(2012),
        ended=FuzzyDate(2018),
    )
    garden.categories.set([forest])
    garden.tags.add("tiers-lieu")
    garden.save_revision().publish()
    return {
        "garden": garden,
        "chamber": make_page(
            "chamber", title="Chambre", latitude=50.6, longitude=3.0, founded=None
        ),
        "forum": make_page(
            "event",
            title="Forum",
            latitude=48.85,
            longitude=2.35,
            start_date=FuzzyDate(2020, 5),
        ),
        "nowhere": make_page("actor", title="Sans lieu", founded=FuzzyDate(2001)),
    }


def geojson(client, **params):
    response = client.get(GEOJSON, params)
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "application/geo+json"
    return json.loads(response.content)


def titles(collection):
    return sorted(f["properties"]["title"] for f in collection["features"])


def test_located_pages_as_points_in_longitude_latitude_order(client, places):
    collection = geojson(client)

    assert collection["type"] == "FeatureCollection"
    assert titles(collection) == ["Chambre", "Forum", "Jardin"]
    garden = next(f for f in collection["features"] if f["id"] == places["garden"].pk)
    assert garden["geometry"] == {"type": "Point", "coordinates": [3.06, 50.63]}
    properties = garden["properties"]
    assert properties["url"] == "http://testserver" + places["garden"].url
    assert (properties["type"], properties["place"]) == ("commons", "Lille")
    assert (properties["start_year"], properties["end_year"]) == (2012, 2018)
    assert (properties["categories"], properties["tags"]) == (["foret"], ["tiers-lieu"])


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"type": "event"}, ["Forum"]),
        ({"type": ["commons", "chamber"]}, ["Chambre", "Jardin"]),
        ({"category": "foret"}, ["Jardin"]),
        ({"tag": "tiers-lieu"}, ["Jardin"]),
        # The garden existed 2012–2018; the undated chamber is left out of periods.
        ({"year_from": "2015", "year_to": "2016"}, ["Jardin"]),
        ({"year_from": "2019"}, ["Forum"]),
        ({"locale": "en"}, []),
    ],
)
def test_filters(client, places, params, expected):
    assert titles(geojson(client, **params)) == expected


@pytest.mark.parametrize(
    "params",
    [
        {"type": "volcano"},
        {"locale": "xx"},
        {"year_from": "soon"},
        {"category": "<b>"},
        {"tag": "a b c"},
    ],
)
def test_malformed_filters_answer_400(client, places, params):
    response = client.get(GEOJSON, params)
    assert response.status_code == 400
    assert response.json()["errors"]


def test_unpublished_and_private_pages_are_left_out(client, places, indexes):
    places["forum"].unpublish()
    PageViewRestriction.objects.create(
        page=indexes["chamber"], restriction_type="password", password="secret"
    )
    assert titles(geojson(client)) == ["Jardin"]


def test_a_publication_shows_at_once_despite_the_cache(client, places, make_page):
    assert "Nouveau" not in titles(geojson(client))
    make_page("commons", title="Nouveau", latitude=45.0, longitude=5.0)
    assert "Nouveau" in titles(geojson(client))
    places["garden"].unpublish()
    assert "Jardin" not in titles(geojson(client))


def test_query_count_does_not_grow_with_pages(client, make_page):
    def count():
        geojson(client, type="event")  # warm what every request shares
        with recorded_queries() as queries:
            geojson(client, tag="x")  # a query string not cached yet
        return len(queries)

    make_page("commons", latitude=45.0, longitude=5.0, tags=["x"])
    few = count()
    for number in range(15):
        make_page("commons", latitude=45.0, longitude=5.0 + number / 10, tags=["x"])
        make_page("event", latitude=44.0, longitude=5.0, tags=["x"])
    make_page("actor", title="Last one, to change the cache key")
    assert count() == few


def test_map_page_lists_the_places_and_those_not_on_the_map(client, map_page, places):
    response = client.get(map_page.url)

    assert response.status_code == 200
    document = BeautifulSoup(response.content, "html.parser")
    rows = document.select("table.map-list tbody tr")
    assert [row.th.get_text(strip=True) for row in rows] == [
        "Jardin",
        "Chambre",
        "Forum",
    ]
    assert rows[0].th.a["href"] == places["garden"].url
    unlocated = document.select_one("#not-located ~ ul").get_text()
    assert "Sans lieu" in unlocated
    link = document.select_one('link[rel=alternate][type="application/geo+json"]')
    assert link["href"] == f"{GEOJSON}?locale=fr"
    config = json.loads(document.select_one("#map-config").string)
    assert config["tiles"]["url"]
    assert document.select_one("#atlas-map[aria-describedby=map-description]")


def test_map_page_filters_without_javascript(client, map_page, places):
    response = client.get(map_page.url, {"type": "event", "year_from": "bientôt"})

    document = BeautifulSoup(response.content, "html.parser")
    rows = document.select("table.map-list tbody tr")
    assert [row.th.get_text(strip=True) for row in rows] == ["Forum"]
    assert document.select_one(".filters__errors[role=alert]")
    config = json.loads(document.select_one("#map-config").string)
    assert config["query"] == "type=event", "only the valid filters reach the map"
