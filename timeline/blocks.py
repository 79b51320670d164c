"""StreamField blocks for timelines and chronology views."""

from django.core.exceptions import ValidationError
from django.utils.dates import MONTHS
from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from pages.visibility import is_public
from timeline.choices import ChronologyKind
from timeline.fuzzy_date import FuzzyDate

# A timeline entry's description: short, with links, no structure of its own.
DESCRIPTION_FEATURES = ["bold", "italic", "link", "document-link"]

# The child block each FuzzyDate validation error belongs to, by error code.
CHILD_BLOCK_FOR_ERROR = {
    "invalid_year": "year",
    "invalid_month": "month",
    "day_without_month": "day",
    "invalid_day": "day",
}


def fuzzy_date_from_parts(parts):
    """The FuzzyDate that a block value's parts describe, or None without a year."""
    if parts.get("year") is None:
        return None
    return FuzzyDate(
        year=parts["year"],
        # A blank month choice is "", not None.
        month=parts.get("month") or None,
        day=parts.get("day"),
        circa=bool(parts.get("circa")),
    )


class FuzzyDateValue(blocks.StructValue):
    """A `FuzzyDateBlock` value, read as a `FuzzyDate` and displayed localised."""

    @property
    def fuzzy_date(self):
        return fuzzy_date_from_parts(self)

    @property
    def display(self):
        """The date in the active language, such as "juillet 2014"; "" without one."""
        fuzzy_date = self.fuzzy_date
        return "" if fuzzy_date is None else fuzzy_date.format()

    def __str__(self):
        return self.display


class FuzzyDateBlock(blocks.StructBlock):
    """A date known to the year, the month or the day, optionally "circa"."""

    year = blocks.IntegerBlock(label=_("Year"), min_value=1, max_value=9999)
    month = blocks.ChoiceBlock(
        label=_("Month"), choices=list(MONTHS.items()), required=False
    )
    day = blocks.IntegerBlock(label=_("Day"), min_value=1, max_value=31, required=False)
    circa = blocks.BooleanBlock(
        label=_("circa"),
        required=False,
        help_text=_("Tick when the date is approximate."),
    )

    def clean(self, value):
        value = super().clean(value)
        if value.get("year") is None and (
            value.get("month") or value.get("day") or value.get("circa")
        ):
            raise blocks.StructBlockValidationError(
                block_errors={
                    "year": ValidationError(
                        _("Give the year, or leave the date empty.")
                    )
                }
            )
        try:
            fuzzy_date_from_parts(value)
        except ValidationError as error:
            raise blocks.StructBlockValidationError(
                block_errors={CHILD_BLOCK_FOR_ERROR[error.code]: error}
            ) from error
        return value

    class Meta:
        icon = "date"
        label = _("Date")
        description = _(
            "A date known to the year, the month or the day, optionally approximate."
        )
        template = "timeline/blocks/fuzzy_date_block.html"
        value_class = FuzzyDateValue
        preview_value = {"year": 2014, "month": 7, "day": None, "circa": False}


class OptionalFuzzyDateBlock(FuzzyDateBlock):
    """A `FuzzyDateBlock` that may be left empty, such as an end date."""

    year = blocks.IntegerBlock(
        label=_("Year"), min_value=1, max_value=9999, required=False
    )

    class Meta:
        required = False
        preview_value = {"year": None, "month": "", "day": None, "circa": False}


class TimelineEntryValue(blocks.StructValue):
    @property
    def start(self):
        return self["date"].fuzzy_date

    @property
    def end(self):
        return self["end_date"].fuzzy_date

    @property
    def link_url(self):
        """The page it links to when that page is live, else its web address."""
        page = self.get("page")
        if is_public(page):
            return page.url
        return self.get("url") or ""

    @property
    def kind_label(self):
        return ChronologyKind(self["kind"]).label


class TimelineEntryBlock(blocks.StructBlock):
    """One dated thing: when, what, and where to read more."""

    date = FuzzyDateBlock(label=_("Date"))
    end_date = OptionalFuzzyDateBlock(
        label=_("End date"), help_text=_("For something that lasted.")
    )
    title = blocks.CharBlock(label=_("Title"), max_length=255)
    description = blocks.RichTextBlock(
        label=_("Description"), features=DESCRIPTION_FEATURES, required=False
    )
    kind = blocks.ChoiceBlock(
        label=_("Kind"),
        choices=ChronologyKind.choices,
        default=ChronologyKind.MILESTONE,
    )
    page = blocks.PageChooserBlock(
        label=_("Page"), required=False, help_text=_("A page of the atlas about it.")
    )
    url = blocks.URLBlock(
        label=_("Web address"),
        required=False,
        help_text=_("Or a page elsewhere, when the atlas has none."),
    )

    def clean(self, value):
        value = super().clean(value)
        errors = {}
        start, end = value["date"].fuzzy_date, value["end_date"].fuzzy_date
        if start and end and end.latest() < start.earliest():
            errors["end_date"] = ValidationError(
                _("The end date comes before the date.")
            )
        if value.get("page") and value.get("url"):
            errors["url"] = ValidationError(
                _("Link to a page of the atlas or to a web address, not both.")
            )
        if errors:
            raise blocks.StructBlockValidationError(block_errors=errors)
        return value

    class Meta:
        icon = "date"
        label = _("Timeline entry")
        template = "timeline/blocks/timeline_entry_block.html"
        value_class = TimelineEntryValue


class TimelineValue(blocks.StructValue):
    @property
    def sorted_entries(self):
        """The entries by date, whatever order the editor typed them in."""
        return sorted(self["entries"], key=lambda entry: entry.start.sort_key)


class TimelineBlock(blocks.StructBlock):
    """A titled series of dated entries, shown as a vertical timeline.

    Every entry also goes into the chronology of the page's locale.
    """

    heading = blocks.CharBlock(label=_("Heading"), required=False)
    intro = blocks.RichTextBlock(
        label=_("Introduction"), features=DESCRIPTION_FEATURES, required=False
    )
    entries = blocks.ListBlock(TimelineEntryBlock(), min_num=1, label=_("Entries"))

    class Meta:
        icon = "time"
        label = _("Timeline")
        description = _("Dated entries shown in order, on a vertical line.")
        template = "timeline/blocks/timeline_block.html"
        preview_template = "pages/includes/block_preview.html"
        value_class = TimelineValue
        preview_value = {
            "heading": _("Milestones"),
            "intro": "",
            "entries": [
                {
                    "date": {"year": 2014, "month": 7, "day": 31, "circa": False},
                    "end_date": {"year": None, "month": "", "day": None},
                    "title": _("A law on the social and solidarity economy"),
                    "kind": ChronologyKind.TEXT,
                },
                {
                    "date": {"year": 2016, "month": "", "day": None, "circa": True},
                    "end_date": {"year": None, "month": "", "day": None},
                    "title": _("The first assembly of the commons"),
                    "kind": ChronologyKind.EVENT,
                },
            ],
        }
