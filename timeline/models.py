"""The chronology read-model, and the pages that show the atlas in time."""

from itertools import accumulate, groupby

from django.db import models
from django.db.models import Count
from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page, PageViewRestriction

from pages.models.home import AtlasViewPage
from pages.pagination import paginate
from pages.visibility import is_public
from timeline.choices import ChronologyKind, DateRole
from timeline.fields import FuzzyDateField
from timeline.forms import ChronologyFilterForm, theme_query
from timeline.genealogy import concept_graph, text_graph


class ChronologyEntryQuerySet(models.QuerySet):
    def public(self):
        """Entries of pages that anyone may read: none under a view restriction."""
        restricted = PageViewRestriction.objects.values_list("page__path", flat=True)
        entries = self
        for path_prefix in set(restricted):
            entries = entries.exclude(page__path__startswith=path_prefix)
        return entries

    def filtered(self, filters):
        """Entries matching cleaned `ChronologyFilterForm` data."""
        entries = self.filter(theme_query(filters, page_id_field="page_id"))
        if filters.get("kind"):
            entries = entries.filter(kind__in=filters["kind"])
        # What happened or lasted during the period: starts before its end and ends
        # after its start.
        if filters.get("year_to"):
            entries = entries.filter(year__lte=filters["year_to"])
        if filters.get("year_from"):
            entries = entries.filter(end_year__gte=filters["year_from"])
        return entries.distinct()

    def with_pages(self):
        """The entries as a list, sharing one Page object per page (one query).

        Cheaper than select_related, which builds a Page object for every row: a
        page often has ten entries.
        """
        entries = list(self)
        ids = {e.page_id for e in entries} | {e.link_page_id for e in entries}
        pages = Page.objects.in_bulk(ids - {None})
        for entry in entries:
            entry.page = pages[entry.page_id]
            if entry.link_page_id:
                entry.link_page = pages[entry.link_page_id]
        return entries

    def in_order(self, newest_first=False):
        if newest_first:
            return self.order_by("-date", "title", "pk")
        return self.order_by("date", "title", "pk")


class ChronologyEntry(models.Model):
    """One dated thing of a live page, kept in step by `timeline.chronology`.

    Never edited by hand: publishing, unpublishing, moving or deleting the page
    rewrites its rows, and `manage.py rebuild_chronology` rebuilds them all.
    """

    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="chronology_entries"
    )
    locale = models.ForeignKey(
        "wagtailcore.Locale", on_delete=models.CASCADE, related_name="+"
    )
    # Which dated thing of the page: "field:founded" or "entry:<block id>:<item id>".
    key = models.CharField(max_length=100)
    kind = models.CharField(max_length=20, choices=ChronologyKind.choices)
    role = models.CharField(max_length=20, choices=DateRole.choices)
    date = FuzzyDateField()
    end_date = FuzzyDateField(null=True, blank=True)
    # The years of `date` and of the end (or `date`), for grouping and periods.
    year = models.PositiveSmallIntegerField()
    end_year = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=255)
    summary = models.TextField(blank=True)
    link_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    link_url = models.URLField(max_length=500, blank=True)
    categories = models.ManyToManyField("pages.Category", blank=True, related_name="+")

    objects = ChronologyEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("chronology entry")
        verbose_name_plural = _("chronology entries")
        constraints = [
            models.UniqueConstraint(
                fields=["page", "key"], name="unique_chronology_entry_key"
            )
        ]
        indexes = [
            models.Index(fields=["locale", "date"]),
            models.Index(fields=["locale", "year"]),
        ]

    def __str__(self):
        return f"{self.date.isoformat()} {self.title}"

    @property
    def is_page_date(self):
        """True for the page's own date, False for an entry of its timelines."""
        return self.role != DateRole.ENTRY

    def target_url(self, request=None):
        """Where the entry's title links to: its page, the page it names, or a URL."""
        if self.is_page_date:
            return self.page.get_url(request)
        if self.link_page_id and is_public(self.link_page):
            return self.link_page.get_url(request)
        return self.link_url

    def as_json(self, request):
        page_url = request.build_absolute_uri(self.page.get_url(request))
        target = self.target_url(request)
        return {
            "date": self.date.isoformat(),
            "date_display": self.date.format(),
            "end_date": self.end_date.isoformat() if self.end_date else None,
            "end_date_display": self.end_date.format() if self.end_date else None,
            "year": self.year,
            "kind": self.kind,
            "kind_label": str(self.get_kind_display()),
            "role": self.role,
            "title": self.title,
            "summary": self.summary,
            "url": request.build_absolute_uri(target) if target else None,
            "page": {"id": self.page_id, "title": self.page.title, "url": page_url},
            "categories": sorted(c.slug for c in self.categories.all()),
        }


