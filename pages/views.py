"""Views of the wiki outside Wagtail's page tree."""

import json

from django import forms
from django.http import HttpResponse, JsonResponse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET
from wagtail.models import Locale

from pages.map import MapFilterForm, cached_geojson, feature_collection, mapped_pages


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
