"""Issue #11: readers in parallel while an editor keeps publishing a hot page.

Readers hammer the page on a real gunicorn; the editor publishes a revision through the
ORM at a steady pace, each with a marker in the title and in the body. No reader may
get an error or a page whose title and body come from different revisions, and each
publication must reach a fresh reader within a second.
"""

import math
import statistics
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from wagtail.models import PageLogEntry

from tests.conftest import database_url
from tests.load.conftest import (
    FULL_LENGTH,
    get,
    gunicorn_server,
    is_whole,
    page_markers,
    readers,
    report,
    server_environment,
)

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

READERS, SECONDS, PUBLISH_EVERY = (50, 60, 2.0) if FULL_LENGTH else (10, 8, 1.0)
VISIBLE_WITHIN = 1.0


def write_revision(page, number):
    """Publish revision `number` of the page: its marker in the title and the body."""
    marker = f"rev-{number:04d}"
    page.title = f"Page chaude {marker}"
    page.body = [("paragraph", f"<p>Corps {marker}</p>")]
    page.save_revision().publish()
    return marker


def seconds_until_visible(base_url, path, number):
    """How long after publication a fresh reader (new connection, no cookie) asked for
    the page and got revision `number` (or a later one) whole, and how long until that
    answer came; None if no request sent within VISIBLE_WITHIN got it.

    Visible counts from the request's departure: its answer waits its turn behind the
    readers, which is load, not staleness.
    """
    start = time.monotonic()
    while (sent := time.monotonic() - start) < VISIBLE_WITHIN:
        status, html = get(base_url, path)
        markers = page_markers(html)
        if status == 200 and is_whole(markers) and int(markers["h1"][4:]) >= number:
            return sent, time.monotonic() - start
    return None


@pytest.fixture
def hot_page(restored_site, make_page):
    """A published concept at revision 0."""
    return make_page(
        "concept",
        title="Page chaude rev-0000",
        summary="Une page très lue.",
        body=[("paragraph", "<p>Corps rev-0000</p>")],
    )


def test_readers_see_every_publication_whole_and_at_once(hot_page, tmp_path):
    path = hot_page.url
    env = server_environment(database_url())
    markers = ["rev-0000"]
    probes = {}

    with (
        gunicorn_server(env, tmp_path / "gunicorn.log") as base_url,
        # Each publication's fresh reader on its own, so that the editor keeps pace.
        ThreadPoolExecutor(max_workers=4) as fresh_readers,
    ):
        start = time.monotonic()
        with readers(base_url, path, READERS, check_markers=True) as tally:
            number = 1
            while (next_at := start + number * PUBLISH_EVERY) < start + SECONDS:
                time.sleep(max(0, next_at - time.monotonic()))
                markers.append(write_revision(hot_page, number))
                probes[markers[-1]] = fresh_readers.submit(
                    seconds_until_visible, base_url, path, number
                )
                number += 1
            time.sleep(max(0, start + SECONDS - time.monotonic()))
            delays = {marker: probe.result() for marker, probe in probes.items()}
        elapsed = time.monotonic() - start

    seen = [delay for delay in delays.values() if delay] or [(math.nan, math.nan)]
    asked, answered = zip(*seen, strict=True)
    report(
        f"{READERS} readers, {elapsed:.1f} s, {len(markers) - 1} publications: "
        f"{tally.requests} requests ({tally.requests / elapsed:.0f} req/s), "
        f"statuses {dict(tally.statuses)}, torn reads {len(tally.torn)}; each "
        f"publication seen by a request sent after at most {max(asked) * 1000:.0f} "
        f"ms (median {statistics.median(asked) * 1000:.0f} ms), answered after at "
        f"most {max(answered) * 1000:.0f} ms"
    )
    assert tally.requests > READERS
    assert set(tally.statuses) == {200}, tally.statuses
    assert tally.torn == []
    late = [marker for marker, delay in delays.items() if delay is None]
    assert late == [], f"not visible within {VISIBLE_WITHIN} s: {late}"
    assert hot_page.revisions.count() == len(markers)
    logged = PageLogEntry.objects.filter(page=hot_page, action="wagtail.publish")
    labels = " ".join(logged.values_list("label", flat=True))
    assert [marker for marker in markers if marker not in labels] == []
