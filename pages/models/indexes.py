"""Index pages: each lists and filters the pages of one type in its locale."""

import unicodedata
from itertools import groupby
from urllib.parse import urlencode

from django import forms
from django.db.models import Q
from django.http import HttpResponse, JsonResponse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from pages.csv_export import pages_csv
from pages.models.actors import ActorPage
from pages.models.chambers import ChamberPage
from pages.models.commons import CommonsPage
from pages.models.concepts import ConceptPage
from pages.models.events import EventPage
from pages.models.mixins import REGION_CHOICES
from pages.models.texts import TextPage
from pages.pagination import paginate
from pages.skos import concept_scheme
from timeline.forms import (
    ALL_FEMININE,
    MAX_YEAR,
    FilterForm,
    theme_query,
)
from timeline.fuzzy_date import FuzzyDate
from timeline.ical import events_calendar


class IndexFilterForm(FilterForm):
    """An index page's filters. Invalid values are dropped, never a server error."""

    kind = forms.ChoiceField(label=_("Kind"), required=False)
    region = forms.ChoiceField(
        label=_("Région"), required=False, choices=[("", ALL_FEMININE)] + REGION_CHOICES
    )

    field_order = ["category", "tag", "kind", "region", "year_from", "year_to"]

    def __init__(self, *args, index_page, **kwargs):
        super().__init__(*args, **kwargs)
        if index_page.kind_field:
            kind_field = index_page.child_model._meta.get_field(index_page.kind_field)
            self.fields["kind"].label = kind_field.verbose_name.capitalize()
            self.fields["kind"].choices = [("", _("All"))] + list(kind_field.choices)
        else:
            del self.fields["kind"]
        if not index_page.located:
            del self.fields["region"]
        if not index_page.period_fields:
            del self.fields["year_from"]
            del self.fields["year_to"]


