"""Benchmark: import speed, records per second, of a generated GoGoCarto file.

Run on demand: `make bench`, or `pytest tests/bench/test_bench_import.py -s`;
ATLAS_BENCH_IMPORT_RECORDS sets the size (5,000 by default). Three runs over the
same file: a first import as drafts submitted to review, a re-run that finds every
record unchanged, and a dry run of a changed file. Figures go to
tests/bench/results/import.txt.
"""

import io
import json
import os
import platform
import random
import time
from pathlib import Path

import pytest
from django.db import connection

from importers.mapping import load_mapping
from importers.runner import import_file
from tests.factories import CategoryFactory

pytestmark = pytest.mark.django_db

RECORDS = int(os.environ.get("ATLAS_BENCH_IMPORT_RECORDS", "5000"))
SAMPLES = Path(__file__).parent.parent / "import_samples"
RESULTS_FILE = Path(__file__).parent / "results" / "import.txt"
WORDS = (
    "commun jardin forêt atelier coopérative habitants terres savoirs outils".split()
)


def elements(count, seed=12, edition=""):
    rng = random.Random(seed)
    for number in range(count):
        yield {
            "id": f"gen-{number}",
            "name": f"Initiative {number} {rng.choice(WORDS)}",
            "geo": {"latitude": rng.uniform(42, 51), "longitude": rng.uniform(-4, 8)},
            "address": {"postalCode": f"{rng.randint(1000, 95999):05}"},
            "description": " ".join(rng.choices(WORDS, k=40)) + edition,
            "categoriesFull": [{"id": rng.choice([101, 102]), "name": "x"}],
            "website": f"https://initiative-{number}.example.org",
        }


def timed(content, **options):
    mapping = load_mapping((SAMPLES / "gogocarto.yaml").read_text(encoding="utf-8"))
    start = time.perf_counter()
    report = import_file("gogocarto", io.BytesIO(content), mapping, **options)
    seconds = time.perf_counter() - start
    return report, seconds


def test_import_speed(indexes):
    for slug in ("alimentation", "habitat"):
        CategoryFactory(slug=slug)
    content = json.dumps({"data": list(elements(RECORDS))}).encode()
    changed = json.dumps({"data": list(elements(RECORDS, edition="!"))}).encode()

    first, first_seconds = timed(content)
    again, again_seconds = timed(content)
    dry, dry_seconds = timed(changed, dry_run=True)

    assert first.counts["created"] == RECORDS
    assert again.counts["unchanged"] == RECORDS
    assert dry.counts["updated"] == RECORDS
    lines = [
        f"Import of {RECORDS} generated GoGoCarto records "
        f"({connection.vendor}, Python {platform.python_version()}, "
        f"{os.cpu_count()} CPUs)",
        f"first import (drafts, review): {RECORDS / first_seconds:.0f} records/s "
        f"({first_seconds:.1f} s)",
        f"re-run, all unchanged: {RECORDS / again_seconds:.0f} records/s",
        f"dry run of a changed file: {RECORDS / dry_seconds:.0f} records/s",
    ]
    RESULTS_FILE.write_text("\n".join(lines) + "\n")
    print("\n".join(lines))
