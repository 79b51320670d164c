"""Two publish_scheduled runs started together publish and expire each page once."""

import os
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.db import connection
from django.utils import timezone
from wagtail.models import Page, PageLogEntry

from tests.conftest import database_url
from tests.factories import PAGE_TYPES

# How far ahead the pages are scheduled: long enough to schedule them all first.
SCHEDULE_DELAY = timedelta(seconds=4)
GOING_LIVE = 20
EXPIRING = 10
PROJECT_DIR = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def start_publish_scheduled():
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "atlas.settings.test",
        "DATABASE_URL": database_url(),
    }
    return subprocess.Popen(
        [sys.executable, "manage.py", "publish_scheduled"],
        cwd=PROJECT_DIR,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def actions_of(pages, action):
    """Each page's number of log entries with this action."""
    return {
        page.pk: PageLogEntry.objects.filter(page=page, action=action).count()
        for page in pages
    }


def test_two_simultaneous_runs_publish_and_expire_each_page_once(
    restored_site, indexes
):
    if connection.vendor == "sqlite" and connection.creation.is_in_memory_db(
        connection.settings_dict["NAME"]
    ):
        pytest.skip("the SQLite test database is in memory: other processes see none")
    factory, index = PAGE_TYPES["commons"][0], indexes["commons"]
    drafts = [
        factory(parent=index, title=f"À publier {n}", live=False)
        for n in range(GOING_LIVE)
    ]
    live = []
    for n in range(EXPIRING):
        page = factory(parent=index, title=f"À retirer {n}")
        page.save_revision().publish()
        live.append(page)
    untouched = factory(parent=index, title="Sans échéance")
    untouched.save_revision().publish()

    due = timezone.now() + SCHEDULE_DELAY
    for page in drafts:
        page.go_live_at = due
        page.save_revision().publish()  # scheduled: stays a draft until `due`
    for page in live:
        page.expire_at = due
        page.save_revision().publish()
    assert not Page.objects.filter(pk__in=[p.pk for p in drafts], live=True).exists()
    logs_before = PageLogEntry.objects.count()
    untouched_before = Page.objects.values().get(pk=untouched.pk)

    time.sleep(max(0, (due - timezone.now()).total_seconds()) + 0.2)
    runs = [start_publish_scheduled(), start_publish_scheduled()]
    outcomes = [run.communicate(timeout=60) for run in runs]

    for run, (_stdout, stderr) in zip(runs, outcomes, strict=True):
        assert run.returncode == 0, stderr
    published = Page.objects.filter(pk__in=[p.pk for p in drafts])
    assert all(page.live for page in published)
    assert set(actions_of(drafts, "wagtail.publish.scheduled").values()) == {1}
    expired = Page.objects.filter(pk__in=[p.pk for p in live])
    assert all(not page.live and page.expired for page in expired)
    assert set(actions_of(live, "wagtail.unpublish.scheduled").values()) == {1}
    assert PageLogEntry.objects.count() == logs_before + GOING_LIVE + EXPIRING
    assert Page.objects.values().get(pk=untouched.pk) == untouched_before
