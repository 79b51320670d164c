"""Imports started from the admin, run as background tasks (django-tasks).

Run at once by the immediate backend, or by `manage.py db_worker` when
TASKS_BACKEND=database, so that a long dump never holds a request. The task reads
the file stored on its ImportRun and writes its progress there for the admin to show.
"""

import logging
from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext
from django_tasks import task

from importers.mapping import MappingError, load_mapping
from importers.models import ImportRun
from importers.records import ImportFileError
from importers.runner import import_file

logger = logging.getLogger(__name__)

# Progress is written every PROGRESS_EVERY records: one small UPDATE, not a save.
PROGRESS_EVERY = 20
# A running import that has not written progress for this long has died with its
# worker (killed, out of memory): it is shown as failed rather than running forever.
STALLED_AFTER = timedelta(minutes=15)
# Files nobody went on to import (a dry run left there, a run that died) are deleted
# after this.
UNUSED_UPLOAD_KEPT_FOR = timedelta(days=7)


@task()
def run_import(run_id):
    """Run the ImportRun `run_id` (a dry run or an import) and store its report."""
    now = timezone.now()
    taken = ImportRun.objects.filter(pk=run_id, status=ImportRun.QUEUED).update(
        status=ImportRun.RUNNING, started_at=now, progress_at=now
    )
    if not taken:
        return  # gone, or already run: a task enqueued twice runs once
    import_run = ImportRun.objects.select_related("user").get(pk=run_id)
    try:
        mapping = load_mapping(import_run.mapping)
        with import_run.file.open("rb") as file:
            import_file(
                import_run.format,
                file,
                mapping,
                user=import_run.user,
                dry_run=import_run.dry_run,
                publish=import_run.publish,
                file_name=import_run.file_name,
                progress=lambda records: reporting_progress(records, run_id),
                import_run=import_run,
            )
    except (ImportFileError, MappingError) as error:
        # The moderator's to fix, not a crash: said on the run, nothing logged.
        mark_failed(run_id, str(error))
    except Exception as error:
        logger.exception("Import run %s failed.", run_id)
        mark_failed(
            run_id,
            gettext("Unexpected error: %(error)s")
            % {"error": str(error) or type(error).__name__},
        )
        raise  # recorded as failed by the task backend too
    finally:
        if not import_run.dry_run:
            delete_upload(import_run.file.name)
        delete_unused_uploads()


def reporting_progress(records, run_id):
    """Yield the records, writing how many were processed every PROGRESS_EVERY."""
    processed = 0
    for processed, record in enumerate(records, start=1):
        yield record
        if processed % PROGRESS_EVERY == 0:
            ImportRun.objects.filter(pk=run_id).update(
                processed=processed, progress_at=timezone.now()
            )


def mark_failed(run_id, message):
    ImportRun.objects.filter(pk=run_id).exclude(status=ImportRun.DONE).update(
        status=ImportRun.FAILED, error=message, finished_at=timezone.now()
    )


def mark_stalled_runs():
    """Fail the runs whose task died without a word (see STALLED_AFTER)."""
    ImportRun.objects.filter(
        status=ImportRun.RUNNING, progress_at__lt=timezone.now() - STALLED_AFTER
    ).update(
        status=ImportRun.FAILED,
        finished_at=timezone.now(),
        error=gettext(
            "The import stopped without finishing (its worker was stopped?). "
            "Records imported until then are kept: import the file again for the rest."
        ),
    )


def delete_upload(name):
    """Delete a stored file, once its import has run, and forget it on its runs.

    The report, the provenance rows and the pages keep what the import did; the
    dump itself (contact details included) is not kept without a purpose. To import
    again, upload the file again.
    """
    if not name:
        return
    ImportRun.objects.filter(file=name).update(file="")
    ImportRun._meta.get_field("file").storage.delete(name)


def delete_unused_uploads():
    unfinished = ImportRun.objects.filter(
        status__in=[ImportRun.QUEUED, ImportRun.RUNNING]
    )
    old = (
        ImportRun.objects.filter(started_at__lt=timezone.now() - UNUSED_UPLOAD_KEPT_FOR)
        .exclude(file="")
        .exclude(file__in=unfinished.values("file"))
    )
    for name in set(old.values_list("file", flat=True)):
        delete_upload(name)
