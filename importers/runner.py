"""Turn records into pages: create, update, or leave alone and say why.

Each record is imported in its own transaction: a bad record is reported and rolled
back, never a half-written page. A dry run runs the very same code and rolls every
record back, so its report is exactly what the import would do.
"""

import hashlib
import html
import itertools
import json
import logging
import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import Truncator, slugify
from django.utils.translation import gettext, gettext_lazy
from wagtail.coreutils import find_available_slug
from wagtail.models import Locale, Revision, WorkflowState

from importers.mapping import importable_fields
from importers.models import ImportedRecord, ImportRun
from importers.notifications import notify_reviewers, submissions_held
from importers.records import (
    IMPORT_LINK,
    ImportFileError,
    Record,
    RecordRevision,
)
from importers.registry import get_parser
from pages.bulk_indexing import index_pages, indexes_deferred
from pages.cache_invalidation import invalidated_once_at_the_end
from pages.models import Category, RevisionNote
from pages.models.base import SUMMARY_MAX_LENGTH
from pages.models.history import CHANGE_NOTE_MAX_LENGTH
from pages.models.indexes import WikiIndexPage
from pages.page_types import WIKI_PAGE_TYPES
from timeline.fields import FuzzyDateField
from timeline.fuzzy_date import FuzzyDate

logger = logging.getLogger(__name__)

CREATED = "created"
UPDATED = "updated"
UNCHANGED = "unchanged"
CONFLICT = "conflict"
SKIPPED = "skipped"
ERROR = "error"
WRITTEN = {CREATED, UPDATED}
OUTCOME_LABELS = {
    CREATED: gettext_lazy("created"),
    UPDATED: gettext_lazy("updated"),
    UNCHANGED: gettext_lazy("unchanged"),
    CONFLICT: gettext_lazy("conflict"),
    SKIPPED: gettext_lazy("skipped"),
    ERROR: gettext_lazy("error"),
}


class RecordError(Exception):
    """This record cannot be imported; the message says why, for the report."""


@dataclass
class ReportLine:
    source_id: str
    label: str
    outcome: str
    title: str = ""
    page_id: int | None = None
    message: str = ""
    warnings: list[str] = field(default_factory=list)

    def as_dict(self):
        return {
            "source_id": self.source_id,
            "outcome": self.outcome,
            "title": self.title,
            "page_id": self.page_id,
            "message": self.message,
        }

    def warn(self, warning):
        """Add a problem that did not stop the record, to the message too."""
        self.warnings.append(warning)
        self.message = "; ".join(filter(None, [self.message, warning]))

    def __str__(self):
        text = f"{OUTCOME_LABELS[self.outcome]}: {self.label}"
        if self.title:
            text += f" “{self.title}”"
        return f"{text} — {self.message}" if self.message else text


@dataclass
class Report:
    dry_run: bool = False
    lines: list[ReportLine] = field(default_factory=list)
    run: ImportRun | None = None

    @property
    def counts(self):
        counts = dict.fromkeys(OUTCOME_LABELS, 0)
        for line in self.lines:
            counts[line.outcome] += 1
        return counts

    def by_outcome(self, outcome):
        return [line for line in self.lines if line.outcome == outcome]

    def summary(self):
        # "created: 3, updated: 0…": a label and its count read right in any number.
        parts = ", ".join(
            gettext("%(outcome)s: %(count)s")
            % {"outcome": OUTCOME_LABELS[outcome], "count": count}
            for outcome, count in self.counts.items()
        )
        if self.dry_run:
            return gettext("Dry run, nothing written: %(counts)s") % {"counts": parts}
        return parts


def imported_page(source, source_id):
    """The page made from a source's record, or None: to link imported pages."""
    record = ImportedRecord.objects.filter(source=source, source_id=source_id).first()
    return record.page.specific if record and record.page_id else None


def import_file(format_name, file, mapping, **options):
    """Parse `file` with the format's parser and import its records (see run)."""
    parser = get_parser(format_name)
    options.setdefault("file_name", getattr(file, "name", ""))
    return run(parser(file, mapping), mapping, format_name=format_name, **options)


