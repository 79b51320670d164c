"""Where imported pages came from, so that a re-run updates them."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportRun(models.Model):
    """One import (not dry runs, which write nothing), with the mapping it used."""

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

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-started_at"]

    def __str__(self):
        return f"{self.source} ({self.format}, {self.started_at:%Y-%m-%d %H:%M})"


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
