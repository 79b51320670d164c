"""Editor panels of the wiki's own."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import Panel


class LocationPickerPanel(Panel):
    """A small map beside the coordinates: clicking it fills latitude and longitude.

    The inputs stay the way to type exact values; the map is a help, not the only way.
    """

    def __init__(self, latitude="latitude", longitude="longitude", **kwargs):
        super().__init__(**kwargs)
        self.latitude = latitude
        self.longitude = longitude

    def clone_kwargs(self):
        return {
            **super().clone_kwargs(),
            "latitude": self.latitude,
            "longitude": self.longitude,
        }

    class BoundPanel(Panel.BoundPanel):
        template_name = "pages/panels/location_picker.html"

        class Media:
            css = {"all": ["vendor/leaflet/leaflet.css", "pages/location-picker.css"]}
            js = ["vendor/leaflet/leaflet.js", "pages/location-picker.js"]

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context.update(
                {
                    "latitude_id": self.form[self.panel.latitude].auto_id,
                    "longitude_id": self.form[self.panel.longitude].auto_id,
                    "tiles": settings.ATLAS_MAP_TILES,
                    "instructions": _(
                        "Click on the map to set the coordinates, or type them above."
                    ),
                }
            )
            return context