def run(
    records,
    mapping,
    *,
    format_name="",
    file_name="",
    user=None,
    dry_run=False,
    publish=False,
    progress=None,
    import_run=None,
):
    """Import `records` (an iterable of Record) as `mapping` says; return a Report.

    An unreadable file (ImportFileError from the parser when it reads the file) is
    raised before anything is written. `progress` wraps the records (tqdm). The
    report goes to `import_run` when given (the admin's runs, dry or not), to a new
    ImportRun for a real run otherwise; a run that raises is marked failed.
    """
    records = iter(records)
    first = next(records, None)  # parsers read the file here: fail before writing
    records = itertools.chain([first] if first else [], records)
    report = Report(dry_run=dry_run, run=import_run)
    importer = Importer(mapping, user=user, dry_run=dry_run, publish=publish)
    if import_run is None and not dry_run:
        report.run = ImportRun.objects.create(
            source=mapping.source,
            format=format_name,
            file_name=str(file_name)[:255],
            mapping=mapping.text,
            user=user,
            publish=publish,
            status=ImportRun.RUNNING,
        )
    if not dry_run:
        importer.import_run = report.run
    records = progress(records) if progress else records
    try:
        if dry_run:
            with indexes_deferred():
                for record in records:
                    report.lines.append(importer.import_record(record))
                importer.link_pages_made_later()
        else:
            with invalidated_once_at_the_end(), submissions_held():
                # Search and references are indexed once per page, at the end.
                with indexes_deferred():
                    for record in records:
                        report.lines.append(importer.import_record(record))
                    importer.link_pages_made_later()
                index_pages(
                    [line.page_id for line in report.lines if line.outcome in WRITTEN]
                )
            importer.notify_reviewers()
    except Exception as error:
        if report.run:
            report.run.status, report.run.error = ImportRun.FAILED, str(error)
            report.run.finished_at = timezone.now()
            report.run.save(update_fields=["status", "error", "finished_at"])
        raise
    if report.run:
        report.run.finished_at = timezone.now()
        report.run.status = ImportRun.DONE
        report.run.processed = len(report.lines)
        report.run.counts = report.counts
        report.run.report = [
            {**line.as_dict(), "label": line.label} for line in report.lines
        ]
        report.run.save(
            update_fields=[
                "finished_at",
                "status",
                "processed",
                "counts",
                "report",
            ]
        )
    return report


