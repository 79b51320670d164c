"""Events: colloquia, festivals, forums, meetings and residencies of the commons."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
)
from wagtail.api import APIField
from wagtail.models import Orderable
from wagtail.search import index

from pages.models.base import (
    WikiPage,
    check_date_order,
    fuzzy_date_api_field,
    page_link_api_field,
    relation,
)
from pages.models.choices import EventKind
from pages.models.mixins import LocationMixin
from pages.visibility import is_public
from timeline.choices import ChronologyKind, DateRole, PageDate
from timeline.fields import FuzzyDateField


class EventPage(LocationMixin, WikiPage):
    """A gathering of the commons, in a place or online, possibly one of a series."""

    kind = models.CharField(_("kind"), max_length=20, choices=EventKind.choices)
    start_date = FuzzyDateField(_("start"), help_text=_("As precisely as known."))
    end_date = FuzzyDateField(_("end"), blank=True, null=True)
    online = models.BooleanField(_("online"), default=False)
    online_url = models.URLField(_("online address"), max_length=500, blank=True)
    series = models.CharField(
        _("series"),
        max_length=255,
        blank=True,
        help_text=_("The name shared by every edition, e.g. Forum des communs."),
    )

    edit_handler = WikiPage.wiki_tabs(
        ObjectList(
            [
                *WikiPage.description_panels,
                MultiFieldPanel(
                    [
                        FieldRowPanel([FieldPanel("kind"), FieldPanel("series")]),
                        FieldRowPanel(
                            [FieldPanel("start_date"), FieldPanel("end_date")]
                        ),
                        FieldRowPanel([FieldPanel("online"), FieldPanel("online_url")]),
                    ],
                    heading=_("Key facts"),
                ),
                *LocationMixin.location_panels,
            ],
            heading=_("Description"),
        ),
        ObjectList(
            [
                InlinePanel(
                    "organiser_links", heading=_("Organisers"), label=_("organiser")
                )
            ],
            heading=_("Organisers"),
        ),
    )

    override_translatable_fields = WikiPage.synchronised(
        "start_date",
        "end_date",
        "address",
        "postcode",
        "commune",
        "departement",
        "country",
    )

    search_fields = [
        *WikiPage.search_fields,
        index.SearchField("series"),
        index.SearchField("commune"),
        index.FilterField("kind"),
        index.FilterField("region"),
    ]
    api_fields = [
        *WikiPage.api_fields,
        APIField("kind"),
        fuzzy_date_api_field("start_date"),
        fuzzy_date_api_field("end_date"),
        APIField("online"),
        APIField("online_url"),
        APIField("series"),
        *LocationMixin.location_api_fields,
        APIField("organiser_links"),
    ]
    export_prefetch = [*WikiPage.export_prefetch, "organiser_links__actor"]

    csv_columns = [
        "kind",
        "start_date",
        "end_date",
        "online",
        "online_url",
        "series",
        *LocationMixin.location_columns,
        "organisers",
    ]

    # What this page adds to the chronology (timeline/chronology.py reads these).
    chronology_kind = ChronologyKind.EVENT
    chronology_dates = [
        PageDate("start_date", DateRole.HELD, end_field="end_date"),
    ]

    parent_page_types = ["pages.EventsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")

    def clean(self):
        super().clean()
        check_date_order(self, "start_date", "end_date")

    def get_card_facts(self):
        place = _("online") if self.online and not self.commune else self.place_name
        return [self.get_kind_display(), self.start_date, place]

    @property
    def organisers(self):
        """The live organising actors (from prefetched links in lists)."""
        return [
            link.actor for link in self.organiser_links.all() if is_public(link.actor)
        ]

    def get_relations(self):
        other_editions = []
        if self.series:
            other_editions = (
                EventPage.objects.live()
                .public()
                .filter(locale_id=self.locale_id, series=self.series)
                .exclude(pk=self.pk)
                .order_by("start_date")
            )
        return [
            relation(
                _("Organisers"), self.organiser_links.select_related("actor"), "actor"
            ),
            {
                "label": _("Texts produced"),
                "items": [
                    {"page": t, "note": ""}
                    for t in self.texts.live().public().order_by("date")
                ],
            },
            {
                "label": _("Other editions"),
                "items": [{"page": e, "note": e.start_date} for e in other_editions],
            },
        ]


class EventOrganiser(Orderable):
    """An actor that organised an event."""

    event = ParentalKey(
        EventPage, on_delete=models.CASCADE, related_name="organiser_links"
    )
    actor = models.ForeignKey(
        "pages.ActorPage",
        verbose_name=_("actor"),
        on_delete=models.CASCADE,
        related_name="organised_event_links",
    )

    panels = [FieldPanel("actor")]
    api_fields = [page_link_api_field("actor")]

    class Meta(Orderable.Meta):
        verbose_name = _("organiser")
        verbose_name_plural = _("organisers")