class ChronologyPage(RoutablePageMixin, AtlasViewPage):
    """Every dated thing of the locale's atlas, year by year, with filters.

    The same entries are served as JSON at `json/` for reuse.
    """

    newest_first = models.BooleanField(
        _("newest first by default"),
        default=False,
        help_text=_("Visitors can still choose the order."),
    )
    per_page = 100

    content_panels = [*AtlasViewPage.content_panels, FieldPanel("newest_first")]

    class Meta:
        verbose_name = _("chronology")
        verbose_name_plural = _("chronologies")

    def read_filters(self, request):
        """The filter form and the cleaned filters, or the form with its errors."""
        form = ChronologyFilterForm(request.GET or None)
        if not request.GET:
            return form, {}
        if not form.is_valid():
            return form, None
        return form, form.cleaned_data

    def entries(self, filters):
        newest_first = (filters.get("order") or "") == "desc" or (
            not filters.get("order") and self.newest_first
        )
        entries = (
            ChronologyEntry.objects.filter(locale_id=self.locale_id)
            .public()
            .filtered(filters)
            .in_order(newest_first)
        )
        return entries, newest_first

    @path("")
    def chronology(self, request):
        form, filters = self.read_filters(request)
        status = 200
        if filters is None:
            # Show the errors beside the filters, over what the valid ones select.
            status = 400
            filters = {
                name: value
                for name, value in form.cleaned_data.items()
                if name not in form.errors
            }
        entries, newest_first = self.entries(filters)
        page_of_entries = paginate(request, entries, self.per_page)
        page_of_entries.object_list = page_of_entries.object_list.with_pages()
        for entry in page_of_entries.object_list:
            # With the request, Wagtail reads the site's root paths once per request,
            # not once per link from the cache (a query each with a database cache).
            entry.href = entry.target_url(request)
        context = self.get_context(request)
        context.update(
            {
                "filter_form": form,
                "filters": filters,
                "page_of_entries": page_of_entries,
                "years": [
                    (year, list(group))
                    for year, group in groupby(
                        page_of_entries.object_list, key=lambda entry: entry.year
                    )
                ],
                "year_navigation": self.year_navigation(entries, newest_first),
                "kind_choices": ChronologyKind.choices,
            }
        )
        return TemplateResponse(
            request, self.get_template(request), context, status=status
        )

    def year_navigation(self, entries, newest_first):
        """(year, number of entries, page of the list where the year starts)."""
        counts = list(
            entries.order_by()
            .values("year")
            .annotate(count=Count("pk", distinct=True))
            .order_by("-year" if newest_first else "year")
            .values_list("year", "count")
        )
        before = accumulate((count for _year, count in counts), initial=0)
        return [
            (year, count, offset // self.per_page + 1)
            for (year, count), offset in zip(counts, before, strict=False)
        ]

    @path("json/")
    def chronology_json(self, request):
        form, filters = self.read_filters(request)
        if filters is None:
            return JsonResponse({"errors": form.errors.get_json_data()}, status=400)
        entries, _newest_first = self.entries(filters)
        entries = entries.prefetch_related("categories").with_pages()
        data = {
            "locale": self.locale.language_code,
            "count": len(entries),
            "entries": [entry.as_json(request) for entry in entries],
        }
        return JsonResponse(data, json_dumps_params={"ensure_ascii": False})


class GenealogyPage(AtlasViewPage):
    """The lineage of texts and the relations of concepts, drawn year by year."""

    class Meta:
        verbose_name = _("genealogy")
        verbose_name_plural = _("genealogies")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["graphs"] = [
            {
                "id": "texts",
                "heading": _("Genealogy of texts"),
                "graph": text_graph(self.locale_id),
            },
            {
                "id": "concepts",
                "heading": _("Relations between concepts"),
                "graph": concept_graph(self.locale_id),
            },
        ]
        return context
