"""Benchmark: every public page type and data endpoint as the atlas grows to 10,000
pages on PostgreSQL. Run on demand: `make bench` (a throwaway PostgreSQL when
DATABASE_URL is not set); ATLAS_BENCH_PAGES=1000,10000 sets the sizes.

At each size `generate_atlas` adds pages of every type with relations, dates, places,
translations and revisions (two revisions a page and a fifth translated for the first
size; one and a twentieth beyond, so that 10,000 build in minutes). Each URL is then
measured in this process through the test client: SQL statements (they must not grow
with the size), median and 95th percentile render times without the page cache and
served from it. At the largest size, gunicorn serves the atlas and a second process
measures each URL's throughput next to a minimal view answering the same number of
bytes from memory on the same server: the ratio tells how close the atlas is to what
Django can do there. Figures and machine facts go to tests/bench/results/scale.txt.
"""

import json
import os
import platform
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client, override_settings
from wagtail.models import Page, Revision

from pages import models as page_models
from tests.conftest import database_url
from tests.load.conftest import (
    CACHE_TABLE,
    gunicorn_server,
    server_environment,
)
from tests.queries import recorded_queries
from timeline.models import ChronologyPage, GenealogyPage

pytestmark = pytest.mark.django_db(transaction=True)

SIZES = [int(n) for n in os.environ.get("ATLAS_BENCH_PAGES", "1000,10000").split(",")]
UNCACHED_RENDERS = 15
CACHED_RENDERS = 50
THROUGHPUT_SECONDS = float(os.environ.get("ATLAS_BENCH_SECONDS", "3"))
CONCURRENCY = 8
RESULTS_FILE = Path(__file__).parent / "results" / "scale.txt"
WIKI_TYPES = [
    page_models.CommonsPage,
    page_models.ChamberPage,
    page_models.ActorPage,
    page_models.ConceptPage,
    page_models.EventPage,
    page_models.TextPage,
]


def first_live(model, **filters):
    return model.objects.live().filter(locale__language_code="fr", **filters).first()


def busiest_page(model):
    """The page of a type with the most revisions: its history is the longest."""
    page = first_live(model)
    revisions = Revision.page_revisions.filter(object_id=str(page.pk)).order_by("pk")
    return page, list(revisions.values_list("pk", flat=True))


def urls_to_measure():
    """(what, url) for every public page type and data endpoint."""
    home = Page.objects.get(depth=2, locale__language_code="fr").specific
    urls = [("home", home.url)]
    for model in WIKI_TYPES:
        page = first_live(model)
        index = page.get_parent()
        name = model._meta.model_name.removesuffix("page")
        urls += [(f"{name} index", index.url), (f"{name} page", page.url)]
    page, revisions = busiest_page(page_models.CommonsPage)
    urls += [
        ("history", f"{page.url}history/"),
        ("old version", f"{page.url}history/{revisions[0]}/"),
        ("diff", f"{page.url}history/{revisions[0]}/{revisions[-1]}/"),
        ("links here", f"{page.url}links-here/"),
        ("cite bibtex", f"{page.url}cite/bibtex/"),
        ("index csv", f"{page.get_parent().url}csv/"),
        (
            "events calendar",
            f"{first_live(page_models.EventPage).get_parent().url}calendar/",
        ),
        ("chronology", first_live(ChronologyPage).url),
        ("chronology json", f"{first_live(ChronologyPage).url}json/"),
        ("genealogy", first_live(GenealogyPage).url),
        ("map page", first_live(page_models.MapPage).url),
        ("map geojson", "/data/map.geojson"),
        ("recent changes", "/fr/recent-changes/"),
        ("atom feed", "/fr/recent-changes/feed/"),
        ("sitemap", "/sitemap.xml"),
        ("search", "/fr/search/?q=jardin"),
        ("suggestions", "/fr/search/suggest/?q=jar"),
        ("api pages", "/api/v2/pages/?type=pages.CommonsPage&locale=fr"),
    ]
    return urls


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def timed_gets(client, url, renders):
    """Milliseconds of `renders` GETs of `url`, after one that warms what they share."""
    client.get(url)
    durations = []
    for _ in range(renders):
        started = time.perf_counter()
        response = client.get(url)
        durations.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return durations, response


def measure_in_process(url):
    client = Client()
    with override_settings(ATLAS_PAGE_CACHE_SECONDS=0):
        client.get(url)
        with recorded_queries() as statements:
            client.get(url)
        uncached, response = timed_gets(client, url, UNCACHED_RENDERS)
    with override_settings(ATLAS_PAGE_CACHE_SECONDS=600):
        cached, _ = timed_gets(client, url, CACHED_RENDERS)
    return {
        "queries": len(statements),
        "bytes": len(response.content),
        "uncached": (statistics.median(uncached), percentile(uncached, 0.95)),
        "cached": (statistics.median(cached), percentile(cached, 0.95)),
    }


