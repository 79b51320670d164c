"""Site-wide views that are not Wagtail pages."""

from django.db import DatabaseError, connections
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from wagtail.models import Locale, Page

from atlas.search import (
    SearchForm,
    clean_query,
    descriptions,
    highlight,
    search_pages,
    suggested_pages,
)
from pages.pagination import paginate

SEARCH_RESULTS_PER_PAGE = 20
SUGGESTIONS = 8


def health(request):
    """Readiness for load balancers: 200 when every part answers, else 503."""
    checks = {}
    for alias in connections:
        try:
            with connections[alias].cursor() as cursor:
                cursor.execute("SELECT 1")
                cursor.fetchone()
            checks[alias] = "ok"
        except DatabaseError:
            checks[alias] = "error"
    healthy = all(state == "ok" for state in checks.values())
    report = {"status": "ok" if healthy else "error"}
    for alias, state in checks.items():
        report["database" if alias == "default" else f"database_{alias}"] = state
    response = JsonResponse(report, status=200 if healthy else 503)
    response["Cache-Control"] = "no-store"
    return response


def robots_txt(request):
    """Crawlers may read everything but the admin; the sitemap lists every page."""
    lines = [
        "User-agent: *",
        "Allow: /",
        "Disallow: /admin/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


def search(request):
    """Full-text search over the live, public pages of the visitor's language."""
    form = SearchForm(request.GET)
    filters = form.active_filters()
    query = filters.pop("q", "")
    words = clean_query(query)
    locale = Locale.get_active()
    results = search_pages(words, filters, locale) if words else Page.objects.none()
    page_of_results = paginate(request, results, SEARCH_RESULTS_PER_PAGE)
    pages = list(page_of_results.object_list)
    texts = descriptions(pages)
    summaries = highlight([texts[page.pk] for page in pages], words)
    return render(
        request,
        "atlas/search.html",
        {
            "form": form,
            "query": query,
            "filters": filters,
            "results": page_of_results,
            "paginator": page_of_results.paginator,
            "items": [
                {
                    "page": page,
                    "type": page.specific_class._meta.verbose_name,
                    "summary": summary,
                }
                for page, summary in zip(pages, summaries, strict=True)
            ],
            # Where to go next when nothing matched.
            "suggestions": suggested_pages(locale) if query and not pages else {},
        },
    )


@require_GET
@cache_control(public=True, max_age=300)
def search_suggestions(request):
    """Titles starting like the words typed, for the search box: JSON, at most 8."""
    words = clean_query(request.GET.get("q", ""))
    pages = []
    if words:
        pages = (
            Page.objects.live()
            .public()
            .filter(locale=Locale.get_active())
            .autocomplete(words, fields=["title"])[:SUGGESTIONS]
        )
    if request.GET.get("format") == "opensearch":
        # The browser's search bar: [query, titles, descriptions, urls].
        data = [
            words,
            [page.title for page in pages],
            [],
            [page.get_url(request) for page in pages],
        ]
    else:
        data = [
            {
                "title": page.title,
                "url": page.get_url(request),
                "type": str(page.specific_class._meta.verbose_name),
            }
            for page in pages
        ]
    response = JsonResponse(data, safe=False)
    response["Content-Language"] = get_language()
    return response


@cache_control(public=True, max_age=24 * 60 * 60)
def opensearch_description(request):
    """The OpenSearch description that lets browsers search the atlas from their bar."""
    return render(
        request,
        "atlas/opensearch.xml",
        {
            "search_url": request.build_absolute_uri(reverse("search")),
            "suggest_url": request.build_absolute_uri(reverse("search_suggestions")),
            "language": get_language(),
        },
        content_type="application/opensearchdescription+xml; charset=utf-8",
    )
