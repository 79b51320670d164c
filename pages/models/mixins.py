"""Field groups that several page types share."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField

from pages.panels import LocationPickerPanel

# Régions of France (2016 map), the atlas's home ground; "Autre" covers the rest.
REGION_CHOICES = [
    ("auvergne-rhone-alpes", "Auvergne-Rhône-Alpes"),
    ("bourgogne-franche-comte", "Bourgogne-Franche-Comté"),
    ("bretagne", "Bretagne"),
    ("centre-val-de-loire", "Centre-Val de Loire"),
    ("corse", "Corse"),
    ("grand-est", "Grand Est"),
    ("hauts-de-france", "Hauts-de-France"),
    ("ile-de-france", "Île-de-France"),
    ("normandie", "Normandie"),
    ("nouvelle-aquitaine", "Nouvelle-Aquitaine"),
    ("occitanie", "Occitanie"),
    ("pays-de-la-loire", "Pays de la Loire"),
    ("provence-alpes-cote-d-azur", "Provence-Alpes-Côte d’Azur"),
    ("guadeloupe", "Guadeloupe"),
    ("martinique", "Martinique"),
    ("guyane", "Guyane"),
    ("la-reunion", "La Réunion"),
    ("mayotte", "Mayotte"),
    ("other", _("Other or outside France")),
]


class ContactMixin(models.Model):
    """Who to write to and where to read more."""

    contact_name = models.CharField(_("contact name"), max_length=255, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    website = models.URLField(_("website"), max_length=500, blank=True)

    contact_api_fields = [
        APIField("contact_name"),
        APIField("contact_email"),
        APIField("website"),
    ]

    class Meta:
        abstract = True

    @staticmethod
    def contact_panels(*extra_fields):
        """The contact fields, then the page type's own links, under one heading."""
        names = ["contact_name", "contact_email", "website", *extra_fields]
        return [
            MultiFieldPanel([FieldPanel(name) for name in names], heading=_("Contact"))
        ]


class LocationMixin(models.Model):
    """Where a thing is: a postal address and, for the map, coordinates (WGS 84)."""

    address = models.CharField(_("address"), max_length=255, blank=True)
    postcode = models.CharField(_("postcode"), max_length=20, blank=True)
    commune = models.CharField(_("commune"), max_length=100, blank=True)
    departement = models.CharField(_("département"), max_length=100, blank=True)
    region = models.CharField(
        _("région"), max_length=40, choices=REGION_CHOICES, blank=True
    )
    country = models.CharField(
        _("country"), max_length=100, blank=True, default="France"
    )
    latitude = models.FloatField(
        _("latitude"),
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
        help_text=_(
            "Decimal degrees between -90 and 90, e.g. 48.8156 for Ivry-sur-Seine."
        ),
    )
    longitude = models.FloatField(
        _("longitude"),
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
        help_text=_("Decimal degrees between -180 and 180, e.g. 2.3849."),
    )

    location_panels = [
        MultiFieldPanel(
            [
                FieldPanel("address"),
                FieldRowPanel([FieldPanel("postcode"), FieldPanel("commune")]),
                FieldRowPanel([FieldPanel("departement"), FieldPanel("region")]),
                FieldPanel("country"),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
                LocationPickerPanel(),
            ],
            heading=_("Location"),
        )
    ]

    location_columns = [
        "address",
        "postcode",
        "commune",
        "departement",
        "region",
        "country",
        "latitude",
        "longitude",
    ]
    location_api_fields = [APIField(name) for name in location_columns]

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        has_latitude = self.latitude is not None
        has_longitude = self.longitude is not None
        if has_latitude != has_longitude:
            missing = "longitude" if has_latitude else "latitude"
            raise ValidationError(
                {missing: _("Give both latitude and longitude, or neither.")}
            )

    @property
    def has_coordinates(self):
        return self.latitude is not None and self.longitude is not None

    @property
    def place_name(self):
        """The commune, else the région, else the country: a short place label."""
        return self.commune or self.get_region_display() or self.country
