"""Views of the wiki outside Wagtail's page tree."""

import json

from django import forms
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET
from wagtail.models import Locale

from pages.map import MapFilterForm, cached_geojson, feature_collection, mapped_pages
from pages.pagination import paginate
from pages.recent_changes import (
    RECENT_CHANGES_PER_PAGE,
    RecentChangesFilters,
    for_display,
    publications,
)


class GeoJSONFilterForm(MapFilterForm):
    locale = forms.ModelChoiceField(
        label=_("Language"),
        queryset=Locale.objects.all(),
        to_field_name="language_code",
        required=False,
    )


@require_GET
def map_geojson(request):
    """The located pages of one locale as GeoJSON, with the map page's filters.

    `?locale=en` chooses the language (the default one otherwise); unknown or
    malformed parameters answer 400 with the reason.
    """
    form = GeoJSONFilterForm(request.GET)
    if not form.is_valid():
        return JsonResponse({"errors": form.errors.get_json_data()}, status=400)
    locale = form.cleaned_data["locale"] or Locale.get_default()

    def build():
        with translation.override(locale.language_code):
            items = mapped_pages(locale.pk, form.cleaned_data)
            data = feature_collection(items, request)
        return json.dumps(data, ensure_ascii=False, separators=(",", ":"))

    key = f"{request.get_host()}:{request.GET.urlencode()}"
    response = HttpResponse(
        cached_geojson(key, build), content_type="application/geo+json"
    )
    # Map tools (uMap, QGIS) load it from other origins as a remote layer.
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_GET
def recent_changes(request):
    """The latest publications across the atlas, filtered by type and language."""
    filters = RecentChangesFilters(request.GET)
    active = filters.active_filters()
    entries = paginate(request, publications(active), RECENT_CHANGES_PER_PAGE)
    entries.object_list = for_display(entries.object_list, request)
    feed_query = request.GET.copy()
    feed_query.pop("page", None)
    return render(
        request,
        "pages/recent_changes.html",
        {
            "filter_form": filters,
            "active_filters": active,
            "entries": entries,
            "feed_url": f"{reverse('recent_changes_feed')}?{feed_query.urlencode()}"
            if feed_query
            else reverse("recent_changes_feed"),
        },
    )
