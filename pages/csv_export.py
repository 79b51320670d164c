"""An index page's list as CSV: one row per page, safe to open in a spreadsheet."""

import csv
import io

from wagtail.models import Page

from pages.visibility import is_public
from timeline.fuzzy_date import FuzzyDate

# The columns every export starts with; each page type adds its `csv_columns`.
SHARED_COLUMNS = ["title", "url", "summary", "categories", "tags"]
# Several values in one cell (tags, organisers…).
LIST_SEPARATOR = "; "
# A spreadsheet runs a cell that starts with one of these as a formula (CSV
# injection, https://owasp.org/www-community/attacks/CSV_Injection).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def formula_safe(text):
    """The text, with a leading apostrophe when a spreadsheet would run it."""
    return f"'{text}" if text.startswith(FORMULA_TRIGGERS) else text


def cell_text(value):
    """A page attribute as plain text: dates in EDTF, linked pages by their title."""
    if value is None:
        return ""
    if isinstance(value, FuzzyDate):
        return value.isoformat()
    if isinstance(value, Page):
        return value.title if is_public(value) else ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return LIST_SEPARATOR.join(filter(None, (cell_text(item) for item in value)))
    return str(value)


def shared_cells(page, request):
    return [
        page.title,
        page.get_full_url(request),
        page.summary,
        page.category_slugs,
        page.tag_names,
    ]


def pages_csv(pages, model, request):
    """The CSV text of these pages of one type, header row first."""
    output = io.StringIO()
    writer = csv.writer(output)
    writer.writerow([*SHARED_COLUMNS, *model.csv_columns])
    for page in pages:
        values = shared_cells(page, request) + [
            getattr(page, column) for column in model.csv_columns
        ]
        writer.writerow([formula_safe(cell_text(value)) for value in values])
    return output.getvalue()
