"""The wiki's content page types by the short names used in URLs and filters."""

from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from pages.models import (
    ActorPage,
    ChamberPage,
    CommonsPage,
    ConceptPage,
    EventPage,
    TextPage,
)

WIKI_PAGE_TYPES = {
    "commons": CommonsPage,
    "chamber": ChamberPage,
    "actor": ActorPage,
    "concept": ConceptPage,
    "event": EventPage,
    "text": TextPage,
}


def wiki_type_choices():
    """A filter's choices: all types, then (short name, plural label) of each."""
    return [("", _("All"))] + [
        (name, capfirst(model._meta.verbose_name_plural))
        for name, model in WIKI_PAGE_TYPES.items()
    ]
