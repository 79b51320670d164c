"""Where imported pages came from, so that a re-run updates them."""

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


def upload_path(run, file_name):
    # Under a random folder: media may be served by a web server that does not ask
    # who is reading, and a dump can hold contact details. Nobody can guess the URL.
    return f"imports/{secrets.token_urlsafe(24)}/{file_name}"


class ImportRun(models.Model):
    """One import or dry run, with the mapping it used and its report.

    The command stores real runs only; the admin also stores dry runs, whose report
    the moderator reads before running the import itself (`from_dry_run`) with the
    same file and mapping. The admin's runs are background tasks (importers/tasks.py):
    `status`, `processed` and `progress_at` tell how far they are.
    """

    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"
    STATUS_CHOICES = [
        (QUEUED, _("queued")),
        (RUNNING, _("running")),
        (DONE, _("done")),
        (FAILED, _("failed")),
    ]

    source = models.CharField(_("source"), max_length=100)
    format = models.CharField(_("format"), max_length=20)
    file_name = models.CharField(_("file"), max_length=255, blank=True)
    mapping = models.TextField(_("mapping"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    publish = models.BooleanField(_("published directly"), default=False)
    started_at = models.DateTimeField(_("started at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    # {"created": 3, "updated": 1, …} and one line per record, as the report shows.
    counts = models.JSONField(_("counts"), default=dict)
    report = models.JSONField(_("report"), default=list)
    dry_run = models.BooleanField(_("dry run"), default=False)
    status = models.CharField(
        _("status"), max_length=10, choices=STATUS_CHOICES, default=QUEUED
    )
    # The uploaded file, for the background task to read; stored until the import
    # it was uploaded for has run (see importers/tasks.py), then deleted.
    file = models.FileField(
        _("stored file"), upload_to=upload_path, max_length=500, blank=True
    )
    processed = models.PositiveIntegerField(_("records processed"), default=0)
    # Known for an import (its dry run counted the records), not for a dry run.
    total = models.PositiveIntegerField(_("records in the file"), null=True, blank=True)
    # When the task last said it was alive: a run silent for long has died.
    progress_at = models.DateTimeField(_("last progress"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)
    from_dry_run = models.OneToOneField(
        "self",
        verbose_name=_("dry run"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="real_run",
    )

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-started_at"]

    def __str__(self):
        return f"{self.source} ({self.format}, {self.started_at:%Y-%m-%d %H:%M})"

    @property
    def is_finished(self):
        return self.status in (self.DONE, self.FAILED)


class ImportedRecord(models.Model):
    """A source record and the page made from it.

    `page` is SET_NULL: when an editor deletes an imported page, the row stays, so a
    re-run knows and reports it instead of bringing the page back.
    `imported_revision` is the last revision the importer saved: a newer revision
    on the page means an editor changed it since, and the importer keeps off.
    """

    source = models.CharField(_("source"), max_length=100)
    source_id = models.CharField(_("identifier in the source"), max_length=255)
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="imported_records",
    )
    imported_revision = models.ForeignKey(
        "wagtailcore.Revision",
        verbose_name=_("imported revision"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    data_hash = models.CharField(_("data hash"), max_length=64)
    imported_at = models.DateTimeField(_("imported at"), auto_now=True)
    run = models.ForeignKey(
        ImportRun,
        verbose_name=_("import"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="records",
    )

    class Meta:
        verbose_name = _("imported record")
        verbose_name_plural = _("imported records")
        constraints = [
            models.UniqueConstraint(
                fields=["source", "source_id"], name="unique_record_per_source"
            )
        ]

    def __str__(self):
        return f"{self.source}:{self.source_id}"
