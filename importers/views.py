"""The admin's "Imports": past runs, a new import (dry run first), its progress.

A new import is a dry run first, queued as a background task; its report shows
what the import would do, and "Run the import" queues the import itself with the
same stored file and mapping. Only users with importers.add_importrun (the
Moderators group, superusers) get here.
"""

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext
from django.views import View
from django.views.generic import FormView, TemplateView
from wagtail.admin.ui.tables import (
    Column,
    DateColumn,
    StatusTagColumn,
    TitleColumn,
    UserColumn,
)
from wagtail.admin.views.generic import IndexView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.models import Page
from wagtail.permission_policies import ModelPermissionPolicy

from importers.forms import NewImportForm, can_publish, previous_mappings
from importers.models import ImportRun
from importers.runner import OUTCOME_LABELS
from importers.tasks import mark_stalled_runs, run_import
from pages.pagination import paginate

import_permission = ModelPermissionPolicy(ImportRun)
REPORT_LINES_PER_SCREEN = 200


def can_import(user):
    return import_permission.user_has_permission(user, "add")


def counts_summary(run):
    """The outcomes that happened and their counts: "created: 3, error: 1"."""
    return ", ".join(
        _("%(outcome)s: %(count)s") % {"outcome": label, "count": run.counts[outcome]}
        for outcome, label in OUTCOME_LABELS.items()
        if run.counts.get(outcome)
    )


def kind_label(run):
    return _("Dry run") if run.dry_run else pgettext("kind of run", "Import")


def progress_text(run):
    if run.total is not None:
        return _("%(processed)s of %(total)s records processed") % {
            "processed": run.processed,
            "total": run.total,
        }
    return _("%(processed)s records processed") % {"processed": run.processed}


class ImportPermissionMixin(PermissionCheckedMixin):
    permission_policy = import_permission
    permission_required = "add"


class ImportRunIndexView(IndexView):
    model = ImportRun
    permission_policy = import_permission
    any_permission_required = ["add"]
    index_url_name = "importers:index"
    add_url_name = "importers:new"
    header_icon = "upload"
    page_title = gettext_lazy("Imports")
    paginate_by = 50

    @property
    def add_item_label(self):
        return _("New import")

    @property
    def columns(self):
        return [
            TitleColumn(
                "source",
                label=_("Source"),
                get_url=lambda run: reverse("importers:run", args=[run.pk]),
            ),
            Column("kind", label=_("Kind"), accessor=kind_label),
            Column("format", label=_("Format")),
            Column("file_name", label=_("File")),
            UserColumn("user", label=_("User")),
            StatusTagColumn(
                "status",
                label=_("Status"),
                accessor=lambda run: capfirst(run.get_status_display()),
                primary=lambda run: run.status == ImportRun.DONE,
            ),
            Column("counts", label=_("Outcomes"), accessor=counts_summary),
            DateColumn("started_at", label=_("Started")),
        ]

    def get_base_queryset(self):
        mark_stalled_runs()
        return ImportRun.objects.select_related("user").defer("report", "mapping")


class NewImportView(ImportPermissionMixin, WagtailAdminTemplateMixin, FormView):
    """Upload a file and give its mapping: the dry run starts on submission."""

    form_class = NewImportForm
    template_name = "importers/new_import.html"
    page_title = gettext_lazy("New import")
    header_icon = "upload"

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("importers:index"), "label": _("Imports")},
            {"url": "", "label": _("New import")},
        ]

    def starting_run(self):
        """The earlier run whose mapping the moderator picked (?from=id), if any."""
        pk = self.request.GET.get("from", "")
        return ImportRun.objects.filter(pk=pk).first() if pk.isdigit() else None

    def get_initial(self):
        run = self.starting_run()
        if run is None:
            return {}
        return {"format": run.format, "mapping": run.mapping, "publish": run.publish}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        starting = self.starting_run()
        context["previous_runs"] = [
            # The choice stays on the source picked, whichever of its runs it was.
            (
                run,
                starting
                and (run.source, run.format) == (starting.source, starting.format),
            )
            for run in previous_mappings()
        ]
        return context

    def form_valid(self, form):
        dry_run = form.save_dry_run(self.request.user)
        run_import.enqueue(dry_run.pk)
        messages.success(
            self.request,
            _("The dry run has started: its report says what the import would do."),
        )
        return redirect("importers:run", dry_run.pk)


