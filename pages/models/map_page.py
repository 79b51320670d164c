"""The map of the commons: every located page of the locale, and the same as a list."""

from django.conf import settings
from django.http import QueryDict
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from pages.map import MapFilterForm, mapped_pages, type_choices
from pages.models.home import AtlasViewPage


def filter_query(filters):
    """The query string of cleaned filters, lists repeated: "type=event&type=actor"."""
    query = QueryDict(mutable=True)
    for name, value in filters.items():
        query.setlist(name, value if isinstance(value, list) else [value])
    return query.urlencode()


class MapPage(AtlasViewPage):
    """Commons, chambers, actors and events on a map, with filters in the URL.

    The page itself lists what matches the filters, so it works without JavaScript;
    the script draws the same pages on the map from the GeoJSON endpoint.
    """

    class Meta:
        verbose_name = _("map")
        verbose_name_plural = _("maps")

    def geojson_url(self):
        return f"{reverse('map_geojson')}?locale={self.locale.language_code}"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        form = MapFilterForm(request.GET or None)
        filters = form.active_filters() if request.GET else {}
        items = mapped_pages(self.locale_id, filters)
        located = [item for item in items if item.located]
        context.update(
            {
                "filter_form": form,
                "filters": filters,
                "located": located,
                "not_located": [item for item in items if not item.located],
                "map_types": type_choices(),
                "map_config": {
                    "geojson": self.geojson_url(),
                    # The valid filters only: those the list below applies.
                    "query": filter_query(filters),
                    "tiles": settings.ATLAS_MAP_TILES,
                },
                "map_strings": {
                    "open": gettext("Open the page"),
                    "error": gettext("The map could not load its places."),
                },
            }
        )
        return context
