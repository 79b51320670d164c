"""The admin's "Imports": upload, dry run, import as a background task, progress."""

from datetime import timedelta
from html import unescape

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from importers import tasks
from importers.forms import NewImportForm
from importers.mapping import MappingError, load_mapping
from importers.models import ImportedRecord, ImportRun
from importers.runner import Importer
from pages.models import CommonsPage
from tests.test_importers import SAMPLES
from tests.test_workflow import refused

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("import_atlas")]

GOGOCARTO_MAPPING = (SAMPLES / "gogocarto.yaml").read_text(encoding="utf-8")


def french(text):
    """An interface string as the French admin shows it."""
    with translation.override("fr"):
        return gettext(text)


def upload(client, content=None, mapping=GOGOCARTO_MAPPING, **fields):
    """Post the new-import form with the GoGoCarto sample, or `content` instead."""
    if content is None:
        content = (SAMPLES / "gogocarto.json").read_bytes()
    data = {
        "format": "gogocarto",
        "file": SimpleUploadedFile("gogocarto.json", content),
        "mapping": mapping,
        **fields,
    }
    return client.post(reverse("importers:new"), data)


def imported_count():
    return ImportedRecord.objects.count(), CommonsPage.objects.count()


@pytest.mark.parametrize(
    ("role", "allowed"),
    [("moderator", True), ("editor", False), ("translator", False)],
)
def test_only_those_allowed_to_import_see_imports(clients, role, allowed):
    client = clients[role]
    dry_run = ImportRun.objects.create(
        source="transiscope", format="gogocarto", mapping="", dry_run=True
    )
    urls = [
        reverse("importers:index"),
        reverse("importers:new"),
        reverse("importers:run", args=[dry_run.pk]),
        reverse("importers:status", args=[dry_run.pk]),
    ]

    responses = [client.get(url) for url in urls]
    start = client.post(reverse("importers:start", args=[dry_run.pk]))
    refused_upload = upload(client)

    if allowed:
        assert [response.status_code for response in responses] == [200] * 4
    else:
        assert all(refused(response) for response in [*responses, start])
        assert refused(refused_upload)
        assert ImportRun.objects.count() == 1  # nothing queued
    menu = client.get(reverse("wagtailadmin_home")).content.decode()
    assert (reverse("importers:index") in menu) == allowed


