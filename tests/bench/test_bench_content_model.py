"""Benchmark: SQL queries and render time of every page type and index, with 5 and
100 relations, tags, blocks and children. Run on demand: `make bench`.

The query count of a page must not grow with its relations: each case asserts that
5 and 100 give the same count, and the table of figures is printed.
"""

from pathlib import Path

import pytest
from django.db import connection

from tests.factories import PAGE_TYPES
from tests.queries import measure_page

pytestmark = pytest.mark.django_db

SIZES = (5, 100)
RENDERS = 5
RESULTS = []
RESULTS_FILE = Path(__file__).parent / "results" / "content_model.txt"


def body_of(size):
    blocks = []
    for number in range(size):
        blocks.append(
            ("heading", {"text": f"Partie {number}", "level": "h2", "anchor": ""})
        )
        blocks.append(("paragraph", f"<p>Paragraphe {number} du texte.</p>"))
    return blocks


def build(page_type, size, make_page):
    """A page of the type with `size` of each of its relations, tags and blocks."""
    page = make_page(page_type, title=f"Cible {page_type} {size}")
    page.body = body_of(size)
    page.tags.set([f"theme-{number}" for number in range(size)])
    others = [
        make_page(page_type, title=f"Voisin {page_type} {size} {n}")
        for n in range(size)
    ]
    actors = [
        make_page("actor", title=f"Acteur {page_type} {size} {n}") for n in range(size)
    ]
    page.wiki_related_pages = [
        page.wiki_related_pages.model(target=other) for other in others
    ]
    if page_type == "commons":
        page.actor_links = [
            page.actor_links.model(actor=actor, role="membre") for actor in actors
        ]
        page.key_figures = [
            page.key_figures.model(label=f"Chiffre {n}", value=str(n))
            for n in range(size)
        ]
    elif page_type == "chamber":
        page.member_links = [page.member_links.model(actor=actor) for actor in actors]
        page.governance_groups = [
            page.governance_groups.model(name=f"Groupe {n}") for n in range(size)
        ]
    elif page_type == "actor":
        for other in actors:
            commons = make_page("commons", title=f"Commun de {other.title}")
            commons.actor_links = [commons.actor_links.model(actor=page)]
            commons.save_revision().publish()
    elif page_type == "concept":
        page.concept_relations = [
            page.concept_relations.model(kind="related", target=other)
            for other in others
        ]
    elif page_type == "event":
        page.organiser_links = [
            page.organiser_links.model(actor=actor) for actor in actors
        ]
    elif page_type == "text":
        page.lineage_links = [
            page.lineage_links.model(kind="cites", target=other) for other in others
        ]
        page.author_links = [page.author_links.model(actor=actor) for actor in actors]
    page.save_revision().publish()
    return page


def measure(client, url):
    queries, milliseconds, _size = measure_page(client, url, RENDERS)
    return queries, milliseconds


@pytest.mark.parametrize("page_type", list(PAGE_TYPES))
def test_page_queries_do_not_grow_with_relations(client, make_page, indexes, page_type):
    counts = {}
    for size in SIZES:
        page = build(page_type, size, make_page)
        counts[size], milliseconds = measure(client, page.url)
        RESULTS.append((f"{page_type} page", size, counts[size], milliseconds))
    assert counts[SIZES[0]] == counts[SIZES[1]], counts


@pytest.mark.parametrize("page_type", list(PAGE_TYPES))
def test_index_queries_do_not_grow_with_children(client, make_page, indexes, page_type):
    counts = {}
    made = 0
    for size in SIZES:
        for number in range(made, size):
            make_page(page_type, title=f"Enfant {number:03d}")
        made = size
        counts[size], milliseconds = measure(client, indexes[page_type].url)
        RESULTS.append((f"{page_type} index", size, counts[size], milliseconds))
    assert counts[SIZES[0]] == counts[SIZES[1]], counts


def teardown_module():
    lines = ["what                 size  queries  render ms"]
    for name, size, queries, milliseconds in RESULTS:
        lines.append(f"{name:<20} {size:>4}  {queries:>7}  {milliseconds:>9.1f}")
    report = "\n".join(lines) + "\n"
    print("\n\n" + report)
    RESULTS_FILE.parent.mkdir(exist_ok=True)
    RESULTS_FILE.write_text(f"# {connection.vendor}, {RENDERS} renders each\n" + report)
