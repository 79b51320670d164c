"""Commons initiatives, places and practices."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
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
from pages.models.choices import Status, TerritorialScale
from pages.models.mixins import ContactMixin, LocationMixin
from pages.visibility import is_public
from timeline.choices import ChronologyKind, DateRole, PageDate
from timeline.fields import FuzzyDateField


class CommonsPage(ContactMixin, LocationMixin, WikiPage):
    """A commons: a shared resource, the community that cares for it and its rules."""

    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.ACTIVE
    )
    founded = FuzzyDateField(_("founded"), blank=True, null=True)
    ended = FuzzyDateField(_("ended"), blank=True, null=True)
    territorial_scale = models.CharField(
        _("territorial scale"),
        max_length=20,
        choices=TerritorialScale.choices,
        blank=True,
    )
    legal_form = models.CharField(
        _("legal form(s)"),
        max_length=255,
        blank=True,
        help_text=_("E.g. SCIC, association loi 1901, informal collective."),
    )
    resource = models.CharField(
        _("resource governed"),
        max_length=255,
        blank=True,
        help_text=_(
            "What is held in common: a forest, a building, software, knowledge…"
        ),
    )
    community = models.TextField(
        _("community"), blank=True, help_text=_("Who takes part, and how many.")
    )
    governance = models.TextField(
        _("governance and rules"),
        blank=True,
        help_text=_("How decisions are made and which rules the community set itself."),
    )
    chamber = models.ForeignKey(
        "pages.ChamberPage",
        verbose_name=_("chamber of commons"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="member_commons",
    )
    video_url = models.URLField(
        _("video"),
        max_length=500,
        blank=True,
        help_text=_("Address of a video presenting the commons."),
    )

    edit_handler = WikiPage.wiki_tabs(
        ObjectList(
            [
                *WikiPage.description_panels,
                MultiFieldPanel(
                    [
                        FieldRowPanel(
                            [FieldPanel("status"), FieldPanel("territorial_scale")]
                        ),
                        FieldRowPanel([FieldPanel("founded"), FieldPanel("ended")]),
                        FieldPanel("legal_form"),
                        FieldPanel("resource"),
                    ],
                    heading=_("Key facts"),
                ),
                *LocationMixin.location_panels,
                *ContactMixin.contact_panels("video_url"),
            ],
            heading=_("Description"),
        ),
        ObjectList(
            [
                FieldPanel("community"),
                FieldPanel("governance"),
                FieldPanel("chamber"),
                InlinePanel(
                    "actor_links", heading=_("Actors involved"), label=_("actor")
                ),
            ],
            heading=_("Governance"),
        ),
        ObjectList(
            [
                InlinePanel("key_figures", heading=_("Key figures"), label=_("figure")),
                InlinePanel(
                    "press_articles", heading=_("Press coverage"), label=_("article")
                ),
            ],
            heading=_("Resources"),
        ),
    )

    override_translatable_fields = WikiPage.synchronised(
        "founded", "ended", "address", "postcode", "commune", "departement", "country"
    )

    search_fields = [
        *WikiPage.search_fields,
        index.SearchField("resource"),
        index.SearchField("commune"),
        index.FilterField("status"),
        index.FilterField("region"),
    ]
    api_fields = [
        *WikiPage.api_fields,
        APIField("status"),
        fuzzy_date_api_field("founded"),
        fuzzy_date_api_field("ended"),
        APIField("territorial_scale"),
        APIField("legal_form"),
        APIField("resource"),
        APIField("community"),
        APIField("governance"),
        *LocationMixin.location_api_fields,
        *ContactMixin.contact_api_fields,
        APIField("video_url"),
        page_link_api_field("chamber"),
        APIField("actor_links"),
        APIField("key_figures"),
        APIField("press_articles"),
    ]
    export_prefetch = [
        *WikiPage.export_prefetch,
        "chamber",
        "actor_links__actor",
        "key_figures",
        "press_articles",
    ]

    csv_columns = [
        "status",
        "founded",
        "ended",
        "territorial_scale",
        "legal_form",
        "resource",
        *LocationMixin.location_columns,
        "website",
        "chamber",
    ]

    # What this page adds to the chronology (timeline/chronology.py reads these).
    chronology_kind = ChronologyKind.COMMONS
    chronology_dates = [
        PageDate("founded", DateRole.FOUNDED),
        PageDate("ended", DateRole.ENDED),
    ]

    parent_page_types = ["pages.CommonsIndexPage"]
    subpage_types = []

    class Meta:
        # "commons" is both singular and plural in English, not in French.
        verbose_name = pgettext_lazy("one commons", "commons")
        verbose_name_plural = pgettext_lazy("several commons", "commons")

    def clean(self):
        super().clean()
        check_date_order(self, "founded", "ended")

    def get_card_facts(self):
        return [self.get_status_display(), self.place_name, self.founded]

    def get_relations(self):
        links = self.actor_links.select_related("actor")
        relations = [relation(_("Actors involved"), links, "actor", "role")]
        chamber = self.chamber if self.chamber_id else None
        chamber_items = [{"page": chamber, "note": ""}] if is_public(chamber) else []
        relations.append({"label": _("Chamber of commons"), "items": chamber_items})
        return relations


class CommonsActor(Orderable):
    """An actor taking part in a commons, with its role there."""

    commons = ParentalKey(
        CommonsPage, on_delete=models.CASCADE, related_name="actor_links"
    )
    actor = models.ForeignKey(
        "pages.ActorPage",
        verbose_name=_("actor"),
        on_delete=models.CASCADE,
        related_name="commons_links",
    )
    role = models.CharField(
        _("role"),
        max_length=255,
        blank=True,
        help_text=_("E.g. founder, funder, host."),
    )

    panels = [FieldPanel("actor"), FieldPanel("role")]
    api_fields = [page_link_api_field("actor"), APIField("role")]

    class Meta(Orderable.Meta):
        verbose_name = _("actor involved")
        verbose_name_plural = _("actors involved")


class KeyFigure(Orderable):
    """A figure that tells the size of a commons: members, surface, budget…"""

    commons = ParentalKey(
        CommonsPage, on_delete=models.CASCADE, related_name="key_figures"
    )
    label = models.CharField(_("label"), max_length=255)
    value = models.CharField(_("value"), max_length=100)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)

    panels = [
        FieldRowPanel([FieldPanel("label"), FieldPanel("value"), FieldPanel("year")])
    ]
    api_fields = [APIField("label"), APIField("value"), APIField("year")]

    class Meta(Orderable.Meta):
        verbose_name = _("key figure")
        verbose_name_plural = _("key figures")


class PressArticle(Orderable):
    """An article about the commons in the press."""

    commons = ParentalKey(
        CommonsPage, on_delete=models.CASCADE, related_name="press_articles"
    )
    title = models.CharField(_("title"), max_length=255)
    outlet = models.CharField(_("outlet"), max_length=255, blank=True)
    date = models.DateField(_("date"), null=True, blank=True)
    url = models.URLField(_("web address"), max_length=500, blank=True)

    panels = [
        FieldPanel("title"),
        FieldPanel("outlet"),
        FieldPanel("date"),
        FieldPanel("url"),
    ]
    api_fields = [
        APIField("title"),
        APIField("outlet"),
        APIField("date"),
        APIField("url"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("press article")
        verbose_name_plural = _("press coverage")
