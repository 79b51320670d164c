"""What a chronology entry is about, and what its date means."""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class ChronologyKind(models.TextChoices):
    """The kind of thing an entry dates; the chronology filters on it."""

    EVENT = "event", _("Event")
    TEXT = "text", _("Text")
    CONCEPT = "concept", _("Concept")
    COMMONS = "commons", pgettext_lazy("one commons", "Commons")
    CHAMBER = "chamber", _("Chamber of commons")
    ACTOR = "actor", _("Actor")
    MILESTONE = "milestone", _("Milestone")


class DateRole(models.TextChoices):
    """What a page's own date says about it; timeline entries are just entries."""

    FOUNDED = "founded", _("Founded")
    ENDED = "ended", _("Ended")
    HELD = "held", _("Held")
    DATED = "dated", _("Dated")
    ORIGIN = "origin", _("First appearance")
    ENTRY = "entry", _("Timeline entry")


@dataclass(frozen=True)
class PageDate:
    """A page model's own dated field, as its `chronology_dates` declares it.

    `end_field` names the field that closes the period, for an event that lasts.
    """

    field: str
    role: DateRole
    end_field: str | None = None