class Importer:
    def __init__(self, mapping, *, user=None, dry_run=False, publish=False):
        self.mapping = mapping
        self.user = user
        self.dry_run = dry_run
        self.publish = publish
        self.import_run = None
        self.locale = Locale.get_default()
        self.categories = {
            category.slug: category
            for category in Category.objects.filter(
                locale=self.locale, slug__in=set(mapping.category_map.values())
            )
        }
        self.indexes = {}
        self.seen = set()
        self.pages_by_source_id = None  # see record_pages()
        self.waiting = []  # WaitingLinks of the records imported so far
        self.submitted = []  # (page, task state) submitted to moderation

    def import_record(self, record):
        line = ReportLine(record.source_id, record.label, ERROR)
        waiting_before = len(self.waiting)
        try:
            with transaction.atomic():
                self.apply(record, line)
                if self.dry_run:
                    transaction.set_rollback(True)
        except RecordError as error:
            line.outcome, line.message = ERROR, str(error)
        except ValidationError as error:
            line.outcome, line.message = ERROR, validation_message(error)
        except Exception as error:  # one record must not stop the rest
            logger.exception("Import of %s failed", record.label)
            line.outcome = ERROR
            line.message = gettext("Unexpected error: %(error)s") % {"error": error}
        if line.outcome == ERROR:
            del self.waiting[waiting_before:]  # rolled back with the record
        elif line.page_id:
            # Later records link to it at once (a dry run's page id is rolled back
            # too, but only ever written in rolled-back records).
            self.record_pages()[record.source_id] = line.page_id
        warnings, line.warnings = [*record.warnings, *line.warnings], []
        for warning in warnings:
            line.warn(warning)
        return line

    def apply(self, record, line):
        if record.error:
            raise RecordError(record.error)
        if not record.source_id:
            raise RecordError(gettext("The record has no identifier."))
        if record.source_id in self.seen:
            raise RecordError(gettext("An earlier record has the same identifier."))
        self.seen.add(record.source_id)
        type_name = self.mapping.page_type_for(record.fields)
        if type_name is None:
            # Left out on purpose, like a wiki's user pages: not an error.
            line.outcome = SKIPPED
            line.message = gettext("No page type for this record in the mapping.")
            return
        model = WIKI_PAGE_TYPES[type_name]
        versions = record.revisions or [RecordRevision(None, fields=record.fields)]
        planned = [self.page_values(version.fields, model) for version in versions]
        line.warnings = planned[-1].warnings
        line.title = planned[-1].values["title"]
        data_hash = hash_values(type_name, planned)

        known = (
            ImportedRecord.objects.select_for_update()
            .filter(source=self.mapping.source, source_id=record.source_id)
            .first()
        )
        if known is None:
            page = self.create_page(model, versions, planned, line)
            known = ImportedRecord(
                source=self.mapping.source, source_id=record.source_id
            )
            line.outcome = CREATED
        elif known.page_id is None:
            line.outcome = SKIPPED
            line.message = gettext("Its page was deleted in the atlas: not recreated.")
            return
        elif known.data_hash == data_hash:
            line.outcome, line.page_id = UNCHANGED, known.page_id
            line.message = gettext("Same data as at the last import.")
            return
        else:
            page = known.page.specific
            line.page_id = page.pk
            if not isinstance(page, model):
                line.outcome = SKIPPED
                line.message = gettext(
                    "The page is a %(page)s, the mapping now makes a %(mapped)s."
                ) % {
                    "page": page._meta.verbose_name,
                    "mapped": model._meta.verbose_name,
                }
                return
            if page.latest_revision_id != known.imported_revision_id:
                line.outcome = CONFLICT
                line.message = gettext(
                    "Changed in the atlas since the last import: not overwritten."
                )
                return
            page = self.update_page(page, versions, planned, line)
            line.outcome = UPDATED
        line.page_id = page.pk
        known.page = page
        known.imported_revision_id = page.latest_revision_id
        known.data_hash = data_hash
        known.run = self.import_run
        known.save()

    # Pages

    def index_for(self, model):
        if model not in self.indexes:
            index_model = next(
                m for m in WikiIndexPage.__subclasses__() if m.child_model is model
            )
            self.indexes[model] = index_model.objects.filter(locale=self.locale).first()
        if self.indexes[model] is None:
            raise RecordError(
                gettext("There is no index page for %(type)s in the default language.")
                % {"type": model._meta.verbose_name_plural}
            )
        return self.indexes[model]

    def create_page(self, model, versions, planned, line):
        parent = self.index_for(model)
        first = planned[0]
        slug = slugify(first.values["title"], allow_unicode=True)[:200] or "page"
        page = model(
            slug=find_available_slug(parent, slug),
            locale=self.locale,
            live=False,
            owner=self.user,
        )
        self.write(first, page)
        parent.add_child(instance=page)
        self.save_revisions(page, versions, planned, line)
        return page

    def update_page(self, page, versions, planned, line):
        page = page.get_latest_revision_as_object()
        if len(versions) > 1:
            # Only the revisions the last import did not bring: those newer than it.
            last = Revision.objects.get(pk=page.latest_revision_id).created_at
            kept = [
                (version, plan)
                for version, plan in zip(versions, planned, strict=True)
                if version.timestamp is None or version.timestamp > last
            ] or [(versions[-1], planned[-1])]
            versions, planned = [v for v, _p in kept], [p for _v, p in kept]
        self.save_revisions(page, versions, planned, line)
        return page

    def save_revisions(self, page, versions, planned, line):
        waiting = WaitingLinks(line, page)
        last = len(versions) - 1
        for number, (version, plan) in enumerate(zip(versions, planned, strict=True)):
            refs = self.write(plan, page)
            # Older versions are history, kept as the source had them; only the
            # latest must be valid, to be reviewed and published.
            revision = page.save_revision(
                user=self.user, log_action=True, clean=number == last
            )
            if refs:
                waiting.refs.update(refs)
                waiting.revision_ids.append(revision.pk)
            RevisionNote.objects.create(
                revision=revision, note=self.change_note(version)
            )
            if version.timestamp:
                Revision.objects.filter(pk=revision.pk).update(
                    created_at=version.timestamp
                )
            if self.publish and not self.dry_run:
                revision.publish(user=self.user)
        if waiting.refs:
            self.waiting.append(waiting)
        if not self.publish and not self.dry_run:
            self.submit_for_review(page)

    def write(self, plan, page):
        """Write a plan's values on the page; the import links still waiting."""
        plan.write(page)
        page.body, refs = resolve_import_links(plan.values["body"], self.page_for)
        return refs

    # Links between the records of an import

    def record_pages(self):
        """{source id: page id} of this source's records that have a page."""
        if self.pages_by_source_id is None:
            self.pages_by_source_id = dict(
                ImportedRecord.objects.filter(
                    source=self.mapping.source, page__isnull=False
                ).values_list("source_id", "page_id")
            )
        return self.pages_by_source_id

    def page_for(self, source_id):
        return self.record_pages().get(source_id)

    def link_pages_made_later(self):
        """Turn the links that waited for a later record into page links.

        The revisions this import saved are completed in place, so the history
        reads as if the link had always been there. Links to records that got no
        page (an error, a skip) become their text, and their record says so.
        """
        for waiting in self.waiting:
            missing = [
                text for ref, text in waiting.refs.items() if not self.page_for(ref)
            ]
            if missing:
                waiting.line.warn(
                    gettext("links kept as text, their pages were not imported: %s")
                    % ", ".join(dict.fromkeys(missing))
                )
            if not self.dry_run:
                with transaction.atomic():
                    self.relink(waiting)

    def relink(self, waiting):
        def resolved(body):
            return resolve_import_links(body, self.page_for, final=True)[0]

        for revision in Revision.objects.filter(pk__in=waiting.revision_ids):
            # A revision stores a StreamField's content as JSON text.
            body = json.loads(revision.content["body"])
            revision.content["body"] = json.dumps(resolved(body))
            revision.save(update_fields=["content"])
        page = type(waiting.page).objects.get(pk=waiting.page.pk)
        raw_body = page.body.get_prep_value()
        page.body = resolved(raw_body)
        if page.body.get_prep_value() != raw_body:
            # Indexed with the other imported pages at the end of the run.
            page.save(update_fields=["body"], clean=False)

    def submit_for_review(self, page):
        """Submit the latest revision to the page's workflow ("Relecture")."""
        workflow = page.get_workflow()
        if workflow is None:
            return  # no workflow configured: the page stays a draft
        in_progress = WorkflowState.objects.for_instance(page).filter(
            status=WorkflowState.STATUS_IN_PROGRESS
        )
        for state in in_progress:
            # The moderators would approve an outdated revision: start again.
            state.cancel(user=self.user)
        workflow_state = workflow.start(page, self.user)
        # Wagtail's own email per page is held: notify_reviewers() sums them up.
        self.submitted.append((page, workflow_state.current_task_state))

    def notify_reviewers(self):
        """One email to the reviewers for every page this import submitted."""
        if self.submitted:
            _page, task_state = self.submitted[0]
            notify_reviewers(
                task_state,
                pages=[page for page, _task_state in self.submitted],
                source=self.mapping.source,
                import_run=self.import_run,
                user=self.user,
            )

    def change_note(self, version):
        note = gettext("Imported from %(source)s") % {"source": self.mapping.source}
        details = " — ".join(filter(None, [version.note, version.author]))
        if details:
            note = f"{details} ({note})"
        return Truncator(note).chars(CHANGE_NOTE_MAX_LENGTH)

    # Values

    def page_values(self, source, model):
        """What the mapping makes of a record's fields for a page of `model`."""
        mapping = self.mapping
        plan = PlannedPage()
        model_fields = importable_fields(model)
        for name, value in mapping.defaults.items():
            if name in model_fields:
                plan.values[name] = convert(model_fields[name], value, name)
        for name, source_field in mapping.fields.items():
            value = source.get(source_field)
            if name in ("title", "summary", "body"):
                continue
            if name in model_fields and not is_empty(value):
                plan.values[name] = convert(model_fields[name], value, name)

        title = plain_text(source.get(mapping.fields["title"]))
        if not title:
            raise RecordError(gettext("The record has no title."))
        plan.values["title"] = Truncator(title).chars(255)
        plan.values["draft_title"] = plan.values["title"]
        body = source.get(mapping.fields.get("body", ""))
        if is_blocks(body):
            # Blocks a parser converted from markup (MediaWiki): used as they are.
            plan.values["body"] = body
            body_text = first_paragraph_text(body)
        else:
            body_text = text_value(body)
            plan.values["body"] = paragraphs(body_text)
        summary_text = text_value(source.get(mapping.fields.get("summary", "")))
        summary = plain_text(summary_text or body_text)
        plan.values["summary"] = Truncator(summary).chars(SUMMARY_MAX_LENGTH) or title

        if mapping.category_field:
            values = source.get(mapping.category_field)
            values = values if isinstance(values, list) else [values]
            slugs, unmapped = [], []
            for value in values:
                if is_empty(value):
                    continue
                slug = mapping.category_map.get(str(value).strip())
                if slug is None:
                    unmapped.append(str(value))
                elif slug not in slugs:
                    slugs.append(slug)
            plan.categories = [self.categories[slug] for slug in slugs]
            if unmapped and not slugs:
                plan.warnings.append(
                    gettext("No category for: %(values)s")
                    % {"values": ", ".join(unmapped)}
                )
        return plan


