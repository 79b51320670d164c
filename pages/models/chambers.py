"""Chambers of commons: where the economic actors of the commons cooperate."""

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
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable
from wagtail.search import index

from pages.blocks import ArticleBodyBlock, MissionsBlock
from pages.models.base import (
    WikiPage,
    fuzzy_date_api_field,
    page_link_api_field,
    relation,
)
from pages.models.choices import Status
from pages.models.mixins import ContactMixin, LocationMixin
from timeline.choices import ChronologyKind, DateRole, PageDate
from timeline.fields import FuzzyDateField

RICH_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul"]


class ChamberPage(ContactMixin, LocationMixin, WikiPage):
    """A chamber of commons: its missions, governance, functioning and resources."""

    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.ACTIVE
    )
    founded = FuzzyDateField(_("founded"), blank=True, null=True)
    missions = StreamField(
        MissionsBlock(),
        blank=True,
        verbose_name=_("missions"),
        help_text=_("Each mission with a title and the actions it covers."),
    )
    experiences = StreamField(
        ArticleBodyBlock(),
        blank=True,
        verbose_name=_("experiences and use cases"),
    )
    conditions = RichTextField(
        _("conditions of implementation"), blank=True, features=RICH_TEXT_FEATURES
    )
    functioning = RichTextField(
        _("functioning"), blank=True, features=RICH_TEXT_FEATURES
    )
    resources = RichTextField(
        _("resources"),
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text=_("Where the money and means come from, and what they pay for."),
    )
    funding_model = RichTextField(
        _("funding model and legal structure"), blank=True, features=RICH_TEXT_FEATURES
    )
    lessons = RichTextField(
        _("lessons learned and recommendations"),
        blank=True,
        features=RICH_TEXT_FEATURES,
    )
    wiki_url = models.URLField(
        _("own wiki"),
        max_length=500,
        blank=True,
        help_text=_("Where the chamber documents its own work."),
    )

    edit_handler = WikiPage.wiki_tabs(
        ObjectList(
            [
                *WikiPage.description_panels,
                FieldPanel("missions"),
                MultiFieldPanel(
                    [FieldRowPanel([FieldPanel("status"), FieldPanel("founded")])],
                    heading=_("Key facts"),
                ),
                *LocationMixin.location_panels,
                *ContactMixin.contact_panels("wiki_url"),
            ],
            heading=_("Description"),
        ),
        ObjectList([FieldPanel("experiences")], heading=_("Experiences")),
        ObjectList([FieldPanel("conditions")], heading=_("Conditions")),
        ObjectList(
            [
                InlinePanel(
                    "governance_groups",
                    heading=_("Governance groups"),
                    label=_("group"),
                ),
                InlinePanel("member_links", heading=_("Members"), label=_("member")),
            ],
            heading=_("Governance"),
        ),
        ObjectList([FieldPanel("functioning")], heading=_("Functioning")),
        ObjectList(
            [FieldPanel("resources"), FieldPanel("funding_model")],
            heading=_("Resources"),
        ),
        ObjectList([FieldPanel("lessons")], heading=_("Lessons")),
    )

    override_translatable_fields = WikiPage.synchronised(
        "founded", "address", "postcode", "commune", "departement", "country"
    )

    search_fields = [
        *WikiPage.search_fields,
        index.SearchField("missions"),
        index.SearchField("experiences"),
        index.SearchField("lessons"),
        index.SearchField("commune"),
        index.FilterField("status"),
        index.FilterField("region"),
    ]
    api_fields = [
        *WikiPage.api_fields,
        APIField("status"),
        fuzzy_date_api_field("founded"),
        APIField("missions"),
        APIField("experiences"),
        APIField("conditions"),
        APIField("functioning"),
        APIField("resources"),
        APIField("funding_model"),
        APIField("lessons"),
        *LocationMixin.location_api_fields,
        *ContactMixin.contact_api_fields,
        APIField("wiki_url"),
        APIField("governance_groups"),
        APIField("member_links"),
    ]
    export_prefetch = [
        *WikiPage.export_prefetch,
        "governance_groups",
        "member_links__actor",
    ]

    csv_columns = [
        "status",
        "founded",
        *LocationMixin.location_columns,
        "website",
        "wiki_url",
    ]

    # What this page adds to the chronology (timeline/chronology.py reads these).
    chronology_kind = ChronologyKind.CHAMBER
    chronology_dates = [
        PageDate("founded", DateRole.FOUNDED),
    ]

    parent_page_types = ["pages.ChambersIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("chamber of commons")
        verbose_name_plural = _("chambers of commons")

    def get_card_facts(self):
        return [self.get_status_display(), self.place_name, self.founded]

    def get_relations(self):
        members = self.member_links.select_related("actor")
        commons = self.member_commons.live().public().order_by("title")
        return [
            relation(_("Members"), members, "actor", "role"),
            {
                "label": _("Commons of this chamber"),
                "items": [{"page": c, "note": ""} for c in commons],
            },
        ]


class GovernanceGroup(Orderable):
    """A group in a chamber's governance, with its role and how involved it is."""

    chamber = ParentalKey(
        ChamberPage, on_delete=models.CASCADE, related_name="governance_groups"
    )
    name = models.CharField(_("name"), max_length=255)
    role = models.TextField(_("role"), blank=True)
    involvement = models.CharField(
        _("level of involvement"),
        max_length=255,
        blank=True,
        help_text=_("E.g. strong and frequent, regular but occasional."),
    )

    panels = [FieldPanel("name"), FieldPanel("role"), FieldPanel("involvement")]
    api_fields = [APIField("name"), APIField("role"), APIField("involvement")]

    class Meta(Orderable.Meta):
        verbose_name = _("governance group")
        verbose_name_plural = _("governance groups")


class ChamberMember(Orderable):
    """An actor that is a member of a chamber of commons."""

    chamber = ParentalKey(
        ChamberPage, on_delete=models.CASCADE, related_name="member_links"
    )
    actor = models.ForeignKey(
        "pages.ActorPage",
        verbose_name=_("actor"),
        on_delete=models.CASCADE,
        related_name="chamber_links",
    )
    role = models.CharField(_("role"), max_length=255, blank=True)

    panels = [FieldPanel("actor"), FieldPanel("role")]
    api_fields = [page_link_api_field("actor"), APIField("role")]

    class Meta(Orderable.Meta):
        verbose_name = _("member")
        verbose_name_plural = _("members")
