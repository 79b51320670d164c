"""What every parser yields: records in one shape, whatever the source format.

A parser is a callable `parse(file, mapping)` taking a binary file object and the
import's Mapping, yielding Record objects (see importers/registry.py). It reads and
normalises the source (coordinates, addresses, lists) but chooses nothing: which page
type a record becomes and which field feeds which is the mapping's work.
"""

import html
import re
from dataclasses import dataclass, field
from datetime import datetime

from django.utils.translation import gettext

# A link, in a record's rich text, to the page made from another record of the same
# source. Parsers write it with import_link(); the runner turns it into a page link
# once that record has its page, even when it comes later in the file.
IMPORT_LINK = re.compile(r'<a data-import-ref="([^"]*)">(.*?)</a>', re.DOTALL)


def import_link(source_id, text_html):
    """A link to the record `source_id` of this import, around some inline HTML."""
    return f'<a data-import-ref="{html.escape(str(source_id))}">{text_html}</a>'


class ImportFileError(Exception):
    """The whole file cannot be read (not JSON, not a FeatureCollection…)."""


@dataclass
class RecordRevision:
    """One version of a record, for sources that keep their history (MediaWiki).

    `fields` holds the record's fields as they were in this version; the runner saves
    one page revision per RecordRevision, oldest first, dated `timestamp`, with
    `author` (a display name, no account needed) and `note` in its change note.
    """

    timestamp: datetime | None
    author: str = ""
    note: str = ""
    fields: dict = field(default_factory=dict)


@dataclass
class Record:
    """One source entry: an element, a feature, a row, a Bazar fiche, a wiki page.

    `source_id` is the entry's id in its source (stable across exports: re-runs
    update the page made from it). `fields` are its latest values, keyed by source
    field names; `revisions` its history, oldest first, or None when the source
    has none (the record is then one implicit revision). A field the mapping
    makes the body may hold text (plain paragraphs, markup dropped) or a list of
    blocks of pages.blocks.ArticleBodyBlock in their raw form (`{"type": …,
    "value": …}`, as a StreamField stores them), used as they are.
    `line` is where the record starts in the file, for reports. `warnings` are
    problems that did not stop the record (a line geometry without a point, say),
    shown in the report; `error` why the record cannot be imported at all (an entry
    that is not an object, unreadable data), reported as an error.
    """

    source_id: str
    fields: dict
    revisions: list[RecordRevision] | None = None
    line: int | None = None
    warnings: list[str] = field(default_factory=list)
    error: str = ""

    @property
    def label(self):
        """How the report names the record: its id, and its line when known."""
        if self.line is not None:
            return gettext("%(id)s (line %(line)s)") % {
                "id": self.source_id,
                "line": self.line,
            }
        return self.source_id