class ImportRunView(ImportPermissionMixin, WagtailAdminTemplateMixin, TemplateView):
    """A run's facts, its progress while it runs, and its report once done."""

    template_name = "importers/import_run.html"
    header_icon = "upload"

    @cached_property
    def run(self):
        # Looked up once the permission is checked: others learn nothing of it.
        mark_stalled_runs()
        return get_object_or_404(
            ImportRun.objects.select_related("user"), pk=self.kwargs["pk"]
        )

    def get_page_title(self):
        if self.run.dry_run:
            return _("Dry run of %(source)s") % {"source": self.run.source}
        return _("Import of %(source)s") % {"source": self.run.source}

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("importers:index"), "label": _("Imports")},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        run = self.run
        lines = run.report
        outcome = self.request.GET.get("outcome", "")
        if outcome in OUTCOME_LABELS:
            lines = [line for line in lines if line["outcome"] == outcome]
        else:
            outcome = ""
        lines = paginate(self.request, lines, REPORT_LINES_PER_SCREEN)
        page_ids = {line["page_id"] for line in lines if line.get("page_id")}
        # A dry run's pages were rolled back, and editors delete pages: link those
        # that exist.
        existing = set(
            Page.objects.filter(pk__in=page_ids).values_list("pk", flat=True)
        )
        context.update(
            run=run,
            kind=kind_label(run),
            progress_text=progress_text(run),
            lines=[
                {
                    **line,
                    "label": line.get("label") or line["source_id"],
                    "outcome_label": OUTCOME_LABELS.get(line["outcome"], ""),
                    "page_exists": line.get("page_id") in existing,
                }
                for line in lines
            ],
            page=lines,
            outcome=outcome,
            outcome_filters=[
                (name, label, run.counts.get(name, 0))
                for name, label in OUTCOME_LABELS.items()
                if run.counts.get(name)
            ],
            real_run=getattr(run, "real_run", None),
            can_run=run.dry_run
            and run.status == ImportRun.DONE
            and bool(run.file)
            and not hasattr(run, "real_run"),
        )
        return context


class ImportRunStatusView(ImportPermissionMixin, View):
    """The run's progress as JSON, for the detail page to poll while it runs."""

    def get(self, request, pk):
        mark_stalled_runs()
        run = get_object_or_404(
            ImportRun.objects.only("status", "processed", "total"), pk=pk
        )
        return JsonResponse(
            {
                "status": run.status,
                "status_label": capfirst(run.get_status_display()),
                "processed": run.processed,
                "total": run.total,
                "progress_text": progress_text(run),
                "finished": run.is_finished,
            }
        )


class StartImportView(ImportPermissionMixin, View):
    """Run the import a dry run previewed, with its stored file and mapping."""

    http_method_names = ["post"]

    def post(self, request, pk):
        dry_run = get_object_or_404(ImportRun, pk=pk, dry_run=True)
        if hasattr(dry_run, "real_run"):
            return redirect("importers:run", dry_run.real_run.pk)
        if dry_run.status != ImportRun.DONE or not dry_run.file:
            messages.error(
                request,
                _("This dry run cannot be imported: start a new import with the file."),
            )
            return redirect("importers:run", dry_run.pk)
        if dry_run.publish and not can_publish(request.user):
            messages.error(request, _("You may not publish pages."))
            return redirect("importers:run", dry_run.pk)
        try:
            with transaction.atomic():
                import_run = ImportRun.objects.create(
                    source=dry_run.source,
                    format=dry_run.format,
                    file_name=dry_run.file_name,
                    file=dry_run.file.name,  # the same stored file
                    mapping=dry_run.mapping,
                    user=request.user,
                    publish=dry_run.publish,
                    total=dry_run.processed,  # the dry run counted the records
                    from_dry_run=dry_run,
                )
        except IntegrityError:  # a second click: the import is already there
            return redirect("importers:run", ImportRun.objects.get(from_dry_run=pk).pk)
        run_import.enqueue(import_run.pk)
        messages.success(request, _("The import has started."))
        return redirect("importers:run", import_run.pk)
