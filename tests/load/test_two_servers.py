"""Issue #11: two gunicorn servers on one PostgreSQL and one shared cache.

An editor publishes through the admin of server A; a visitor of server B, which has
just served (and perhaps cached) the older version, must get the new one at once.
"""

import time

import pytest

from atlas.page_cache import HIT_HEADER
from tests.conftest import database_url
from tests.load.conftest import (
    AdminSession,
    fetch,
    get,
    gunicorn_servers,
    heading,
    report,
    server_environment,
)

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PASSWORD = "pw-admin-2026"


@pytest.fixture
def page_with_draft(restored_site, make_page):
    """A published concept with a newer draft waiting to be published."""
    page = make_page("concept", title="Titre publié")
    page.title = "Titre révisé"
    page.save_revision()
    return page


@pytest.fixture
def two_servers(tmp_path):
    env = server_environment(database_url())
    # One worker each: what is shared between processes is the point, not throughput.
    logs = [tmp_path / "a.log", tmp_path / "b.log"]
    with gunicorn_servers(env, logs, workers=1) as servers:
        yield servers


def test_publication_on_one_server_shows_on_the_other_at_once(
    two_servers, page_with_draft, django_user_model
):
    server_a, server_b = two_servers
    path = page_with_draft.url
    for server in (server_a, server_b, server_a, server_b):
        status, html, headers = fetch(server, path)
        assert (status, heading(html)) == (200, "Titre publié")
    # The second visit came from the shared cache: the publication must reach it.
    assert headers.get(HIT_HEADER) == "hit"
    django_user_model.objects.create_superuser("admin", "admin@example.org", PASSWORD)
    editor = AdminSession(server_a)
    editor.log_in("admin", PASSWORD)

    editor.bulk_page_action("publish", page_with_draft)
    published = time.monotonic()
    status, html = get(server_b, path)
    answered = time.monotonic() - published

    assert (status, heading(html)) == (200, "Titre révisé")

    editor.bulk_page_action("unpublish", page_with_draft)

    assert get(server_b, path)[0] == 404
    assert get(server_a, path)[0] == 404
    report(
        f"published on A, the new title served by B {answered * 1000:.0f} ms later, "
        "on its first request"
    )
