"""The events calendar (RFC 5545), read back with a calendar parser."""

import datetime

import pytest
from bs4 import BeautifulSoup
from icalendar import Calendar

from timeline.fuzzy_date import FuzzyDate

pytestmark = pytest.mark.django_db


def calendar_of(client, index):
    response = client.get(index.url + "calendar/")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def events_by_title(calendar):
    return {str(event["SUMMARY"]): event for event in calendar.walk("VEVENT")}


def test_each_live_event_is_an_all_day_event(client, make_page, indexes):
    forum = make_page(
        "event",
        title="Forum des communs",
        start_date=FuzzyDate(2019, 10, 3),
        end_date=FuzzyDate(2019, 10, 5),
        commune="Lille",
        address="1 place du Théâtre",
        latitude=50.63,
        longitude=3.06,
    )
    draft = make_page("event", title="Brouillon", start_date=FuzzyDate(2020, 1, 1))
    draft.unpublish()

    calendar = calendar_of(client, indexes["event"])

    assert calendar["VERSION"] == "2.0"
    assert calendar["PRODID"]
    events = events_by_title(calendar)
    assert list(events) == ["Forum des communs"]
    event = events["Forum des communs"]
    assert event.decoded("DTSTART") == datetime.date(2019, 10, 3)
    assert event.decoded("DTEND") == datetime.date(2019, 10, 6), "DTEND is exclusive"
    assert str(event["UID"]) == f"{forum.translation_key}@localhost"
    assert str(event["URL"]).endswith(forum.url)
    assert str(event["LOCATION"]) == "1 place du Théâtre, Lille"
    assert (event["GEO"].latitude, event["GEO"].longitude) == (50.63, 3.06)
    assert event.decoded("DTSTAMP")
    assert "TRANSP" not in event


def test_an_event_known_to_the_month_spans_it_and_says_so(client, make_page, indexes):
    make_page("event", title="Rencontre", start_date=FuzzyDate(2023, 6))

    event = events_by_title(calendar_of(client, indexes["event"]))["Rencontre"]

    assert event.decoded("DTSTART") == datetime.date(2023, 6, 1)
    assert event.decoded("DTEND") == datetime.date(2023, 7, 1)
    assert str(event["TRANSP"]) == "TRANSPARENT"
    assert str(event["DESCRIPTION"]).startswith("Jours exacts inconnus : juin 2023.")


def test_text_with_commas_and_long_lines_survives(client, make_page, indexes):
    summary = "Un forum, une fête; et des ateliers\\ " + "très " * 40
    make_page("event", title="Fête", summary=summary[:300], start_date=FuzzyDate(2020))

    response = client.get(indexes["event"].url + "calendar/")

    assert all(len(line) <= 75 for line in response.content.split(b"\r\n"))
    event = events_by_title(Calendar.from_ical(response.content))["Fête"]
    assert str(event["DESCRIPTION"]).endswith(summary[:300])


def test_the_events_index_links_to_its_calendar(client, indexes):
    document = BeautifulSoup(client.get(indexes["event"].url).content, "html.parser")
    link = document.select_one('link[rel=alternate][type="text/calendar"]')
    assert link["href"] == indexes["event"].url + "calendar/"
