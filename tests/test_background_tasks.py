"""Background work (chronology, search and reference indexes) never fails or holds up
a publication: django-tasks, immediate in the request or queued for a worker."""

import logging

import pytest
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django_tasks_db.models import DBTaskResult
from wagtail.models import ReferenceIndex

from pages.models import EventPage, RelatedPage
from tests.admin_forms import form_data
from timeline import chronology
from timeline.fuzzy_date import FuzzyDate
from timeline.models import ChronologyEntry

pytestmark = pytest.mark.django_db


def publish_in_admin(client, page, title):
    url = reverse("wagtailadmin_pages:edit", args=(page.pk,))
    data = form_data(client, url)
    data.update({"title": title, "action-publish": "on"})
    response = client.post(url, data)
    assert response.status_code == 302, response.context and (
        response.context["form"].errors
    )
    return EventPage.objects.get(pk=page.pk)


def test_a_failing_chronology_update_does_not_fail_the_publication(
    admin_client, make_page, monkeypatch, caplog
):
    page = make_page("event", title="Forum", start_date=FuzzyDate(2019, 10, 3))

    def broken_sync(page):
        # A database error: without its own savepoint it would spoil the request's
        # transaction on PostgreSQL, and the publication with it.
        with connection.cursor() as cursor:
            cursor.execute("SELECT * FROM no_such_table")

    monkeypatch.setattr("timeline.signals.sync_page", broken_sync)
    with caplog.at_level(logging.ERROR, logger="timeline.signals"):
        page = publish_in_admin(admin_client, page, "Forum renommé")
    assert page.live and page.title == "Forum renommé"
    assert page.live_revision.as_object().title == "Forum renommé"
    assert "could not be updated" in caplog.text
    # What the failed run left behind is repaired by the rebuild.
    monkeypatch.undo()
    chronology.rebuild()
    assert ChronologyEntry.objects.get(page=page).title == "Forum renommé"


# The worker takes its tasks in transactions of its own: the test commits.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_with_the_database_backend_a_worker_does_the_work_after_the_publication(
    restored_site, settings, admin_client, make_page
):
    page = make_page("event", title="Rencontre", start_date=FuzzyDate(2021, 5, 1))
    linked = make_page("commons", title="Jardin")
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    page.wiki_related_pages.add(RelatedPage(target=linked))
    page.save_revision()
    page = publish_in_admin(admin_client, page, "Rencontre déplacée")

    # Published at once; the indexes and the chronology wait in the queue.
    assert page.live and page.title == "Rencontre déplacée"
    queued = set(DBTaskResult.objects.values_list("task_path", flat=True))
    assert {
        "timeline.signals.sync_chronology",
        "wagtail.tasks.update_reference_index_task",
        "modelsearch.tasks.insert_or_update_object_task",
    } <= queued
    assert ChronologyEntry.objects.get(page=page).title == "Rencontre"
    assert not ReferenceIndex.get_references_to(linked).exists()

    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)

    assert ChronologyEntry.objects.get(page=page).title == "Rencontre déplacée"
    assert ReferenceIndex.get_references_to(linked).exists()
    assert not DBTaskResult.objects.exclude(status="SUCCESSFUL").exists()