class WikiIndexPage(RoutablePageMixin, Page):
    """A listing of one page type, with filters that combine and stay in the URL.

    The same selection downloads as CSV at `csv/`.
    """

    intro = RichTextField(
        _("introduction"),
        blank=True,
        features=["bold", "italic", "link"],
        help_text=_("A few sentences shown above the list."),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    # Set by each index: the listed model and how to filter it.
    child_model = None
    kind_field = None
    located = True
    period_fields = ()
    ordering = ("title",)
    per_page = 24

    parent_page_types = ["pages.HomePage"]
    max_count_per_parent = 1

    class Meta:
        abstract = True

    def get_children_pages(self):
        """Live, public pages of the listed type under this index (its locale)."""
        return self.child_model.objects.child_of(self).live().public()

    def filter_pages(self, pages, filters):
        pages = pages.filter(theme_query(filters))
        if "kind" in filters:
            pages = pages.filter(**{self.kind_field: filters["kind"]})
        if "region" in filters:
            pages = pages.filter(region=filters["region"])
        if "year_from" in filters or "year_to" in filters:
            pages = pages.filter(
                self.period_query(filters.get("year_from"), filters.get("year_to"))
            )
        return pages.distinct()

    def period_query(self, year_from, year_to):
        """Pages that existed or happened during the period (start ≤ to, end ≥ from)."""
        start_field, *end_field = self.period_fields
        end_field = end_field[0] if end_field else start_field
        query = Q(**{f"{start_field}__isnull": False})
        if year_to:
            query &= Q(**{f"{start_field}__lt": FuzzyDate(min(year_to + 1, MAX_YEAR))})
        if year_from:
            ends_after = Q(**{f"{end_field}__gte": FuzzyDate(year_from)})
            if end_field != start_field:
                ends_after |= Q(**{f"{end_field}__isnull": True})
            query &= ends_after
        return query

    def filtered_pages(self, request):
        """The filter form, its valid filters and the pages they select, in order."""
        form = IndexFilterForm(request.GET or None, index_page=self)
        filters = form.active_filters() if request.GET else {}
        pages = self.filter_pages(self.get_children_pages(), filters).order_by(
            *self.ordering
        )
        return form, filters, pages

    def paginate(self, request, pages):
        if not self.per_page:
            return None, pages
        page_of_results = paginate(request, pages, self.per_page)
        return page_of_results, page_of_results.object_list

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        form, filters, pages = self.filtered_pages(request)
        page_of_results, listed = self.paginate(request, pages)
        csv_url = self.get_url(request) + self.reverse_subpage("csv")
        if filters:
            csv_url += f"?{urlencode(filters)}"
        context.update(
            {
                "filter_form": form,
                "filters": filters,
                "csv_url": csv_url,
                "page_of_results": page_of_results,
                "listed_pages": listed,
                "result_count": page_of_results.paginator.count
                if page_of_results
                else len(listed),
            }
        )
        return context

    # Wagtail serves page paths that end in a slash, hence not "….csv".
    @path("csv/", name="csv")
    def csv_export(self, request):
        """The filtered list as a CSV file, every page on it (no pagination)."""
        _form, _filters, pages = self.filtered_pages(request)
        pages = pages.prefetch_related(*self.child_model.export_prefetch)
        response = HttpResponse(
            pages_csv(pages, self.child_model, request),
            content_type="text/csv; charset=utf-8",
        )
        response["Content-Disposition"] = content_disposition_header(
            as_attachment=True, filename=f"{self.slug}.csv"
        )
        return response


class CommonsIndexPage(WikiIndexPage):
    """The list of commons initiatives."""

    child_model = CommonsPage
    kind_field = "status"
    period_fields = ("founded", "ended")
    subpage_types = ["pages.CommonsPage"]

    class Meta:
        verbose_name = _("commons index")


class ChambersIndexPage(WikiIndexPage):
    """The list of chambers of commons."""

    child_model = ChamberPage
    kind_field = "status"
    period_fields = ("founded",)
    subpage_types = ["pages.ChamberPage"]

    class Meta:
        verbose_name = _("chambers index")


class ActorsIndexPage(WikiIndexPage):
    """The list of actors."""

    child_model = ActorPage
    kind_field = "kind"
    period_fields = ("founded",)
    subpage_types = ["pages.ActorPage"]

    class Meta:
        verbose_name = _("actors index")


class EventsIndexPage(WikiIndexPage):
    """The list of events, newest first, and the same events as a calendar."""

    child_model = EventPage
    kind_field = "kind"
    period_fields = ("start_date", "end_date")
    ordering = ("-start_date", "title")
    subpage_types = ["pages.EventPage"]

    class Meta:
        verbose_name = _("events index")

    # Wagtail serves page paths that end in a slash, hence not "calendar.ics".
    @path("calendar/", name="calendar")
    def calendar(self, request):
        """Every live event of the locale, for calendar applications to subscribe to."""
        events = self.get_children_pages().order_by("start_date", "title")
        name = f"{self.title} · {gettext('Atlas des communs')}"
        response = HttpResponse(
            events_calendar(events, name, request),
            content_type="text/calendar; charset=utf-8",
        )
        response["Content-Disposition"] = f'inline; filename="{self.slug}.ics"'
        return response


class TextsIndexPage(WikiIndexPage):
    """The list of texts, newest first."""

    child_model = TextPage
    kind_field = "kind"
    located = False
    period_fields = ("date",)
    ordering = ("-date", "title")
    subpage_types = ["pages.TextPage"]

    class Meta:
        verbose_name = _("texts index")


def unaccented(text):
    """Text without accents, lower case: "Économie" sorts as "economie"."""
    decomposed = unicodedata.normalize("NFD", text.strip())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def initial_letter(title):
    """The unaccented capital initial of a title ("É" files under "E"), or "#"."""
    first = unaccented(title)[:1].upper()
    return first if first.isalpha() else "#"


class ConceptsIndexPage(WikiIndexPage):
    """The glossary: every concept from A to Z, with its short definition."""

    child_model = ConceptPage
    located = False
    period_fields = ("origin_date",)
    per_page = None
    subpage_types = ["pages.ConceptPage"]

    class Meta:
        verbose_name = _("glossary")

    @path("skos/", name="skos")
    def skos(self, request):
        """The glossary in every language as a SKOS concept scheme (JSON-LD)."""
        glossaries = list(
            self.get_translations(inclusive=True).select_related("locale")
        )
        return JsonResponse(
            concept_scheme(glossaries, request),
            content_type="application/ld+json",
            json_dumps_params={"ensure_ascii": False, "indent": 2},
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        concepts = sorted(
            context["listed_pages"],
            key=lambda page: (initial_letter(page.title), unaccented(page.title)),
        )
        context["letters"] = [
            (letter, list(group))
            for letter, group in groupby(
                concepts, key=lambda page: initial_letter(page.title)
            )
        ]
        return context
