"""Actors: organisations, local authorities, networks, research groups, foundations."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.api import APIField
from wagtail.search import index

from pages.models.base import WikiPage, fuzzy_date_api_field, relation
from pages.models.choices import ActorKind
from pages.models.mixins import LocationMixin
from timeline.choices import ChronologyKind, DateRole, PageDate
from timeline.fields import FuzzyDateField


class ActorPage(LocationMixin, WikiPage):
    """An organisation or group taking part in commons, chambers, events or texts."""

    kind = models.CharField(_("kind"), max_length=20, choices=ActorKind.choices)
    founded = FuzzyDateField(_("founded"), blank=True, null=True)
    website = models.URLField(_("website"), max_length=500, blank=True)
    members_count = models.PositiveIntegerField(
        _("number of members"), null=True, blank=True
    )
    members_year = models.PositiveSmallIntegerField(
        _("members counted in"),
        null=True,
        blank=True,
        help_text=_("Year of the count."),
    )

    edit_handler = WikiPage.wiki_tabs(
        ObjectList(
            [
                *WikiPage.description_panels,
                MultiFieldPanel(
                    [
                        FieldRowPanel([FieldPanel("kind"), FieldPanel("founded")]),
                        FieldPanel("website"),
                        FieldRowPanel(
                            [FieldPanel("members_count"), FieldPanel("members_year")]
                        ),
                    ],
                    heading=_("Key facts"),
                ),
                *LocationMixin.location_panels,
            ],
            heading=_("Description"),
        ),
    )

    override_translatable_fields = WikiPage.synchronised(
        "founded", "address", "postcode", "commune", "departement", "country"
    )

    search_fields = [
        *WikiPage.search_fields,
        index.SearchField("commune"),
        index.FilterField("kind"),
        index.FilterField("region"),
    ]
    api_fields = [
        *WikiPage.api_fields,
        APIField("kind"),
        fuzzy_date_api_field("founded"),
        APIField("website"),
        APIField("members_count"),
        APIField("members_year"),
        *LocationMixin.location_api_fields,
    ]

    csv_columns = [
        "kind",
        "founded",
        *LocationMixin.location_columns,
        "website",
        "members_count",
        "members_year",
    ]

    # What this page adds to the chronology (timeline/chronology.py reads these).
    chronology_kind = ChronologyKind.ACTOR
    chronology_dates = [
        PageDate("founded", DateRole.FOUNDED),
    ]

    parent_page_types = ["pages.ActorsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("actor")
        verbose_name_plural = _("actors")

    def get_card_facts(self):
        return [self.get_kind_display(), self.place_name]

    def get_relations(self):
        return [
            relation(
                _("Commons it takes part in"),
                self.commons_links.select_related("commons"),
                "commons",
                "role",
            ),
            relation(
                _("Chambers of commons it is a member of"),
                self.chamber_links.select_related("chamber"),
                "chamber",
                "role",
            ),
            relation(
                _("Events it organised"),
                self.organised_event_links.select_related("event"),
                "event",
            ),
            relation(
                _("Texts it wrote"),
                self.authored_text_links.select_related("text"),
                "text",
            ),
        ]
