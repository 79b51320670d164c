"""Benchmark: the chronology, its JSON and the genealogy with 5,000 dated entries over
500 pages, and rebuilding the read-model. Run on demand: `make bench`.

Each view is measured at 50 and at 500 pages (500 and 5,000 entries); its query count
must be the same at both sizes. Figures go to tests/bench/results/timeline.txt.
"""

import time
from pathlib import Path

import pytest
from django.db import connection

from tests.factories import PAGE_TYPES
from tests.queries import measure_page
from tests.timeline_data import date, entry, timeline
from timeline.chronology import rebuild
from timeline.fuzzy_date import FuzzyDate
from timeline.models import ChronologyEntry, ChronologyPage, GenealogyPage

pytestmark = pytest.mark.django_db

SIZES = (50, 500)
# Each page: its own date and a timeline of nine entries, ten chronology rows.
ENTRIES_PER_TIMELINE = 9
RENDERS = 3
RESULTS_FILE = Path(__file__).parent / "results" / "timeline.txt"


def make_dated_page(number, indexes, earlier):
    """A text or a concept dated by `number`, linked to up to two earlier ones."""
    page_type = "text" if number % 2 else "concept"
    year = 1900 + number % 120
    entries = [
        entry(f"Étape {number}-{n}", date(year, n % 12 + 1), kind="event")
        for n in range(ENTRIES_PER_TIMELINE)
    ]
    fields = {"title": f"Page datée {number:03d}", "body": timeline(*entries)}
    targets = earlier[page_type][-2:]
    if page_type == "text":
        fields["date"] = FuzzyDate(year)
        fields["lineage_links"] = [
            PAGE_TYPES["text"][0]._meta.model.lineage_links.rel.related_model(
                kind="cites", target=target
            )
            for target in targets
        ]
    else:
        fields["origin_date"] = FuzzyDate(year)
        fields["concept_relations"] = [
            PAGE_TYPES["concept"][0]._meta.model.concept_relations.rel.related_model(
                kind="related", target=target
            )
            for target in targets
        ]
    page = PAGE_TYPES[page_type][0](parent=indexes[page_type], **fields)
    page.save_revision().publish()
    earlier[page_type].append(page)


def test_timeline_views_at_scale(client, home_fr, indexes):
    chronology = ChronologyPage(title="Chronologie", slug="chronologie")
    genealogy = GenealogyPage(title="Généalogie", slug="genealogie")
    home_fr.add_child(instance=chronology)
    home_fr.add_child(instance=genealogy)
    views = {
        "chronology page": chronology.url,
        "chronology JSON": chronology.url + "json/",
        "genealogy page": genealogy.url,
    }
    lines = ["what               pages  entries  queries  render ms    bytes"]
    counts = {}
    earlier = {"text": [], "concept": []}
    made = 0
    for size in SIZES:
        for number in range(made, size):
            make_dated_page(number, indexes, earlier)
        made = size
        entries = ChronologyEntry.objects.count()
        for name, url in views.items():
            queries, milliseconds, size_bytes = measure_page(client, url, RENDERS)
            counts[(name, size)] = queries
            lines.append(
                f"{name:<18} {size:>5}  {entries:>7}  {queries:>7}  "
                f"{milliseconds:>9.1f}  {size_bytes:>7}"
            )

    ChronologyEntry.objects.all().delete()
    started = time.perf_counter()
    report = rebuild()
    seconds = time.perf_counter() - started
    lines.append(f"rebuild of {made} pages: {report} in {seconds:.1f} s")

    text = f"# {connection.vendor}, {RENDERS} renders each\n" + "\n".join(lines) + "\n"
    print("\n\n" + text)
    RESULTS_FILE.parent.mkdir(exist_ok=True)
    RESULTS_FILE.write_text(text)
    assert report.created == SIZES[-1] * (ENTRIES_PER_TIMELINE + 1)
    for name in views:
        assert counts[(name, SIZES[0])] == counts[(name, SIZES[1])], name
