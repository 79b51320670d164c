"""Choice lists shared by page types and their filters."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    PROJECT = "project", _("In project")
    ACTIVE = "active", _("Active")
    ENDED = "ended", _("Ended")


class TerritorialScale(models.TextChoices):
    NEIGHBOURHOOD = "neighbourhood", _("Neighbourhood")
    COMMUNE = "commune", _("Commune")
    INTERCOMMUNAL = "intercommunal", _("Group of communes")
    DEPARTEMENT = "departement", _("Département")
    REGION = "region", _("Région")
    NATIONAL = "national", _("National")
    INTERNATIONAL = "international", _("International")


class ActorKind(models.TextChoices):
    ASSOCIATION = "association", _("Association")
    COOPERATIVE = "cooperative", _("Cooperative")
    COMPANY = "company", _("Company")
    LOCAL_AUTHORITY = "local_authority", _("Local authority")
    PUBLIC_BODY = "public_body", _("Public body")
    NETWORK = "network", _("Network")
    RESEARCH = "research", _("Research group")
    FOUNDATION = "foundation", _("Foundation")
    COLLECTIVE = "collective", _("Informal collective")
    OTHER = "other", _("Other")


class EventKind(models.TextChoices):
    COLLOQUIUM = "colloquium", _("Colloquium")
    FESTIVAL = "festival", _("Festival")
    FORUM = "forum", _("Forum")
    MEETING = "meeting", _("Meeting")
    RESIDENCY = "residency", _("Residency")
    WORKSHOP = "workshop", _("Workshop")
    OTHER = "other", _("Other")


class TextKind(models.TextChoices):
    MANIFESTO = "manifesto", _("Manifesto")
    COLLECTIVE_TEXT = "collective_text", _("Collective text")
    LAW = "law", _("Law")
    CHARTER = "charter", _("Charter")
    REPORT = "report", _("Report")
    BOOK = "book", _("Book")
    LICENCE = "licence", _("Licence")
    ARTICLE = "article", _("Article")
    OTHER = "other", _("Other")


class LineageKind(models.TextChoices):
    """How one text descends from another; each has its reading from the other end."""

    INSPIRED_BY = "inspired_by", _("inspired by")
    RESPONDS_TO = "responds_to", _("responds to")
    AMENDS = "amends", _("amends")
    IMPLEMENTS = "implements", _("implements")
    CITES = "cites", _("cites")
    SUCCEEDS = "succeeds", _("succeeds")


LINEAGE_INVERSE_LABELS = {
    LineageKind.INSPIRED_BY: _("inspired"),
    LineageKind.RESPONDS_TO: _("answered by"),
    LineageKind.AMENDS: _("amended by"),
    LineageKind.IMPLEMENTS: _("implemented by"),
    LineageKind.CITES: _("cited by"),
    LineageKind.SUCCEEDS: _("succeeded by"),
}


class ConceptRelationKind(models.TextChoices):
    BROADER = "broader", _("broader concept")
    RELATED = "related", _("related concept")
