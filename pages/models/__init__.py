"""The wiki's page types, one module per family; import them from here."""

from pages.models.actors import ActorPage
from pages.models.base import PageAuthor, PageTag, RelatedPage, Source, WikiPage
from pages.models.chambers import ChamberMember, ChamberPage, GovernanceGroup
from pages.models.commons import CommonsActor, CommonsPage, KeyFigure, PressArticle
from pages.models.concepts import ConceptPage, ConceptRelation
from pages.models.deleted import DeletedPage
from pages.models.events import EventOrganiser, EventPage
from pages.models.history import RevisionNote
from pages.models.home import HomePage, StandardPage
from pages.models.indexes import (
    ActorsIndexPage,
    ChambersIndexPage,
    CommonsIndexPage,
    ConceptsIndexPage,
    EventsIndexPage,
    TextsIndexPage,
    WikiIndexPage,
)
from pages.models.map_page import MapPage
from pages.models.snippets import Category
from pages.models.texts import TextAuthor, TextLineage, TextPage

__all__ = [
    "ActorPage",
    "ActorsIndexPage",
    "Category",
    "ChamberMember",
    "ChamberPage",
    "ChambersIndexPage",
    "CommonsActor",
    "CommonsIndexPage",
    "CommonsPage",
    "ConceptPage",
    "ConceptRelation",
    "ConceptsIndexPage",
    "DeletedPage",
    "EventOrganiser",
    "EventPage",
    "EventsIndexPage",
    "GovernanceGroup",
    "HomePage",
    "KeyFigure",
    "MapPage",
    "PageAuthor",
    "PageTag",
    "PressArticle",
    "RelatedPage",
    "RevisionNote",
    "Source",
    "StandardPage",
    "TextAuthor",
    "TextLineage",
    "TextPage",
    "TextsIndexPage",
    "WikiIndexPage",
    "WikiPage",
]