@dataclass
class WaitingLinks:
    """Import links of a record's revisions to records that had no page yet."""

    line: ReportLine
    page: object
    refs: dict = field(default_factory=dict)  # source id: the link's text
    revision_ids: list = field(default_factory=list)


def resolve_import_links(value, page_for, *, final=False):
    """`value` (raw blocks) with its import links made page links where `page_for`
    (source id → page id or None) knows the page; returns the value and the links
    still waiting, {source id: text}. With `final`, those become their text."""
    waiting = {}

    def replace(match):
        ref, text = html.unescape(match[1]), match[2]
        page_id = page_for(ref)
        if page_id:
            return f'<a linktype="page" id="{int(page_id)}">{text}</a>'
        waiting[ref] = plain_text(text)
        return text if final else match[0]

    def walk(item):
        if isinstance(item, str):
            return IMPORT_LINK.sub(replace, item) if "data-import-ref" in item else item
        if isinstance(item, list):
            return [walk(part) for part in item]
        if isinstance(item, dict):
            return {key: walk(part) for key, part in item.items()}
        return item

    return walk(value), waiting


@dataclass
class PlannedPage:
    values: dict = field(default_factory=dict)
    categories: list = field(default_factory=list)
    warnings: list = field(default_factory=list)

    def write(self, page):
        for name, value in self.values.items():
            setattr(page, name, value)
        page.categories = self.categories

    def fingerprint(self):
        values = dict(self.values)
        values["categories"] = sorted(category.slug for category in self.categories)
        return values


