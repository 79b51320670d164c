"""The events of one locale as an iCalendar feed (RFC 5545)."""

import datetime
from urllib.parse import urlsplit

from django.utils import timezone
from django.utils.translation import gettext
from icalendar import Calendar, Event

PRODUCT_ID = "-//Atlas des communs//Events//EN"


def event_component(event, request):
    """A VEVENT for an `EventPage`: all-day, over the days its dates cover.

    A date known only to the month or the year still makes an event over that whole
    month or year, marked as not busy and saying the exact days are unknown, so
    nothing dated is missing from calendars.
    """
    start, end = event.start_date, event.end_date or event.start_date
    url = event.get_full_url(request)
    component = Event()
    # The same event in every language: one identifier, scoped to the site's host.
    component.add("uid", f"{event.translation_key}@{urlsplit(url).hostname}")
    component.add("summary", event.title)
    component.add("dtstart", start.earliest())
    # DTEND of an all-day event is the day after the last one.
    component.add("dtend", end.latest() + datetime.timedelta(days=1))
    stamp = event.last_published_at or timezone.now()
    component.add("dtstamp", stamp)
    component.add("last-modified", stamp)
    description = event.summary
    if start.precision != "day" or end.precision != "day":
        component.add("transp", "TRANSPARENT")
        known = start.format() if end == start else f"{start.format()} – {end.format()}"
        note = gettext("Exact days not known: %(dates)s.") % {"dates": known}
        description = f"{note}\n\n{description}"
    component.add("description", description)
    component.add("url", url)
    place = ", ".join(part for part in (event.address, event.place_name) if part)
    if event.online and event.online_url:
        place = ", ".join(part for part in (place, event.online_url) if part)
    if place:
        component.add("location", place)
    if event.has_coordinates:
        component.add("geo", (float(event.latitude), float(event.longitude)))
    component.add("categories", [event.get_kind_display()])
    return component


def events_calendar(events, name, request):
    """The calendar file for these events, as bytes."""
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("name", name)
    calendar.add("x-wr-calname", name)
    for event in events:
        calendar.add_component(event_component(event, request))
    return calendar.to_ical()
