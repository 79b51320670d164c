"""Texts: manifestos, collective texts, laws, charters, reports, books, licences."""

from django.core.exceptions import ValidationError
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

from pages.models.base import WikiPage, fuzzy_date_api_field, page_link_api_field
from pages.models.choices import LINEAGE_INVERSE_LABELS, LineageKind, TextKind
from pages.visibility import is_public
from timeline.choices import ChronologyKind, DateRole, PageDate
from timeline.fields import FuzzyDateField


class TextPage(WikiPage):
    """A text that shaped the commons, and the texts it descends from."""

    kind = models.CharField(_("kind"), max_length=20, choices=TextKind.choices)
    date = FuzzyDateField(_("date"), blank=True, null=True)
    publisher = models.CharField(_("publisher"), max_length=255, blank=True)
    legal_reference = models.CharField(
        _("legal reference"),
        max_length=255,
        blank=True,
        help_text=_("For a law or decree, e.g. Loi n° 2014-856 du 31 juillet 2014."),
    )
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("document"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Not `url`: Page.url is the page's own address.
    full_text_url = models.URLField(
        _("full text online"),
        max_length=500,
        blank=True,
        help_text=_("Where the text can be read, if it is online."),
    )
    event = models.ForeignKey(
        "pages.EventPage",
        verbose_name=_("produced at"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="texts",
        help_text=_("The event where the text was written or adopted."),
    )

    edit_handler = WikiPage.wiki_tabs(
        ObjectList(
            [
                *WikiPage.description_panels,
                MultiFieldPanel(
                    [
                        FieldRowPanel([FieldPanel("kind"), FieldPanel("date")]),
                        FieldPanel("publisher"),
                        FieldPanel("legal_reference"),
                        FieldRowPanel(
                            [FieldPanel("document"), FieldPanel("full_text_url")]
                        ),
                        FieldPanel("event"),
                    ],
                    heading=_("Key facts"),
                ),
                InlinePanel("author_links", heading=_("Authors"), label=_("author")),
            ],
            heading=_("Description"),
        ),
        ObjectList(
            [InlinePanel("lineage_links", heading=_("Lineage"), label=_("link"))],
            heading=_("Lineage"),
        ),
    )

    override_translatable_fields = WikiPage.synchronised("date", "legal_reference")

    search_fields = [
        *WikiPage.search_fields,
        index.SearchField("publisher"),
        index.SearchField("legal_reference"),
        index.FilterField("kind"),
    ]
    api_fields = [
        *WikiPage.api_fields,
        APIField("kind"),
        fuzzy_date_api_field("date"),
        APIField("publisher"),
        APIField("legal_reference"),
        APIField("document"),
        APIField("full_text_url"),
        page_link_api_field("event"),
        APIField("author_links"),
        APIField("lineage_links"),
    ]
    export_prefetch = [
        *WikiPage.export_prefetch,
        "document",
        "event",
        "author_links__actor",
        "lineage_links__target",
    ]

    csv_columns = [
        "kind",
        "date",
        "publisher",
        "legal_reference",
        "full_text_url",
        "event",
        "authors",
    ]

    # What this page adds to the chronology (timeline/chronology.py reads these).
    chronology_kind = ChronologyKind.TEXT
    chronology_dates = [
        PageDate("date", DateRole.DATED),
    ]

    parent_page_types = ["pages.TextsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("text")
        verbose_name_plural = _("texts")

    def get_card_facts(self):
        return [self.get_kind_display(), self.date]

    @property
    def authors(self):
        """Live author actors and named authors (from prefetched links in lists)."""
        return [
            link.actor if link.actor_id else link.name
            for link in self.author_links.all()
            if not link.actor_id or is_public(link.actor)
        ]

    def get_relations(self):
        authors = self.author_links.select_related("actor")
        outgoing = self.lineage_links.select_related("target")
        incoming = TextLineage.objects.filter(target=self).select_related("text")
        lineage = [
            {"page": link.target, "note": link.get_kind_display()}
            for link in outgoing
            if is_public(link.target)
        ] + [
            {"page": link.text, "note": LINEAGE_INVERSE_LABELS[link.kind]}
            for link in incoming
            if is_public(link.text)
        ]
        event = self.event if self.event_id else None
        return [
            {
                "label": _("Authors"),
                "items": [
                    {"page": a.actor, "note": ""} if a.actor_id else {"name": a.name}
                    for a in authors
                    if not a.actor_id or is_public(a.actor)
                ],
            },
            {"label": _("Lineage"), "items": lineage},
            {
                "label": _("Produced at"),
                "items": [{"page": event, "note": ""}] if is_public(event) else [],
            },
        ]


class TextAuthor(Orderable):
    """An author of a text: an actor's page, or a name."""

    text = ParentalKey(TextPage, on_delete=models.CASCADE, related_name="author_links")
    actor = models.ForeignKey(
        "pages.ActorPage",
        verbose_name=_("actor"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="authored_text_links",
    )
    name = models.CharField(
        _("name"),
        max_length=255,
        blank=True,
        help_text=_("A person or group without a page in the atlas."),
    )

    panels = [FieldPanel("actor"), FieldPanel("name")]
    api_fields = [page_link_api_field("actor"), APIField("name")]

    class Meta(Orderable.Meta):
        verbose_name = _("author")
        verbose_name_plural = _("authors")

    def clean(self):
        super().clean()
        if not self.name and not self.actor_id:
            raise ValidationError({"name": _("Give a name or choose an actor.")})


class TextLineage(Orderable):
    """A typed link from a text to an earlier one it descends from."""

    text = ParentalKey(TextPage, on_delete=models.CASCADE, related_name="lineage_links")
    kind = models.CharField(_("relation"), max_length=20, choices=LineageKind.choices)
    target = models.ForeignKey(
        TextPage,
        verbose_name=_("text"),
        on_delete=models.CASCADE,
        related_name="incoming_lineage_links",
    )

    panels = [FieldPanel("kind"), FieldPanel("target")]
    api_fields = [APIField("kind"), page_link_api_field("target")]

    class Meta(Orderable.Meta):
        verbose_name = _("lineage link")
        verbose_name_plural = _("lineage links")

    def clean(self):
        super().clean()
        if self.text_id and self.text_id == self.target_id:
            raise ValidationError({"target": _("A text cannot descend from itself.")})
