"""The chronology read-model: what each live page contributes, and keeping it true.

Each live page has one `ChronologyEntry` per dated thing it holds: its own dates
(declared by its model's `chronology_dates`) and every entry of the timeline blocks
in its StreamFields. `sync_page` rewrites a page's rows when it is published, so the
chronology page only reads rows and never parses StreamField JSON.
"""

import html
from dataclasses import dataclass

from django.utils.html import strip_tags
from django.utils.text import Truncator
from wagtail.fields import StreamField
from wagtail.models import Page

from timeline.blocks import TimelineBlock
from timeline.choices import ChronologyKind, DateRole
from timeline.models import ChronologyEntry

SUMMARY_LENGTH = 300
# The row fields `sync_page` compares to decide whether an entry changed.
COMPARED_FIELDS = (
    "locale_id",
    "kind",
    "role",
    "date",
    "end_date",
    "year",
    "end_year",
    "title",
    "summary",
    "link_page_id",
    "link_url",
)


@dataclass
class SyncReport:
    created: int = 0
    updated: int = 0
    deleted: int = 0

    def __add__(self, other):
        return SyncReport(
            self.created + other.created,
            self.updated + other.updated,
            self.deleted + other.deleted,
        )

    @property
    def changed(self):
        return bool(self.created or self.updated or self.deleted)

    def __str__(self):
        return f"{self.created} created, {self.updated} updated, {self.deleted} deleted"


def plain_text(rich_text, length=SUMMARY_LENGTH):
    """Rich text as one line of plain text, cut at `length` characters."""
    text = html.unescape(strip_tags(str(getattr(rich_text, "source", rich_text))))
    return Truncator(" ".join(text.split())).chars(length)


def timeline_entries(page):
    """(key, entry value) for every entry of the timeline blocks in the page's streams.

    The key is the block's id and the entry's position: block ids stay the same
    across revisions and translations, so an edited entry updates its row rather
    than replacing it. (List items' own ids are not used: items saved in the older
    list format get new ones each time they are read.)
    """
    for field in page._meta.concrete_fields:
        if not isinstance(field, StreamField):
            continue
        for child in getattr(page, field.attname) or []:
            if isinstance(child.block, TimelineBlock):
                for position, item in enumerate(child.value["entries"]):
                    yield f"entry:{child.id}:{position}", item


def dated_rows(page):
    """The chronology rows a live page should have, as {key: field values}."""
    rows = {}
    own_kind = getattr(page, "chronology_kind", ChronologyKind.MILESTONE)
    for declared in getattr(page, "chronology_dates", ()):
        start = getattr(page, declared.field)
        if start is None:
            continue
        end = getattr(page, declared.end_field) if declared.end_field else None
        rows[f"field:{declared.field}"] = {
            "kind": own_kind,
            "role": declared.role,
            "date": start,
            "end_date": end,
            "title": page.title,
            "summary": getattr(page, "summary", "") or page.search_description,
            "link_page_id": None,
            "link_url": "",
        }
    for key, entry in timeline_entries(page):
        linked = entry.get("page")
        rows[key] = {
            "kind": entry["kind"],
            "role": DateRole.ENTRY,
            "date": entry.start,
            "end_date": entry.end,
            "title": entry["title"],
            "summary": plain_text(entry["description"] or ""),
            "link_page_id": linked.pk if linked else None,
            "link_url": entry.get("url") or "",
        }
    for row in rows.values():
        row["locale_id"] = page.locale_id
        row["year"] = row["date"].year
        row["end_year"] = (row["end_date"] or row["date"]).year
    return rows


def category_ids(page):
    categories = getattr(page, "categories", None)
    return sorted(categories.values_list("pk", flat=True)) if categories else []


def sync_page(page):
    """Make the page's chronology rows match the page as published now."""
    if not page.live:
        return remove_page(page)
    page = page.specific
    wanted = dated_rows(page)
    wanted_categories = category_ids(page)
    existing = {
        entry.key: entry
        for entry in ChronologyEntry.objects.filter(page=page).prefetch_related(
            "categories"
        )
    }
    report = SyncReport()
    for key, values in wanted.items():
        entry = existing.pop(key, None)
        if entry is None:
            entry = ChronologyEntry.objects.create(page=page, key=key, **values)
            entry.categories.set(wanted_categories)
            report.created += 1
            continue
        changed = any(getattr(entry, name) != values[name] for name in COMPARED_FIELDS)
        if changed:
            for name, value in values.items():
                setattr(entry, name, value)
            entry.save()
        if sorted(c.pk for c in entry.categories.all()) != wanted_categories:
            entry.categories.set(wanted_categories)
            changed = True
        report.updated += changed
    if existing:
        report.deleted += (
            ChronologyEntry.objects.filter(
                pk__in=[entry.pk for entry in existing.values()]
            )
            .delete()[1]
            .get(ChronologyEntry._meta.label, 0)
        )
    return report


def remove_page(page):
    """Take a page that is no longer live out of the chronology."""
    deleted = ChronologyEntry.objects.filter(page=page).delete()[1]
    return SyncReport(deleted=deleted.get(ChronologyEntry._meta.label, 0))


def rebuild(progress=lambda pages, total: pages):
    """Sync every live page and drop the rows of pages that are not live any more.

    `progress` wraps the page iterator, e.g. with a tqdm bar.
    """
    report = SyncReport()
    stale = ChronologyEntry.objects.exclude(page__live=True).delete()[1]
    report.deleted += stale.get(ChronologyEntry._meta.label, 0)
    pages = Page.objects.live().specific().order_by("path")
    for page in progress(pages.iterator(chunk_size=200), pages.count()):
        report += sync_page(page)
    return report