def test_anonymous_visitors_are_sent_to_the_login():
    response = Client().get(reverse("importers:index"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("wagtailadmin_login"))


def test_a_dry_run_reports_then_the_import_runs_with_the_same_file(clients, users):
    client = clients["moderator"]
    before = imported_count()

    response = upload(client)

    dry_run = ImportRun.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("importers:run", args=[dry_run.pk])
    # The immediate backend ran the task: a report, and nothing written.
    assert (dry_run.dry_run, dry_run.status, dry_run.processed) == (True, "done", 4)
    assert dry_run.counts["created"] == 3 and dry_run.counts["error"] == 1
    assert dry_run.user == users["moderator"] and dry_run.source == "transiscope"
    assert imported_count() == before
    stored = dry_run.file.name
    assert stored.startswith("imports/") and dry_run.file.storage.exists(stored)

    html = client.get(response.url).content.decode()
    assert "La Ferme du Bois Commun" in html
    assert "tl-0004" in html and "pas de titre" in html  # the record in error
    assert french("Run the import") in html
    assert reverse("importers:start", args=[dry_run.pk]) in html
    assert "wagtailadmin/pages/" not in html  # no page to link to yet

    response = client.post(reverse("importers:start", args=[dry_run.pk]))

    run = ImportRun.objects.get(dry_run=False)
    assert response.url == reverse("importers:run", args=[run.pk])
    assert run.from_dry_run == dry_run and run.user == users["moderator"]
    assert (run.status, run.processed, run.total) == ("done", 4, 4)
    assert run.counts["created"] == 3
    assert ImportedRecord.objects.filter(run=run).count() == 3
    farm = ImportedRecord.objects.get(source_id="tl-0001").page
    assert farm.title == "La Ferme du Bois Commun" and not farm.live
    # The file was only kept for the import: gone from the storage and the runs.
    assert not dry_run.file.storage.exists(stored)
    dry_run.refresh_from_db()
    assert not run.file and not dry_run.file

    html = client.get(response.url).content.decode()
    assert reverse("wagtailadmin_pages:edit", args=[farm.pk]) in html
    assert reverse("importers:run", args=[dry_run.pk]) in html
    status = client.get(reverse("importers:status", args=[run.pk])).json()
    assert status["finished"] and (status["processed"], status["total"]) == (4, 4)

    # A second click (or a stale tab) does not import twice.
    again = client.post(reverse("importers:start", args=[dry_run.pk]))
    assert again.url == reverse("importers:run", args=[run.pk])
    assert ImportRun.objects.filter(dry_run=False).count() == 1


def test_the_report_filters_by_outcome(clients):
    client = clients["moderator"]
    upload(client)
    url = reverse("importers:run", args=[ImportRun.objects.get().pk])

    html = client.get(url, {"outcome": "error"}).content.decode()

    assert "tl-0004" in html and "La Ferme du Bois Commun" not in html


def test_publish_directly_makes_the_pages_live(clients):
    client = clients["moderator"]
    upload(client, publish="on")
    client.post(reverse("importers:start", args=[ImportRun.objects.get().pk]))

    farm = ImportedRecord.objects.get(source_id="tl-0001").page
    assert farm.live


def test_an_invalid_mapping_shows_every_problem_and_queues_nothing(clients):
    client = clients["moderator"]
    mapping = "source: transiscope\npage_type: castle\nfields: {}\n"

    response = upload(client, mapping=mapping)

    assert response.status_code == 200
    html = unescape(response.text)
    with translation.override("fr"), pytest.raises(MappingError) as problems:
        load_mapping(mapping)
    assert len(problems.value.errors) == 2  # no such page type, no title
    for message in problems.value.errors:
        assert message in html
    # Browsers do not keep the chosen file: the form says to choose it again.
    with translation.override("fr"):
        assert str(NewImportForm.base_fields["file"].help_text) in html
    assert "page_type: castle" in html  # the text is kept, to be corrected
    assert not ImportRun.objects.exists()


def test_an_unreadable_file_fails_the_dry_run_and_writes_nothing(clients):
    client = clients["moderator"]
    before = imported_count()

    response = upload(client, content=b"{not json")

    dry_run = ImportRun.objects.get()
    assert dry_run.status == "failed" and dry_run.error
    assert imported_count() == before
    html = client.get(response.url).content.decode()
    assert dry_run.error in html
    assert french("Run the import") not in html


def test_a_task_that_crashes_marks_its_run_failed(clients, monkeypatch):
    def crash(*args, **kwargs):
        raise RuntimeError("the disk is full")

    monkeypatch.setattr(tasks, "import_file", crash)

    response = upload(clients["moderator"])

    dry_run = ImportRun.objects.get()
    assert dry_run.status == "failed" and dry_run.finished_at is not None
    assert "the disk is full" in dry_run.error
    assert "the disk is full" in clients["moderator"].get(response.url).text


def test_a_run_whose_worker_died_is_not_left_running(clients):
    silent_since = timezone.now() - tasks.STALLED_AFTER - timedelta(minutes=1)
    stalled = ImportRun.objects.create(
        source="transiscope",
        format="gogocarto",
        mapping="",
        status="running",
        progress_at=silent_since,
    )
    alive = ImportRun.objects.create(
        source="transiscope",
        format="gogocarto",
        mapping="",
        status="running",
        progress_at=timezone.now(),
    )

    clients["moderator"].get(reverse("importers:run", args=[stalled.pk]))

    stalled.refresh_from_db()
    alive.refresh_from_db()
    assert stalled.status == "failed" and stalled.error
    assert alive.status == "running"


def test_progress_is_written_while_the_import_runs(clients, monkeypatch):
    monkeypatch.setattr(tasks, "PROGRESS_EVERY", 1)
    seen = []
    import_record = Importer.import_record

    def watching(importer, record):
        # What another connection (the status view) reads at each record.
        seen.append(ImportRun.objects.values_list("status", "processed").get())
        return import_record(importer, record)

    monkeypatch.setattr(Importer, "import_record", watching)

    upload(clients["moderator"])

    assert seen == [("running", 0), ("running", 1), ("running", 2), ("running", 3)]


def test_the_list_shows_the_runs(clients, users):
    client = clients["moderator"]
    upload(client)
    dry_run = ImportRun.objects.get()
    client.post(reverse("importers:start", args=[dry_run.pk]))
    run = ImportRun.objects.get(dry_run=False)

    html = client.get(reverse("importers:index")).content.decode()

    assert reverse("importers:run", args=[dry_run.pk]) in html
    assert reverse("importers:run", args=[run.pk]) in html
    assert "transiscope" in html and "gogocarto.json" in html
    # In the outcomes' order, whatever order the database keeps JSON keys in.
    assert "créée : 3, erreur : 1" in unescape(html)
    assert reverse("importers:new") in html


def test_an_earlier_mapping_fills_the_form(clients):
    client = clients["moderator"]
    upload(client)
    dry_run = ImportRun.objects.get()

    html = client.get(reverse("importers:new"), {"from": dry_run.pk}).text

    assert "source: transiscope" in html
    assert f'<option value="{dry_run.pk}" selected>' in html


def test_the_moderators_group_may_import(users):
    assert users["moderator"].has_perm("importers.add_importrun")
    assert not users["editor"].has_perm("importers.add_importrun")


def test_a_running_import_shows_its_progress_and_follows_it(clients):
    client = clients["moderator"]
    run = ImportRun.objects.create(
        source="transiscope",
        format="gogocarto",
        mapping=GOGOCARTO_MAPPING,
        status="running",
        processed=40,
        total=120,
        progress_at=timezone.now(),
    )

    html = client.get(reverse("importers:run", args=[run.pk])).text
    status = client.get(reverse("importers:status", args=[run.pk])).json()

    assert '<progress value="40" max="120"' in html
    assert "importers/import-progress" in html  # the static script that polls
    assert (status["status"], status["processed"], status["total"]) == (
        "running",
        40,
        120,
    )
    assert not status["finished"]
    ImportRun.objects.filter(pk=run.pk).update(status="done")
    html = client.get(reverse("importers:run", args=[run.pk])).text
    assert "importers/import-progress" not in html


def test_publish_directly_is_for_those_who_may_publish(django_user_model):
    importer = django_user_model.objects.create_user("importer", password="pw-2026")
    importer.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="add_importrun"),
    )
    client = Client()
    client.force_login(importer)

    response = upload(client, publish="on")

    assert response.status_code == 200
    assert french("You may not publish pages.") in unescape(response.text)
    assert not ImportRun.objects.exists()
    assert upload(client).status_code == 302  # drafts for review: allowed


