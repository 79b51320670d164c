"""A date known only to the year, the month or the day, and perhaps only roughly."""

import calendar
import datetime
import re
from dataclasses import dataclass
from functools import total_ordering

from django.core.exceptions import ValidationError
from django.utils.dates import MONTHS
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

# "YYYY-MM-DD", with 00 for an unknown month or day and a trailing "~" when circa.
# Fixed widths make these strings sort like `FuzzyDate.sort_key`.
STORAGE_PATTERN = re.compile(r"(\d{4})-(\d{2})-(\d{2})(~?)")

# What people write in data files: "2014", "2014-07", "2014-07-31", with "~", "c. ",
# "circa " or "vers " in front (or an EDTF "~" behind) for an approximate date.
STRING_PATTERN = re.compile(
    r"(?P<circa>~|c\.|circa\s|vers\s)?\s*"
    r"(?P<year>\d{1,4})(?:-(?P<month>\d{1,2})(?:-(?P<day>\d{1,2}))?)?"
    r"(?P<circa_suffix>~)?",
    re.IGNORECASE,
)


@total_ordering
@dataclass(frozen=True)
class FuzzyDate:
    """A year, a month or a day, optionally "circa".

    Dates sort by `sort_key`: a year comes before the months of that year, which
    come before their days, and an approximate date right after the exact one.
    """

    year: int
    month: int | None = None
    day: int | None = None
    circa: bool = False

    def __post_init__(self):
        if not 1 <= self.year <= 9999:
            raise ValidationError(
                _("The year must be between 1 and 9999."), code="invalid_year"
            )
        if self.month is not None and not 1 <= self.month <= 12:
            raise ValidationError(
                _("The month must be between 1 and 12."), code="invalid_month"
            )
        if self.day is None:
            return
        if self.month is None:
            raise ValidationError(_("A day needs a month."), code="day_without_month")
        if not 1 <= self.day <= calendar.monthrange(self.year, self.month)[1]:
            raise ValidationError(
                _("%(month)s %(year)s has no day %(day)s."),
                code="invalid_day",
                params={
                    "month": MONTHS[self.month],
                    "year": self.year,
                    "day": self.day,
                },
            )

    def __lt__(self, other):
        if not isinstance(other, FuzzyDate):
            return NotImplemented
        return self.sort_key < other.sort_key

    def __str__(self):
        return self.format()

    @property
    def sort_key(self):
        return (self.year, self.month or 0, self.day or 0, self.circa)

    @property
    def precision(self):
        """ "year", "month" or "day": the smallest unit this date is known to."""
        if self.day is not None:
            return "day"
        if self.month is not None:
            return "month"
        return "year"

    def earliest(self):
        """The first day this date covers."""
        return datetime.date(self.year, self.month or 1, self.day or 1)

    def latest(self):
        """The last day this date covers."""
        month = self.month or 12
        last_day = calendar.monthrange(self.year, month)[1]
        return datetime.date(self.year, month, self.day or last_day)

    def to_storage(self):
        """The database form, "2014-07-00" or "2009-00-00~", which sorts like dates."""
        circa = "~" if self.circa else ""
        return f"{self.year:04d}-{self.month or 0:02d}-{self.day or 0:02d}{circa}"

    @classmethod
    def from_storage(cls, value):
        """Read back `to_storage()`; raise ValueError on anything else."""
        match = STORAGE_PATTERN.fullmatch(value)
        if match is None:
            raise ValueError(f"{value!r} is not a stored fuzzy date (YYYY-MM-DD[~]).")
        year, month, day, circa = match.groups()
        try:
            return cls(int(year), int(month) or None, int(day) or None, circa == "~")
        except ValidationError as error:
            raise ValueError(f"{value!r}: {' '.join(error.messages)}") from error

    @classmethod
    def from_string(cls, value):
        """Read a date as people write it in data files, such as "c. 2014-07".

        Also takes what YAML makes of an unquoted date: an int or a `datetime.date`.
        """
        text = str(value).strip()
        match = STRING_PATTERN.fullmatch(text)
        if match is None:
            raise ValidationError(
                _(
                    "“%(value)s” is not a date: write a year (2014), a month (2014-07) "
                    "or a day (2014-07-31), with “~” or “circa” in front if it is "
                    "approximate."
                ),
                code="invalid",
                params={"value": text},
            )
        parts = match.groupdict()
        try:
            return cls(
                year=int(parts["year"]),
                month=int(parts["month"]) if parts["month"] else None,
                day=int(parts["day"]) if parts["day"] else None,
                circa=bool(parts["circa"] or parts["circa_suffix"]),
            )
        except ValidationError as error:
            raise ValidationError(
                _("“%(value)s” is not a valid date: %(reason)s"),
                code=error.code,
                params={"value": text, "reason": " ".join(error.messages)},
            ) from error

    def isoformat(self):
        """EDTF: "2014", "2014-07" or "2014-07-31", with "~" when circa."""
        return self.html_datetime + ("~" if self.circa else "")

    @property
    def html_datetime(self):
        """The value of a `<time datetime="...">` attribute: "2014", "2014-07" or a day.

        HTML has no way to say "circa", so the approximation is left to the text.
        """
        if self.day is not None:
            return self.earliest().isoformat()
        if self.month is not None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}"

    def format(self):
        """The date in the active language: "31 juillet 2014", "July 2014", "2009"."""
        if self.day is not None:
            text = date_format(self.earliest(), "DATE_FORMAT")
        elif self.month is not None:
            text = date_format(self.earliest(), "YEAR_MONTH_FORMAT")
        else:
            text = str(self.year)
        if self.circa:
            return gettext("circa %(date)s") % {"date": text}
        return text