def hash_values(type_name, planned):
    data = [type_name, [plan.fingerprint() for plan in planned]]
    text = json.dumps(data, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


def is_empty(value):
    return value is None or value == "" or value == []


def is_blocks(value):
    """A body given as raw StreamField blocks rather than as text."""
    return (
        isinstance(value, list)
        and bool(value)
        and all(isinstance(item, dict) and "type" in item for item in value)
    )


def first_paragraph_text(blocks):
    for block in blocks:
        if block["type"] == "paragraph":
            return block["value"]
    return ""


def text_value(value):
    if isinstance(value, list):
        return "\n\n".join(str(item) for item in value)
    return "" if value is None else str(value)


def plain_text(value):
    """One line of text, tags removed: for titles and summaries."""
    text = html.unescape(strip_tags(text_value(value)))
    return re.sub(r"\s+", " ", text).strip()


def paragraphs(text):
    """Source text as a paragraph block: a <p> per paragraph, <br/> per line.

    Markup in the source is dropped, not trusted: the text is escaped.
    """
    text = re.sub(r"<br\s*/?>|</p>", "\n", text, flags=re.IGNORECASE)
    text = html.unescape(strip_tags(text)).replace("\r\n", "\n")
    html_paragraphs = [
        "<p>"
        + "<br/>".join(html.escape(line.strip()) for line in chunk.splitlines())
        + "</p>"
        for chunk in re.split(r"\n\s*\n", text)
        if chunk.strip()
    ]
    if not html_paragraphs:
        return []
    return [{"type": "paragraph", "value": "".join(html_paragraphs)}]


def convert(model_field, value, name):
    """A source value as the page field wants it; RecordError when it cannot be."""
    try:
        if isinstance(model_field, FuzzyDateField):
            text = str(value).strip()
            # "2021-03-04 10:22:00" or "2021-03-04T10:22:00Z": the day is enough.
            match = re.match(r"\d{4}-\d{2}-\d{2}(?=[ T])", text)
            return FuzzyDate.from_string(match.group() if match else text)
        if isinstance(model_field, models.FloatField):
            return float(str(value).strip().replace(",", "."))
        if isinstance(model_field, models.IntegerField):
            return int(str(value).strip())
        if isinstance(model_field, models.BooleanField):
            return str(value).strip().lower() in ("1", "true", "yes", "oui")
        if isinstance(model_field, models.URLField):
            text = str(value).strip()
            if text and "://" not in text:
                text = "https://" + text  # "www.example.org", as people type it
            return text
        if isinstance(value, list):
            return ", ".join(str(item) for item in value)
        return str(value).strip()
    except (TypeError, ValueError, ValidationError):
        raise RecordError(
            gettext("“%(value)s” is not a valid %(field)s.")
            % {"value": value, "field": model_field.verbose_name}
        ) from None


def validation_message(error):
    if hasattr(error, "message_dict"):
        return "; ".join(
            f"{name}: {' '.join(messages)}"
            for name, messages in error.message_dict.items()
        )
    return " ".join(error.messages)


__all__ = [
    "ImportFileError",
    "Record",
    "RecordRevision",
    "import_file",
    "imported_page",
    "run",
]
