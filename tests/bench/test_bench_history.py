"""Benchmark: the public history of a page with 20 and with 200 published revisions.
Run on demand: `make bench`.

Measures the history list (first page of 50), an old version and the diff between
the first and the last revision. The history's query count must be the same at both
sizes. An old version's and a diff's grow with the inline items (sources) of the
revisions shown, not with the number of revisions: modelcluster checks each item's
foreign keys when it rebuilds a revision. Figures go to
tests/bench/results/history.txt.
"""

from pathlib import Path

import pytest
from django.db import connection
from wagtail.rich_text import RichText

from pages.models import RevisionNote, Source
from tests.queries import measure_page

pytestmark = pytest.mark.django_db

SIZES = (20, 200)
RENDERS = 5
RESULTS_FILE = Path(__file__).parent / "results" / "history.txt"
PARAGRAPHS = 8


def body(number):
    """A body of a few paragraphs; revision `number` rewrites one of them."""
    return [
        (
            "paragraph",
            RichText(
                f"<p>Paragraphe {n} : le commun est entretenu par ses membres, "
                f"version {number if n == number % PARAGRAPHS else 0}.</p>"
            ),
        )
        for n in range(PARAGRAPHS)
    ]


def publish_revisions(page, users, start, stop):
    """Publish revisions start…stop-1, each by one of `users`, most with a note."""
    for number in range(start, stop):
        page.title = f"Jardin partagé (version {number})"
        page.summary = f"Un jardin cultivé ensemble, révisé {number} fois."
        # Keep the block ids so that the diff compares blocks, not a new body.
        ids = [block.id for block in page.body]
        page.body = body(number)
        for block, block_id in zip(page.body, ids, strict=False):
            block.id = block_id
        if number % 10 == 0:
            page.wiki_sources.add(Source(title=f"Source {number}", year=2000 + number))
        revision = page.save_revision(user=users[number % len(users)])
        if number % 3:
            RevisionNote.objects.create(revision=revision, note=f"Révision {number}")
        revision.publish()


def test_history_at_scale(client, make_page, django_user_model):
    users = [
        django_user_model.objects.create_user(
            f"membre{n}@example.org", first_name=f"Membre {n}" if n % 2 else ""
        )
        for n in range(5)
    ]
    page = make_page("commons", title="Jardin partagé", body=body(0))
    first_revision = page.live_revision_id
    lines = ["revisions  view           queries  render ms    bytes"]
    counts = {}
    made = 1
    for size in SIZES:
        publish_revisions(page, users, made, size)
        made = size
        page.refresh_from_db()
        urls = {
            "history": f"{page.url}history/",
            "old version": f"{page.url}history/{first_revision}/",
            "diff": f"{page.url}history/{first_revision}/{page.live_revision_id}/",
        }
        for view, url in urls.items():
            queries, milliseconds, size_bytes = measure_page(client, url, RENDERS)
            counts[(view, size)] = queries
            lines.append(
                f"{size:>9}  {view:<13}  {queries:>7}  {milliseconds:>9.1f}  "
                f"{size_bytes:>7}"
            )

    text = f"# {connection.vendor}, {RENDERS} renders each, history lists 50 a page\n"
    text += "\n".join(lines) + "\n"
    print("\n\n" + text)
    RESULTS_FILE.parent.mkdir(exist_ok=True)
    RESULTS_FILE.write_text(text)
    assert counts[("history", SIZES[0])] == counts[("history", SIZES[1])], counts
