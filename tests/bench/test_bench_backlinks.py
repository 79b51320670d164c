"""Benchmark: a page linked from 50 and then 500 pages, and the recent changes.
Run on demand: `make bench`.

Reports, for the linked page (which shows its first backlinks) and for the recent
changes page and feed, the query count, which must be the same at both sizes, and the
mean time of a render. Figures go to tests/bench/results/backlinks.txt.
"""

from pathlib import Path

import pytest
from django.db import connection

from tests.factories import PAGE_TYPES
from tests.queries import measure_page

pytestmark = pytest.mark.django_db

SIZES = (50, 500)
RENDERS = 20
RESULTS_FILE = Path(__file__).parent / "results" / "backlinks.txt"
LINKING_TYPES = ("commons", "actor", "event", "text")


def add_linking_pages(indexes, target, start, stop):
    """Published pages of four types, each with a wiki link to `target`."""
    link = f'<p>Voir <a linktype="page" id="{target.pk}">{target.title}</a>.</p>'
    for number in range(start, stop):
        page_type = LINKING_TYPES[number % len(LINKING_TYPES)]
        page = PAGE_TYPES[page_type][0](
            parent=indexes[page_type],
            title=f"Page liante {number:04d}",
            body=[("paragraph", link)],
        )
        page.save_revision().publish()


def test_backlinks_and_recent_changes_at_scale(client, make_page, indexes):
    target = make_page("concept", title="Communs")
    urls = {
        "linked page": target.url,
        "recent changes": "/fr/recent-changes/",
        "Atom feed": "/fr/recent-changes/feed/",
    }
    lines = ["referring pages  view             queries  mean ms  bytes"]
    counts = {}
    made = 0
    for size in SIZES:
        add_linking_pages(indexes, target, made, size)
        made = size
        if connection.vendor == "postgresql":
            # As autovacuum would after bulk writes: without statistics the planner
            # picks nested loops over the fresh reference index (40 ms, not 2 ms).
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        for name, url in urls.items():
            queries, milliseconds, size_bytes = measure_page(client, url, RENDERS)
            counts[(name, size)] = queries
            lines.append(
                f"{size:>15}  {name:<15}  {queries:>7}  {milliseconds:>7.1f}  "
                f"{size_bytes:>6}"
            )

    text = f"# {connection.vendor}, backlinks and recent changes\n"
    text += "\n".join(lines) + "\n"
    print("\n\n" + text)
    RESULTS_FILE.parent.mkdir(exist_ok=True)
    RESULTS_FILE.write_text(text)
    for name in urls:
        assert counts[(name, SIZES[0])] == counts[(name, SIZES[1])], name
