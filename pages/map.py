"""The map's data: the live, public, located pages of a locale as GeoJSON features.

The map page, its accessible list and the GeoJSON endpoint all read `mapped_pages`,
so that the three always agree. The GeoJSON is cached under a key that changes with
every logged page or snippet action (publish, unpublish, move, delete, privacy), so a
publication shows at once on every server that shares the database.
"""

from dataclasses import dataclass

from django import forms
from django.core.cache import cache
from django.db.models import Max
from django.utils.translation import gettext_lazy as _
from wagtail.models import ModelLogEntry, PageLogEntry

from pages.models.actors import ActorPage
from pages.models.chambers import ChamberPage
from pages.models.commons import CommonsPage
from pages.models.events import EventPage
from timeline.forms import FilterForm, theme_query

# Each type on the map: its model and the fields that open and close its period.
# A commons, chamber or actor without an end date still exists; an event without
# one happened on its start date.
MAP_TYPES = {
    "commons": (CommonsPage, "founded", "ended"),
    "chamber": (ChamberPage, "founded", None),
    "actor": (ActorPage, "founded", None),
    "event": (EventPage, "start_date", "end_date"),
}
CACHE_SECONDS = 60 * 60


def type_choices():
    return [
        (name, model._meta.verbose_name.capitalize())
        for name, (model, _start, _end) in MAP_TYPES.items()
    ]


class MapFilterForm(FilterForm):
    """What the map shows, read from the query string."""

    type = forms.MultipleChoiceField(
        label=_("Types"),
        required=False,
        choices=type_choices,
        widget=forms.CheckboxSelectMultiple,
    )

    field_order = ["type", "category", "tag", "year_from", "year_to"]


@dataclass
class MappedPage:
    """One page as the map, its list and the GeoJSON see it."""

    page: object
    type: str
    type_label: str
    start: object  # FuzzyDate or None
    end: object
    ongoing: bool

    @property
    def located(self):
        return self.page.has_coordinates

    @property
    def start_year(self):
        return self.start.year if self.start else None

    @property
    def end_year(self):
        """The last year it existed or happened in; None while it still exists."""
        if self.end:
            return self.end.year
        return None if self.ongoing else self.start_year

    def in_period(self, year_from, year_to):
        if not (year_from or year_to):
            return True
        if self.start is None:
            return False
        if year_to and self.start_year > year_to:
            return False
        return not (year_from and self.end_year and self.end_year < year_from)


def mapped_pages(locale_id, filters):
    """Every live, public page of a mapped type in the locale, matching `filters`.

    Located and unlocated pages alike, by type then title; a few queries per type,
    however many pages there are.
    """
    types = filters.get("type") or list(MAP_TYPES)
    results = []
    for name in types:
        model, start_field, end_field = MAP_TYPES[name]
        pages = (
            model.objects.live()
            .public()
            .filter(theme_query(filters), locale_id=locale_id)
            .distinct()
            .order_by("title")
            .prefetch_related("categories", "tags")
        )
        label = model._meta.verbose_name.capitalize()
        for page in pages:
            item = MappedPage(
                page=page,
                type=name,
                type_label=label,
                start=getattr(page, start_field),
                end=getattr(page, end_field) if end_field else None,
                ongoing=name != "event",
            )
            if item.in_period(filters.get("year_from"), filters.get("year_to")):
                results.append(item)
    return results


def feature(item, request):
    """A GeoJSON (RFC 7946) Feature: a point at [longitude, latitude]."""
    page = item.page
    return {
        "type": "Feature",
        # Stable across edits and moves, so map tools can follow a feature.
        "id": page.pk,
        "geometry": {
            "type": "Point",
            "coordinates": [round(page.longitude, 6), round(page.latitude, 6)],
        },
        "properties": {
            "title": page.title,
            "summary": page.summary,
            "type": item.type,
            "type_label": str(item.type_label),
            "url": request.build_absolute_uri(page.get_url(request)),
            "place": page.place_name,
            "start": item.start.isoformat() if item.start else None,
            "end": item.end.isoformat() if item.end else None,
            "start_year": item.start_year,
            "end_year": item.end_year,
            "categories": sorted(category.slug for category in page.categories.all()),
            "tags": sorted(tag.slug for tag in page.tags.all()),
        },
    }


def feature_collection(items, request):
    return {
        "type": "FeatureCollection",
        "features": [feature(item, request) for item in items if item.located],
    }


def content_version():
    """Changes whenever a page or snippet action is logged (publish, move, delete…)."""
    pages = PageLogEntry.objects.aggregate(last=Max("pk"))["last"]
    snippets = ModelLogEntry.objects.aggregate(last=Max("pk"))["last"]
    return f"{pages}-{snippets}"


def cached_geojson(key, build):
    """The GeoJSON body for `key`, built once per content version."""
    full_key = f"atlas:geojson:{content_version()}:{key}"
    body = cache.get(full_key)
    if body is None:
        body = build()
        cache.set(full_key, body, CACHE_SECONDS)
    return body
