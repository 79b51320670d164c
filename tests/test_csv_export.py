"""Each index page's list as CSV: the same filters, safe in a spreadsheet."""

import csv
import io

import pytest
from bs4 import BeautifulSoup

from pages.csv_export import formula_safe
from pages.models import EventOrganiser
from tests.factories import PAGE_TYPES
from tests.queries import steady_query_count
from timeline.fuzzy_date import FuzzyDate

pytestmark = pytest.mark.django_db


def csv_rows(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8"))))


@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_every_index_exports_its_live_pages(client, make_page, indexes, page_type):
    make_page(page_type, title="Première fiche")
    make_page(page_type, title="Brouillon").unpublish()
    index = indexes[page_type]

    response = client.get(index.url + "csv/")

    rows = csv_rows(response)
    assert [row["title"] for row in rows] == ["Première fiche"]
    assert rows[0]["url"].startswith("http://")
    assert rows[0]["summary"] == "Résumé de Première fiche."
    model = PAGE_TYPES[page_type][0]._meta.model
    assert list(rows[0]) == ["title", "url", "summary", "categories", "tags"] + list(
        model.csv_columns
    )
    assert response["Content-Disposition"] == (
        f'attachment; filename="{index.slug}.csv"'
    )


def test_commons_row_holds_dates_place_and_coordinates(client, make_page, indexes):
    page = make_page(
        "commons",
        title="Jardin",
        founded=FuzzyDate(2014, 7),
        ended=FuzzyDate(2020, circa=True),
        commune="Lille",
        region="hauts-de-france",
        latitude=50.63,
        longitude=3.06,
    )
    page.tags.add("forêt", "alimentation")
    page.save_revision().publish()

    (row,) = csv_rows(client.get(indexes["commons"].url + "csv/"))

    assert row["url"] == page.full_url
    assert row["founded"] == "2014-07"
    assert row["ended"] == "2020~"
    assert row["commune"] == "Lille"
    assert row["region"] == "hauts-de-france"
    assert (row["latitude"], row["longitude"]) == ("50.63", "3.06")
    assert row["tags"] == "alimentation; forêt"


def test_export_applies_the_index_filters(client, make_page, indexes):
    make_page("commons", title="Jardin", region="bretagne", founded=FuzzyDate(2012))
    make_page(
        "commons",
        title="Forge",
        region="bretagne",
        founded=FuzzyDate(1990),
        ended=FuzzyDate(1995),
    )
    make_page("commons", title="Wiki", region="occitanie", founded=FuzzyDate(2013))
    url = indexes["commons"].url + "csv/"

    rows = csv_rows(client.get(url, {"region": "bretagne", "year_from": "2000"}))
    dropped = csv_rows(client.get(url, {"region": "nowhere", "year_from": "x"}))

    assert [row["title"] for row in rows] == ["Jardin"]
    assert len(dropped) == 3, "filters it does not understand are dropped"


def test_index_links_to_its_csv_with_the_current_filters(client, make_page, indexes):
    make_page("commons", title="Jardin", region="bretagne")

    response = client.get(indexes["commons"].url, {"region": "bretagne", "page": "2"})

    document = BeautifulSoup(response.content, "html.parser")
    expected = indexes["commons"].url + "csv/?region=bretagne"
    assert document.select_one('head link[type="text/csv"]')["href"] == expected
    assert document.select_one('a[type="text/csv"]')["href"] == expected


def test_events_index_keeps_its_calendar(client, make_page, indexes):
    make_page("event", title="Forum")

    response = client.get(indexes["event"].url + "calendar/")

    assert response.status_code == 200
    assert b"SUMMARY:Forum" in response.content


@pytest.mark.parametrize(
    "text",
    ['=HYPERLINK("http://evil")', "+1", "-2+3", "@SUM(A1)", "\tx", "\rx"],
)
def test_cells_that_a_spreadsheet_would_run_are_quoted(text):
    assert formula_safe(text) == "'" + text
    assert formula_safe("Jardin = partage") == "Jardin = partage"


def test_export_is_formula_injection_safe(client, make_page, indexes):
    make_page(
        "event",
        title="=cmd|' /C calc'!A0",
        summary="@SUM(1+1)",
        series="-Forum",
        start_date=FuzzyDate(2019),
    )

    (row,) = csv_rows(client.get(indexes["event"].url + "csv/"))

    assert row["title"] == "'=cmd|' /C calc'!A0"
    assert row["summary"] == "'@SUM(1+1)"
    assert row["series"] == "'-Forum"


def test_event_organisers_are_listed_once_live(client, make_page, indexes):
    organiser = make_page("actor", title="ANIS")
    hidden = make_page("actor", title="Caché")
    hidden.unpublish()
    event = make_page("event", title="Forum")
    event.organiser_links.add(EventOrganiser(actor=organiser))
    event.organiser_links.add(EventOrganiser(actor=hidden))
    event.save_revision().publish()

    (row,) = csv_rows(client.get(indexes["event"].url + "csv/"))

    assert row["organisers"] == "ANIS"


def test_query_count_does_not_grow_with_the_pages(client, make_page, indexes):
    organiser = make_page("actor", title="ANIS")

    def add_events(numbers):
        for number in numbers:
            event = make_page("event", title=f"Forum {number}")
            event.organiser_links.add(EventOrganiser(actor=organiser))
            event.tags.add("communs")
            event.save_revision().publish()

    def count_queries():
        url = indexes["event"].url + "csv/"
        return len(csv_rows(client.get(url))), steady_query_count(client, url)

    add_events(range(3))
    rows, few = count_queries()
    assert rows == 3
    add_events(range(3, 15))
    assert count_queries() == (15, few)
