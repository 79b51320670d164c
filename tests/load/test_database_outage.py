"""Issue #11: PostgreSQL stopped and restarted while visitors read.

The server runs on a PostgreSQL cluster of its own (the shared one serves the test
process), with persistent connections, which are broken by the restart. During the
outage /health/ answers 503; once PostgreSQL is back the app recovers by itself, with
no 5xx after, and what was published before the outage is still there.
"""

import time

import pytest

from tests.conftest import database_url
from tests.load.conftest import (
    AdminSession,
    get,
    gunicorn_server,
    heading,
    readers,
    report,
    server_environment,
    wait_until,
)

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PASSWORD = "pw-admin-2026"
RECOVERY_TIMEOUT = 30
RECOVERS_WITHIN = 5


@pytest.fixture
def atlas_with_draft(restored_site, make_page, django_user_model):
    """A concept with a draft to publish through the server, and its editor."""
    page = make_page("concept", title="Avant la publication")
    page.title = "Publié avant la panne"
    page.save_revision()
    django_user_model.objects.create_superuser("admin", "admin@example.org", PASSWORD)
    return page


def test_the_app_recovers_by_itself_after_a_database_restart(
    atlas_with_draft, postgres_cluster, tmp_path
):
    started = time.monotonic()
    db_url = postgres_cluster.copy_database(database_url(), "atlas_outage")
    copied = time.monotonic() - started
    path = atlas_with_draft.url
    env = server_environment(db_url, DATABASE_CONN_MAX_AGE="600")

    with gunicorn_server(env, tmp_path / "gunicorn.log") as base_url:
        editor = AdminSession(base_url)
        editor.log_in("admin", PASSWORD)
        editor.bulk_page_action("publish", atlas_with_draft)
        status, html = get(base_url, path)
        assert (status, heading(html)) == (200, "Publié avant la panne")

        with readers(base_url, path, count=4) as tally:
            time.sleep(0.5)
            before_outage = tally.snapshot()
            postgres_cluster.stop()
            unhealthy_after = wait_until(
                lambda: get(base_url, "/health/")[0] == 503, timeout=5
            )
            # Reads that were under way when it stopped may still end well.
            time.sleep(0.5)
            outage_begins = tally.snapshot()
            time.sleep(1)
            during_outage = tally.snapshot() - outage_begins

            postgres_cluster.start()
            recovered_after = wait_until(
                lambda: (
                    get(base_url, "/health/")[0] == 200
                    and get(base_url, path)[0] == 200
                ),
                timeout=RECOVERY_TIMEOUT,
            )
            back = tally.snapshot()
            time.sleep(1)
            after_recovery = tally.snapshot() - back

        burst = [get(base_url, url)[0] for url in [path, "/health/", "/fr/"] * 5]

        # A restart between two visits: each worker's persistent connection is dead,
        # and the first visits after must not be the ones to find out.
        postgres_cluster.stop()
        postgres_cluster.start()
        after_quiet_restart = [get(base_url, path)[0] for _ in range(10)]
        status, html = get(base_url, path)

    report(
        f"copy of the test database {copied:.1f} s; reads before the outage "
        f"{dict(before_outage)}, during {dict(during_outage)}, after "
        f"{dict(after_recovery)}; /health/ 503 after {unhealthy_after:.2f} s; "
        f"recovered {recovered_after:.2f} s after PostgreSQL was back"
    )
    assert set(before_outage) == {200}
    assert unhealthy_after is not None, "/health/ kept answering 200 without database"
    assert 200 not in during_outage
    assert recovered_after is not None and recovered_after < RECOVERS_WITHIN
    assert set(after_recovery) == {200} and sum(after_recovery.values()) > 0
    assert set(burst) == {200}
    assert set(after_quiet_restart) == {200}, after_quiet_restart
    assert (status, heading(html)) == (200, "Publié avant la panne")