def test_those_not_allowed_learn_nothing_of_a_run(clients):
    missing = reverse("importers:run", args=[999])

    assert refused(clients["editor"].get(missing))
    assert clients["moderator"].get(missing).status_code == 404


def test_a_wiki_dump_goes_through_the_admin_with_its_history(clients):
    client = clients["moderator"]
    dump = SAMPLES / "mediawiki-communs.xml"
    client.post(
        reverse("importers:new"),
        {
            "format": "mediawiki",
            "file": SimpleUploadedFile(dump.name, dump.read_bytes()),
            "mapping": (SAMPLES / "mediawiki.yaml").read_text(encoding="utf-8"),
        },
    )
    dry_run = ImportRun.objects.get()
    assert dry_run.counts["created"] == 3
    html = client.get(reverse("importers:run", args=[dry_run.pk])).content.decode()
    assert "Maison des communs" in html  # a link to a page not in the dump

    client.post(reverse("importers:start", args=[dry_run.pk]))

    chamber = ImportedRecord.objects.get(source_id="11").page.specific
    notes = [
        revision.change_note.note
        for revision in chamber.revisions.order_by("created_at")
    ]
    assert notes[-1] == (
        "Mise en forme, tableau des assemblées — Léa (Importé depuis wiki-communs)"
    )
    assert len(notes) == 3 and type(chamber).__name__ == "ChamberPage"
