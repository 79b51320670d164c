"""The abstract wiki page and the relations every wiki page has."""

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator, URLValidator
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import (
    FieldPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import path
from wagtail.fields import StreamField
from wagtail.models import Locale, Orderable, Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from pages.backlinks import (
    BACKLINKS_ON_PAGE,
    backlinks_summary,
    group_by_type,
    referring_pages,
)
from pages.blocks import ArticleBodyBlock, table_of_contents
from pages.forms import WikiPageForm
from pages.models.history import PageHistoryMixin
from pages.models.snippets import Category
from pages.pagination import paginate
from pages.serializers import FuzzyDateSerializer, PageLinkSerializer
from pages.visibility import is_public

SUMMARY_MAX_LENGTH = 300
BACKLINKS_PER_PAGE = 100

LICENCES = {
    "CC-BY-SA-4.0": (
        _("Creative Commons Attribution-ShareAlike 4.0"),
        "https://creativecommons.org/licenses/by-sa/4.0/",
    ),
    "CC-BY-4.0": (
        _("Creative Commons Attribution 4.0"),
        "https://creativecommons.org/licenses/by/4.0/",
    ),
    "CC0-1.0": (
        _("Creative Commons Zero 1.0 (public domain)"),
        "https://creativecommons.org/publicdomain/zero/1.0/",
    ),
    "etalab-2.0": (
        _("Licence Ouverte / Open Licence 2.0 (Etalab)"),
        "https://www.etalab.gouv.fr/licence-ouverte-open-licence/",
    ),
}
DEFAULT_LICENCE = "CC-BY-SA-4.0"


def validate_same_as(value):
    """One absolute http(s) URL per line."""
    check = URLValidator(schemes=["http", "https"])
    for number, line in enumerate(value.splitlines(), start=1):
        if line.strip():
            try:
                check(line.strip())
            except ValidationError as error:
                raise ValidationError(
                    _("Line %(number)s is not a web address: %(line)s"),
                    params={"number": number, "line": line.strip()},
                    code="invalid_url",
                ) from error


def fuzzy_date_api_field(name):
    """An API field giving a FuzzyDate as EDTF and as the page displays it."""
    return APIField(name, serializer=FuzzyDateSerializer())


def page_link_api_field(name):
    """An API field linking to another page, null while that page is not live."""
    return APIField(name, serializer=PageLinkSerializer())


def default_locale_categories():
    """Pages point to the default locale's categories; each locale shows its names."""
    return {"locale_id": Locale.get_default().pk}


class PageTag(TaggedItemBase):
    """A free theme (forêt, tiers-lieu, alimentation…) on a wiki page."""

    content_object = ParentalKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="wiki_tagged_items"
    )


class RelatedPage(Orderable):
    """An editor's "see also" link from one wiki page to another."""

    page = ParentalKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="wiki_related_pages"
    )
    target = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [FieldPanel("target")]
    api_fields = [page_link_api_field("target")]

    class Meta(Orderable.Meta):
        verbose_name = _("related page")
        verbose_name_plural = _("related pages")


