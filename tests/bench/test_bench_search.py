"""Benchmark: the site search with 1,000 and 10,000 French pages. Run on demand:
`make bench` (meant for PostgreSQL: DATABASE_URL=postgres://…).

Pages are made by the factories with search indexing switched off, then indexed
at once by `update_index`, as a deployment would after an import. Each of ~20
queries goes through the real view with the test client; the figures are the
median and 95th percentile latency over all requests, the median of the slowest
query, the time of `update_index`, and the SQL count of each query, which must be
the same at both sizes. Figures go to tests/bench/results/search.txt.
"""

import statistics
import time
from contextlib import contextmanager
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.models.signals import post_save
from modelsearch.signal_handlers import post_save_signal_handler

from tests.factories import PAGE_TYPES
from tests.queries import recorded_queries

pytestmark = pytest.mark.django_db

SIZES = (1000, 10_000)
RENDERS = 5
RESULTS_FILE = Path(__file__).parent / "results" / "search.txt"
# Words of the synthetic pages, which name them two by two.
VOCABULARY = [
    "forêt",
    "jardin",
    "coopérative",
    "énergie",
    "semence",
    "habitat",
    "monnaie",
    "logiciel",
    "savoir",
    "terre",
    "pêcherie",
    "atelier",
    "réseau",
    "école",
    "cantine",
    "rivière",
    "verger",
    "moulin",
    "bibliothèque",
    "fournil",
]
# Inflected forms, several words, filters, a later page, nothing found, odd input.
QUERIES = [
    {"q": "forêts"},
    {"q": "jardins"},
    {"q": "coopératives"},
    {"q": "énergies renouvelables"},
    {"q": "semences paysannes"},
    {"q": "habitat participatif"},
    {"q": "monnaies locales"},
    {"q": "logiciels libres"},
    {"q": "savoirs"},
    {"q": "terres agricoles"},
    {"q": "ateliers"},
    {"q": "réseaux"},
    {"q": "écoles"},
    {"q": "rivières"},
    {"q": "vergers", "type": "commons"},
    {"q": "moulins", "type": "event"},
    {"q": "bibliothèques", "page": "3"},
    {"q": "fournil forêt"},
    {"q": "introuvable"},
    {"q": "' OR 1=1 --"},
]


@contextmanager
def indexing_off():
    """Pages are saved without being indexed (update_index runs afterwards)."""
    models = [factory._meta.model for factory, _index in PAGE_TYPES.values()]
    for model in models:
        post_save.disconnect(post_save_signal_handler, sender=model)
    try:
        yield
    finally:
        for model in models:
            post_save.connect(post_save_signal_handler, sender=model)


def analyze():
    """Fresh planner statistics, as autovacuum keeps them in production.

    Inside the test's transaction autovacuum sees nothing: the planner would take
    the tables for empty, or keep the figures of the last ANALYZE while they grow.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def add_pages(indexes, start, stop):
    """Live pages of the six types in turn, each about two words of the vocabulary."""
    types = list(PAGE_TYPES)
    with indexing_off():
        for number in range(start, stop):
            if number % 1000 == 0:
                analyze()
            page_type = types[number % len(types)]
            first = VOCABULARY[number % len(VOCABULARY)]
            second = VOCABULARY[(number // len(VOCABULARY)) % len(VOCABULARY)]
            PAGE_TYPES[page_type][0](
                parent=indexes[page_type],
                title=f"{first.capitalize()} et {second} {number:05d}",
                summary=(
                    f"Les {first}s et les {second}s : énergies renouvelables, "
                    "semences paysannes, habitat participatif, monnaies locales, "
                    "logiciels libres et terres agricoles."
                ),
            )


def test_search_at_scale(client, indexes):
    lines = [
        "pages  update_index s  median ms  p95 ms  slowest q ms  queries (min-max)"
    ]
    counts = {}
    made = 0
    for size in SIZES:
        add_pages(indexes, made, size)
        made = size
        started = time.perf_counter()
        call_command("update_index", stdout=StringIO(), stderr=StringIO())
        indexing = time.perf_counter() - started
        analyze()

        durations = []
        slowest = 0
        for params in QUERIES:
            client.get("/fr/search/", params)  # warm shared caches
            with recorded_queries() as statements:
                response = client.get("/fr/search/", params)
            assert response.status_code == 200, params
            counts[(size, str(params))] = len(statements)
            these = []
            for _ in range(RENDERS):
                started = time.perf_counter()
                client.get("/fr/search/", params)
                these.append((time.perf_counter() - started) * 1000)
            durations += these
            slowest = max(slowest, statistics.median(these))
        median = statistics.median(durations)
        p95 = statistics.quantiles(durations, n=20)[-1]
        per_search = [n for (at, _query), n in counts.items() if at == size]
        lines.append(
            f"{size:>5}  {indexing:>14.1f}  {median:>9.1f}  {p95:>6.1f}  "
            f"{slowest:>12.1f}  {min(per_search)}-{max(per_search)}"
        )

    text = (
        f"# {connection.vendor}, {len(QUERIES)} searches through the view, "
        f"{RENDERS} requests each\n" + "\n".join(lines) + "\n"
    )
    print("\n\n" + text)
    RESULTS_FILE.parent.mkdir(exist_ok=True)
    RESULTS_FILE.write_text(text)
    for params in QUERIES:
        small, large = (counts[(size, str(params))] for size in SIZES)
        assert small == large, (params, small, large)
