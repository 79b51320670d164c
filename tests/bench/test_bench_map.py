"""Benchmark: the map's GeoJSON with 500 and 5,000 located pages. Run on demand:
`make bench`.

Reports the response size (raw and gzip), the time of a cold build and of a cached
answer, and the query count, which must be the same at both sizes. Figures go to
tests/bench/results/map.txt.
"""

import gzip
import time
from pathlib import Path

import pytest
from django.core.cache import cache
from django.db import connection
from django.urls import reverse

from tests.factories import PAGE_TYPES
from tests.queries import recorded_queries

pytestmark = pytest.mark.django_db

SIZES = (500, 5000)
CACHED_READS = 20
RESULTS_FILE = Path(__file__).parent / "results" / "map.txt"
MAPPED_TYPES = ("commons", "chamber", "actor", "event")


def add_located_pages(indexes, start, stop):
    """Live pages spread over France, in a round of the four mapped types."""
    for number in range(start, stop):
        page_type = MAPPED_TYPES[number % len(MAPPED_TYPES)]
        PAGE_TYPES[page_type][0](
            parent=indexes[page_type],
            title=f"Lieu {number:05d}",
            latitude=42.5 + (number % 97) / 15,
            longitude=-4.5 + (number % 89) / 7,
            commune="Commune",
        )


def test_geojson_at_scale(client, indexes):
    url = reverse("map_geojson")
    lines = ["pages  queries  cold ms  cached ms  bytes    gzip bytes"]
    counts = {}
    made = 0
    for size in SIZES:
        add_located_pages(indexes, made, size)
        made = size
        cache.clear()
        with recorded_queries() as statements:
            started = time.perf_counter()
            response = client.get(url)
            cold = (time.perf_counter() - started) * 1000
        assert response.status_code == 200
        assert response.content.count(b'"Feature"') == size
        started = time.perf_counter()
        for _ in range(CACHED_READS):
            client.get(url)
        cached = (time.perf_counter() - started) / CACHED_READS * 1000
        counts[size] = len(statements)
        body = response.content
        lines.append(
            f"{size:>5}  {len(statements):>7}  {cold:>7.0f}  {cached:>9.1f}  "
            f"{len(body):>7}  {len(gzip.compress(body)):>10}"
        )

    text = f"# {connection.vendor}, GeoJSON of every located page\n"
    text += "\n".join(lines) + "\n"
    print("\n\n" + text)
    RESULTS_FILE.parent.mkdir(exist_ok=True)
    RESULTS_FILE.write_text(text)
    assert counts[SIZES[0]] == counts[SIZES[1]], counts
