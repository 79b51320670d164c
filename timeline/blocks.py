"""StreamField blocks for timelines and chronology views."""

from django.core.exceptions import ValidationError
from django.utils.dates import MONTHS
from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from timeline.fuzzy_date import FuzzyDate

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
