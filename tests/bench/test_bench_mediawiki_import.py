"""Benchmark: reading a generated MediaWiki export of 5,000 pages × 3 revisions
(tests/bench/mediawiki_dump.py) and converting every revision's wikitext. Run on
demand: `.venv/bin/pytest tests/bench/test_bench_mediawiki_import.py -s`.

No database: this is the importer's reading side only, what the import costs before
it writes pages. It measures the parse alone, then parse + conversion of every
revision, and the parse's peak of traced memory, which must not grow with the dump
(pages are read one at a time). Figures go to tests/bench/results/mediawiki_import.txt.
"""

import os
import platform
import time
import tracemalloc
from pathlib import Path

from importers.mediawiki import convert_revision, parse_dump
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
    ids = {page_title(number): number + 1000 for number in range(PAGES)}
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
