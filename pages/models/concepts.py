"""Concepts of the commons: the glossary."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, ObjectList
from wagtail.api import APIField
from wagtail.models import Orderable
from wagtail.search import index

from pages.models.base import (
    WikiPage,
    fuzzy_date_api_field,
    page_link_api_field,
    relation,
)
from pages.models.choices import ConceptRelationKind
from timeline.choices import ChronologyKind, DateRole, PageDate
from timeline.fields import FuzzyDateField


class ConceptPage(WikiPage):
    """A concept of the commons, defined in a sentence and placed among the others."""

    definition = models.TextField(
        _("short definition"),
        help_text=_(
            "One or two sentences; the glossary and the definition box show it."
        ),
    )
    alternative_labels = models.TextField(
        _("alternative labels"),
        blank=True,
        help_text=_("Other names of the concept, one per line."),
    )
    origin_date = FuzzyDateField(
        _("first appearance"),
        blank=True,
        null=True,
        help_text=_("When the concept first appeared, as precisely as known."),
    )
    origin_source = models.CharField(
        _("origin"),
        max_length=255,
        blank=True,
        help_text=_("Who coined it or where it first appeared."),
    )
    key_authors = models.TextField(
        _("key authors"), blank=True, help_text=_("One name per line.")
    )

    edit_handler = WikiPage.wiki_tabs(
        ObjectList(
            [
                *WikiPage.description_panels[:2],
                FieldPanel("definition"),
                FieldPanel("alternative_labels"),
                *WikiPage.description_panels[2:],
                MultiFieldPanel(
                    [
                        FieldPanel("origin_date"),
                        FieldPanel("origin_source"),
                        FieldPanel("key_authors"),
                    ],
                    heading=_("Origin"),
                ),
            ],
            heading=_("Description"),
        ),
        ObjectList(
            [
                InlinePanel(
                    "concept_relations",
                    heading=_("Related concepts"),
                    label=_("concept"),
                )
            ],
            heading=_("Relations"),
        ),
    )

    override_translatable_fields = WikiPage.synchronised("origin_date")

    search_fields = [
        *WikiPage.search_fields,
        index.SearchField("definition", boost=2),
        index.SearchField("alternative_labels", boost=2),
        index.AutocompleteField("alternative_labels"),
    ]
    api_fields = [
        *WikiPage.api_fields,
        APIField("definition"),
        APIField("alternative_label_list"),
        fuzzy_date_api_field("origin_date"),
        APIField("origin_source"),
        APIField("key_author_list"),
        APIField("concept_relations"),
    ]
    export_prefetch = [*WikiPage.export_prefetch, "concept_relations__target"]

    csv_columns = [
        "definition",
        "alternative_label_list",
        "origin_date",
        "origin_source",
        "key_author_list",
    ]

    # What this page adds to the chronology (timeline/chronology.py reads these).
    chronology_kind = ChronologyKind.CONCEPT
    chronology_dates = [
        PageDate("origin_date", DateRole.ORIGIN),
    ]

    parent_page_types = ["pages.ConceptsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("concept")
        verbose_name_plural = _("concepts")

    @property
    def alternative_label_list(self):
        return [
            line.strip()
            for line in self.alternative_labels.splitlines()
            if line.strip()
        ]

    @property
    def key_author_list(self):
        return [line.strip() for line in self.key_authors.splitlines() if line.strip()]

    def get_relations(self):
        outgoing = list(self.concept_relations.select_related("target"))
        incoming = list(
            ConceptRelation.objects.filter(target=self).select_related("concept")
        )
        by_kind = ConceptRelationKind
        related = [link for link in outgoing if link.kind == by_kind.RELATED]
        related_back = [link for link in incoming if link.kind == by_kind.RELATED]
        return [
            relation(
                _("Broader concepts"),
                [link for link in outgoing if link.kind == by_kind.BROADER],
                "target",
            ),
            relation(
                _("Narrower concepts"),
                [link for link in incoming if link.kind == by_kind.BROADER],
                "concept",
            ),
            {
                "label": _("Related concepts"),
                "items": unique_pages(
                    relation("", related, "target")["items"]
                    + relation("", related_back, "concept")["items"]
                ),
            },
        ]


def unique_pages(items):
    """Each page once: a relation "related" may be stated from both of its ends."""
    seen = set()
    return [
        item
        for item in items
        if item["page"].pk not in seen and not seen.add(item["page"].pk)
    ]


class ConceptRelation(Orderable):
    """A typed link between two concepts; narrower is read from the broader end."""

    concept = ParentalKey(
        ConceptPage, on_delete=models.CASCADE, related_name="concept_relations"
    )
    kind = models.CharField(
        _("relation"),
        max_length=20,
        choices=ConceptRelationKind.choices,
        default=ConceptRelationKind.RELATED,
    )
    target = models.ForeignKey(
        ConceptPage,
        verbose_name=_("concept"),
        on_delete=models.CASCADE,
        related_name="incoming_concept_relations",
    )

    panels = [FieldPanel("kind"), FieldPanel("target")]
    api_fields = [APIField("kind"), page_link_api_field("target")]

    class Meta(Orderable.Meta):
        verbose_name = _("concept relation")
        verbose_name_plural = _("concept relations")

    def clean(self):
        super().clean()
        if self.concept_id and self.concept_id == self.target_id:
            raise ValidationError(
                {"target": _("A concept cannot be related to itself.")}
            )