class Source(Orderable):
    """A citation backing what a page says."""

    page = ParentalKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="wiki_sources"
    )
    title = models.CharField(_("title"), max_length=255)
    author = models.CharField(_("author"), max_length=255, blank=True)
    publisher = models.CharField(_("publisher"), max_length=255, blank=True)
    year = models.PositiveSmallIntegerField(
        _("year"), null=True, blank=True, help_text=_("Year of publication.")
    )
    url = models.URLField(_("web address"), max_length=500, blank=True)
    accessed = models.DateField(
        _("accessed on"),
        null=True,
        blank=True,
        help_text=_("When you last checked the web address."),
    )

    panels = [
        FieldPanel("title"),
        FieldPanel("author"),
        FieldPanel("publisher"),
        FieldPanel("year"),
        FieldPanel("url"),
        FieldPanel("accessed"),
    ]
    api_fields = [
        APIField(name)
        for name in ("title", "author", "publisher", "year", "url", "accessed")
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("source")
        verbose_name_plural = _("sources")

    def __str__(self):
        return self.title


class PageAuthor(Orderable):
    """Who wrote the fiche: a person or organisation by name, or an actor's page."""

    page = ParentalKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="wiki_authors"
    )
    name = models.CharField(
        _("name"),
        max_length=255,
        blank=True,
        help_text=_("A person or organisation; leave empty when you choose an actor."),
    )
    actor = models.ForeignKey(
        "pages.ActorPage",
        verbose_name=_("actor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [FieldPanel("name"), FieldPanel("actor")]
    api_fields = [APIField("name"), page_link_api_field("actor")]

    class Meta(Orderable.Meta):
        verbose_name = _("author of the fiche")
        verbose_name_plural = _("authors of the fiche")

    def clean(self):
        super().clean()
        if not self.name and not self.actor_id:
            raise ValidationError({"name": _("Give a name or choose an actor.")})

    @property
    def display_name(self):
        return self.actor.title if self.actor_id else self.name


class WikiPage(PageHistoryMixin, Page):
    """What every content page of the wiki has: summary, body, themes, sources.

    Abstract: CommonsPage, ChamberPage, ActorPage, ConceptPage, EventPage and
    TextPage build on it, so history, backlinks, search and open data work the same
    on all of them. Its routes show the public history (`history/`, an old version,
    a diff) and the citation downloads (`cite/bibtex/`, `cite/ris/`).
    """

    base_form_class = WikiPageForm
    # Cached until it, or a page it shows, changes (atlas/page_cache.py).
    cached_per_page = True

    summary = models.CharField(
        _("summary"),
        max_length=SUMMARY_MAX_LENGTH,
        help_text=_(
            "One or two plain sentences (300 characters at most), shown on cards, in "
            "search results and feeds."
        ),
    )
    body = StreamField(ArticleBodyBlock(), blank=True, verbose_name=_("body"))
    categories = ParentalManyToManyField(
        Category,
        blank=True,
        limit_choices_to=default_locale_categories,
        related_name="%(class)s_pages",
        verbose_name=_("categories"),
        help_text=_("The domains of the commons this page belongs to."),
    )
    tags = ClusterTaggableManager(
        through=PageTag,
        blank=True,
        verbose_name=_("themes"),
        help_text=_("Free themes, e.g. forêt, tiers-lieu, alimentation."),
    )
    cover_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("cover image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    cover_alt = models.CharField(
        _("cover image description"),
        max_length=255,
        blank=True,
        help_text=_(
            "What the image shows, for people who cannot see it. Leave empty to use "
            "the image's own description."
        ),
    )
    cover_caption = models.CharField(_("caption"), max_length=255, blank=True)
    cover_credit = models.CharField(
        _("photo credit"),
        max_length=255,
        blank=True,
        help_text=_("Who took or owns the picture, as they wish to be credited."),
    )
    licence = models.CharField(
        _("licence"),
        max_length=20,
        choices=[(code, label) for code, (label, _url) in LICENCES.items()],
        default=DEFAULT_LICENCE,
    )
    wikidata_id = models.CharField(
        _("Wikidata identifier"),
        max_length=20,
        blank=True,
        validators=[
            RegexValidator(
                r"^Q[1-9][0-9]*$",
                _("A Wikidata identifier is a Q followed by digits, e.g. Q1139340."),
            )
        ],
    )
    same_as = models.TextField(
        _("same as"),
        blank=True,
        validators=[validate_same_as],
        help_text=_("Web addresses of this same thing elsewhere, one per line."),
    )

    # Panels, grouped into the tabs of the fiche structure by each page type.
    description_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("cover_image"),
                FieldPanel("cover_alt"),
                FieldPanel("cover_caption"),
                FieldPanel("cover_credit"),
            ],
            heading=_("Cover image"),
        ),
        FieldPanel("body"),
    ]
    classification_panels = [
        FieldPanel("categories", widget=forms.CheckboxSelectMultiple),
        FieldPanel("tags"),
        InlinePanel("wiki_related_pages", heading=_("Related pages"), label=_("page")),
    ]
    sources_panels = [
        InlinePanel("wiki_sources", heading=_("Sources"), label=_("source")),
        InlinePanel(
            "wiki_authors", heading=_("Authors of the fiche"), label=_("author")
        ),
        FieldPanel("licence"),
        MultiFieldPanel(
            [FieldPanel("wikidata_id"), FieldPanel("same_as")],
            heading=_("External identifiers"),
        ),
    ]

    search_fields = [
        *Page.search_fields,
        index.SearchField("summary", boost=2),
        index.SearchField("body"),
        index.AutocompleteField("summary"),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.FilterField("locale_id"),
    ]

    # Identifiers and dates must not drift between languages; wagtail-localize would
    # otherwise offer every CharField for translation.
    override_translatable_fields = [
        SynchronizedField("wikidata_id", overridable=False),
        SynchronizedField("same_as", overridable=False),
    ]

    api_fields = [
        APIField("summary"),
        APIField("body"),
        APIField("cover_image"),
        APIField("cover_alt"),
        APIField("cover_caption"),
        APIField("cover_credit"),
        APIField("licence"),
        APIField("wikidata_id"),
        APIField("same_as_urls"),
        APIField("tag_names"),
        APIField("category_slugs"),
        APIField("wiki_related_pages"),
        APIField("wiki_sources"),
        APIField("wiki_authors"),
    ]
    # What the open data lists (API listings, CSV exports) fetch once for all their
    # pages rather than once per page; page types add their own relations.
    export_prefetch = [
        "cover_image",
        "tags",
        "categories",
        "wiki_related_pages__target",
        "wiki_sources",
        "wiki_authors__actor",
    ]
    # The type's own columns in its index's CSV export, after the shared ones
    # (pages/csv_export.py); attribute names, read from each page.
    csv_columns = []

    class Meta:
        abstract = True

    @staticmethod
    def synchronised(*field_names):
        """The base's synchronised fields plus these (dates, places: not translated)."""
        return [
            *WikiPage.override_translatable_fields,
            *(SynchronizedField(name, overridable=False) for name in field_names),
        ]

    @classmethod
    def wiki_tabs(cls, *tabs):
        """A tabbed editor: the fiche's own tabs, then classification, sources…"""
        first, *others = tabs
        # The change note goes last on the first tab, next to what editors change.
        first = ObjectList(
            [*first.children, FieldPanel("change_note")], heading=first.heading
        )
        return TabbedInterface(
            [
                first,
                *others,
                ObjectList(cls.classification_panels, heading=_("Classification")),
                ObjectList(cls.sources_panels, heading=_("Sources")),
                ObjectList(cls.promote_panels, heading=_("Promote")),
                ObjectList(cls.settings_panels, heading=_("Settings")),
            ]
        )

    def get_search_description(self):
        return self.search_description or self.summary

    @property
    def same_as_urls(self):
        return [line.strip() for line in self.same_as.splitlines() if line.strip()]

    @property
    def tag_names(self):
        # Sorted here rather than in SQL, so that a prefetched list is reused.
        return sorted(tag.name for tag in self.tags.all())

    @property
    def category_slugs(self):
        return [category.slug for category in self.categories.all()]

    @property
    def licence_label(self):
        return LICENCES.get(self.licence, LICENCES[DEFAULT_LICENCE])[0]

    @property
    def licence_url(self):
        return LICENCES.get(self.licence, LICENCES[DEFAULT_LICENCE])[1]

    @cached_property
    def table_of_contents(self):
        return table_of_contents(self.body)

    def localized_categories(self):
        """This page's categories as named in the active locale (one query)."""
        # values_list rather than values: an old version's categories (history) are
        # a list in memory, whose values() are dicts the filter cannot take.
        keys = self.categories.values_list("translation_key", flat=True)
        active = Category.objects.filter(
            locale=Locale.get_active(), translation_key__in=keys
        )
        return list(active) or list(self.categories.all())

    def get_relations(self):
        """Labelled lists of linked pages shown on this page; page types add theirs."""
        return []

    def get_card_facts(self):
        """Short facts shown on this page's card in lists; page types choose theirs."""
        return []

    @property
    def card_facts(self):
        return [str(fact) for fact in self.get_card_facts() if fact]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        related = [
            link
            for link in self.wiki_related_pages.select_related("target")
            if is_public(link.target)
        ]
        context.update(
            {
                "categories": self.localized_categories(),
                "tags": list(self.tags.all()),
                "related_pages": [link.target for link in related],
                "sources": list(self.wiki_sources.all()),
                "authors": list(self.wiki_authors.select_related("actor")),
                "relations": [r for r in self.get_relations() if r["items"]],
                "index_page": self.get_parent().specific_deferred,
                "backlinks": backlinks_summary(self),
            }
        )
        if context["backlinks"]["count"] > BACKLINKS_ON_PAGE:
            context["backlinks"]["all_url"] = self.subpage_url(request, "backlinks")
        context.update(self.history_context(request, context["authors"]))
        return context

    @path("links-here/", name="backlinks")
    def backlinks_view(self, request):
        """Every live page of this language that links here, grouped by type."""
        pages = paginate(request, referring_pages(self).specific(), BACKLINKS_PER_PAGE)
        return self.subpage_response(
            request,
            "pages/page_backlinks.html",
            {"groups": group_by_type(pages), "page_obj": pages},
        )


def relation(label, links, page_attr, note_attr=None):
    """One labelled list for the template: linked public pages with an optional note."""
    items = []
    for link in links:
        page = getattr(link, page_attr)
        if is_public(page):
            items.append(
                {"page": page, "note": getattr(link, note_attr) if note_attr else ""}
            )
    return {"label": label, "items": items}


def check_date_order(page, start_field, end_field):
    """Raise a field error when the end date comes before the start date."""
    start, end = getattr(page, start_field), getattr(page, end_field)
    if start and end and end.latest() < start.earliest():
        raise ValidationError(
            {end_field: _("This date comes before the start date.")}, code="date_order"
        )
