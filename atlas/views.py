"""Site-wide views that are not Wagtail pages."""

import re

from django.db import DatabaseError, connections
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from wagtail.models import Locale, Page

from pages.pagination import paginate

SEARCH_RESULTS_PER_PAGE = 20
SEARCH_QUERY_MAX_LENGTH = 200
# Anything but letters, digits, apostrophes and hyphens separates words. The SQLite
# full-text backend passes quotes and operators through to FTS5, where they are syntax
# errors, and a search for punctuation matches nothing on any backend.
NON_WORD = re.compile(r"[^\w'’-]+")


def clean_query(raw):
    """The words of a visitor's query, joined by single spaces and bounded in length."""
    return " ".join(NON_WORD.sub(" ", raw[:SEARCH_QUERY_MAX_LENGTH]).split())


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
    query = request.GET.get("q", "").strip()[:SEARCH_QUERY_MAX_LENGTH]
    words = clean_query(query)
    results = Page.objects.none()
    if words:
        results = (
            Page.objects.live()
            .public()
            .filter(locale=Locale.get_active())
            .specific()
            .search(words)
        )
    page_of_results = paginate(request, results, SEARCH_RESULTS_PER_PAGE)
    return render(
        request,
        "atlas/search.html",
        {
            "query": query,
            "results": page_of_results,
            "paginator": page_of_results.paginator,
        },
    )