def throughput(url):
    """Requests per second of `url` once cached, measured by a second process."""
    # Warmed first: the steady state is what is measured, not eight clients waiting
    # together for the first render of a large export.
    with urllib.request.urlopen(url, timeout=300) as response:
        response.read()
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "tests.bench.loadgen",
            url,
            f"--seconds={THROUGHPUT_SECONDS}",
            f"--concurrency={CONCURRENCY}",
        ],
        capture_output=True,
        text=True,
        check=True,
        timeout=THROUGHPUT_SECONDS + 60,
    )
    return json.loads(result.stdout)


def machine_facts(workers):
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        postgres = cursor.fetchone()[0]
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    memory_kb = int(Path("/proc/meminfo").read_text().split()[1])
    return (
        f"# machine: {os.cpu_count()} cores ({cpu}), {memory_kb // 1024 // 1024} GiB, "
        f"Python {platform.python_version()}, PostgreSQL {postgres}; gunicorn "
        f"{workers} sync workers, page cache in the database (CACHE_URL=db://); "
        f"{CONCURRENCY} client threads for {THROUGHPUT_SECONDS:g} s per URL"
    )


def write_results(figures, rates, workers):
    sizes = list(figures)
    lines = [machine_facts(workers)]
    for size in sizes:
        lines.append(
            f"# {size} pages: generate_atlas took {figures[size]['generated']:.0f} s "
            "(the first size: 2 revisions a page, 20% translated; beyond: 1, 5%)"
        )
    lines.append(
        f"{'what':<17}{'pages':>7}{'queries':>8}{'uncached p50/p95 ms':>21}"
        f"{'cached p50/p95 ms':>19}{'bytes':>9}{'req/s':>8}{'minimal':>9}{'ratio':>7}"
    )
    for what in figures[sizes[0]]["urls"]:
        for size in sizes:
            row = figures[size]["urls"][what]
            rate = ""
            if size == sizes[-1] and what in rates:
                atlas, minimal = rates[what]
                atlas_rate = atlas["requests_per_second"]
                minimal_rate = minimal["requests_per_second"]
                rate = f"{atlas_rate:8.0f}{minimal_rate:9.0f}"
                rate += f"{atlas_rate / minimal_rate:7.2f}"
                if atlas["errors"]:
                    rate += f"  {atlas['errors']} errors"
            lines.append(
                f"{what:<17}{size:>7}{row['queries']:>8}"
                f"{row['uncached'][0]:>12.1f} /{row['uncached'][1]:>6.1f}"
                f"{row['cached'][0]:>11.2f} /{row['cached'][1]:>5.2f}"
                f"{row['bytes']:>9}{rate}"
            )
    RESULTS_FILE.write_text("\n".join(lines) + "\n")
    print("\n".join(lines))


def test_every_page_type_and_endpoint_at_scale(settings, tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("Measured on PostgreSQL: run `make bench`.")
    # The page cache in the database, production's default (CACHE_URL), here and in
    # the gunicorn server.
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": CACHE_TABLE,
        }
    }
    call_command("createcachetable", verbosity=0)
    settings.ATLAS_PAGE_CACHE_SECONDS = 0
    workers = 2 * (os.cpu_count() or 1) + 1
    figures = {}
    made = 0
    for size in SIZES:
        started = time.perf_counter()
        call_command(
            "generate_atlas",
            pages=size - made,
            seed=size,
            verbosity=0,
            # The measured pages are among the first ones; the bulk added afterwards
            # is lighter (one revision, fewer translations) so that it builds faster.
            **({} if made == 0 else {"revisions": 1, "translations": 0.05}),
        )
        generated = time.perf_counter() - started
        made = size
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        figures[size] = {
            "generated": generated,
            "urls": {what: measure_in_process(url) for what, url in urls_to_measure()},
        }
        # Written as soon as measured: the larger sizes take a while.
        write_results(figures, {}, workers)

    rates = {}
    env = server_environment(
        database_url(), DJANGO_SETTINGS_MODULE="tests.bench.settings"
    )
    with gunicorn_server(env, tmp_path / "gunicorn.log", workers) as base_url:
        for what, url in urls_to_measure():
            size = figures[SIZES[-1]]["urls"][what]["bytes"]
            rates[what] = (
                throughput(base_url + url),
                throughput(f"{base_url}/bench/bytes/{size}/"),
            )
    write_results(figures, rates, workers)
    failed = {what: atlas for what, (atlas, _) in rates.items() if atlas["errors"]}
    assert failed == {}, failed

    # Content grows tenfold; the SQL of each page must not.
    for what in figures[SIZES[0]]["urls"]:
        counts = {figures[size]["urls"][what]["queries"] for size in SIZES}
        assert len(counts) == 1, (what, counts)
