"""Benchmark: reading a generated MediaWiki export of 5,000 pages × 3 revisions
(tests/bench/mediawiki_dump.py) and converting every revision's wikitext, then the
whole import of a smaller one. Run on demand: `make bench`, or
`.venv/bin/pytest tests/bench/test_bench_mediawiki_import.py -s`.

The first test needs no database: the importer's reading side only, what the
import costs before it writes pages. It measures the parse alone, then parse +
conversion of every revision, and the parse's peak of traced memory, which must not
grow with the dump (pages are read one at a time). Figures go to
tests/bench/results/mediawiki_import.txt; the import's to mediawiki_pages.txt.
"""

import os
import platform
import time
import tracemalloc
from pathlib import Path

import pytest
from django.db import connection

from importers.mapping import load_mapping
from importers.mediawiki import convert_revision, parse_dump
from importers.runner import import_file
from tests.bench.mediawiki_dump import page_title, write_dump

PAGES = int(os.environ.get("ATLAS_BENCH_MEDIAWIKI_PAGES", "5000"))
REVISIONS = 3
RESULTS_FILE = Path(__file__).parent / "results" / "mediawiki_import.txt"
INFOBOXES = {"Infobox Commun": {"ville": "commune", "création": "founded"}}


def parse_peak(path):
    """The most traced memory the parse holds at once, in MB."""
    tracemalloc.start()
    try:
        for _page in parse_dump(path):
            pass
        return tracemalloc.get_traced_memory()[1] / 1e6
    finally:
        tracemalloc.stop()


def test_parse_and_convert_speed(tmp_path):
    ids = {page_title(number): str(number) for number in range(PAGES)}
    small, large = tmp_path / "small.xml", tmp_path / "large.xml"
    write_dump(small, pages=PAGES // 10, revisions=REVISIONS)
    write_dump(large, pages=PAGES, revisions=REVISIONS)

    started = time.perf_counter()
    pages = sum(1 for _page in parse_dump(large))
    parse_seconds = time.perf_counter() - started

    started = time.perf_counter()
    revisions = blocks = 0
    for page in parse_dump(large):
        for revision in page.revisions:
            body, _fields, _report = convert_revision(revision.text, ids.get, INFOBOXES)
            revisions += 1
            blocks += len(body)
    total_seconds = time.perf_counter() - started

    small_peak, large_peak = parse_peak(small), parse_peak(large)

    lines = [
        f"MediaWiki import, reading side: {pages} pages × {REVISIONS} revisions, "
        f"{large.stat().st_size / 1e6:.1f} MB of XML",
        f"machine: {platform.python_implementation()} {platform.python_version()}, "
        f"{platform.machine()}, {os.cpu_count()} CPUs (shared)",
        f"parse only: {parse_seconds:.2f} s, {pages / parse_seconds:,.0f} pages/s",
        f"parse + convert every revision: {total_seconds:.2f} s, "
        f"{pages / total_seconds:,.0f} pages/s, "
        f"{revisions / total_seconds:,.0f} revisions/s ({blocks} blocks)",
        f"parse peak traced memory: {small_peak:.2f} MB for {PAGES // 10} pages, "
        f"{large_peak:.2f} MB for {PAGES} pages",
    ]
    RESULTS_FILE.write_text("\n".join(lines) + "\n")
    print("\n".join(lines))

    assert pages == PAGES
    assert revisions == PAGES * REVISIONS
    # Streaming: ten times the pages, about the same memory.
    assert large_peak < small_peak * 2


IMPORT_PAGES = int(os.environ.get("ATLAS_BENCH_MEDIAWIKI_IMPORT_PAGES", "1000"))
IMPORT_RESULTS_FILE = Path(__file__).parent / "results" / "mediawiki_pages.txt"
IMPORT_MAPPING = """
source: wiki-genere
page_type: commons
fields: {title: title, body: body, commune: ville, founded: création}
options: {infoboxes: [Infobox Commun]}
"""


@pytest.mark.django_db
def test_import_speed(indexes, tmp_path):
    """The whole import into the database: pages, every revision, links, review."""
    dump = tmp_path / "dump.xml"
    write_dump(dump, pages=IMPORT_PAGES, revisions=REVISIONS)
    mapping = load_mapping(IMPORT_MAPPING)

    def timed(**options):
        started = time.perf_counter()
        with dump.open("rb") as file:
            report = import_file("mediawiki", file, mapping, **options)
        return report, time.perf_counter() - started

    first, first_seconds = timed()
    again, again_seconds = timed()

    assert first.counts["created"] == IMPORT_PAGES
    assert again.counts["unchanged"] == IMPORT_PAGES
    lines = [
        f"MediaWiki import into the atlas: {IMPORT_PAGES} generated pages × "
        f"{REVISIONS} revisions ({connection.vendor}, Python "
        f"{platform.python_version()}, {os.cpu_count()} CPUs, shared)",
        f"first import (drafts, review, links resolved): "
        f"{IMPORT_PAGES / first_seconds:.1f} pages/s, "
        f"{IMPORT_PAGES * REVISIONS / first_seconds:.1f} revisions/s "
        f"({first_seconds:.1f} s)",
        f"re-run, all unchanged: {IMPORT_PAGES / again_seconds:.0f} pages/s",
    ]
    IMPORT_RESULTS_FILE.write_text("\n".join(lines) + "\n")
    print("\n".join(lines))
