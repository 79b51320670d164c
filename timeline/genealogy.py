"""The genealogy: texts and concepts as graphs, laid out by year for an SVG drawing.

Nodes are the live, public pages of one locale; they sit in one column per year
(undated ones last), so cycles need no special care. A link whose other end is not
published in that locale, or that points to its own page, is left out and counted.
Links copied into a translation may still name the source-language page: each end
is read through its translation key, so they land on the page of this locale.
"""

from dataclasses import dataclass, field
from itertools import groupby

from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from pages.models import ConceptPage, ConceptRelation, TextLineage, TextPage
from pages.models.choices import (
    LINEAGE_INVERSE_LABELS,
    ConceptRelationKind,
    LineageKind,
)

COLUMN_WIDTH = 280
NODE_WIDTH = 170
NODE_HEIGHT = 46
ROW_GAP = 18
TOP = 48
MARGIN = 16
LABEL_LENGTH = 24
# How far a link between two nodes of one column bows out to the right.
SAME_COLUMN_BOW = 50

CONCEPT_INVERSE_LABELS = {
    ConceptRelationKind.BROADER: _("narrower concept"),
    ConceptRelationKind.RELATED: _("related concept"),
}


@dataclass(eq=False)
class Node:
    page: object
    date: object  # a FuzzyDate or None
    kind_label: str
    x: int = 0
    y: int = 0
    links: list = field(default_factory=list)

    @property
    def year(self):
        return self.date.year if self.date else None

    width = NODE_WIDTH
    height = NODE_HEIGHT

    @property
    def text_x(self):
        return self.x + 8

    @property
    def title_y(self):
        return self.y + 19

    @property
    def meta_y(self):
        return self.y + 36

    @property
    def short_title(self):
        return Truncator(self.page.title).chars(LABEL_LENGTH)


@dataclass(eq=False)
class Edge:
    source: Node
    target: Node
    kind: str
    label: str
    inverse_label: str

    @property
    def path(self):
        """An SVG path from the source's side to the target's, as a smooth curve."""
        source, target = self.source, self.target
        y1 = source.y + NODE_HEIGHT // 2
        y2 = target.y + NODE_HEIGHT // 2
        if source.x == target.x:
            x1 = x2 = source.x + NODE_WIDTH
            bow = x1 + SAME_COLUMN_BOW
            return f"M{x1},{y1} C{bow},{y1} {bow},{y2} {x2},{y2}"
        if target.x < source.x:
            x1, x2 = source.x, target.x + NODE_WIDTH
        else:
            x1, x2 = source.x + NODE_WIDTH, target.x
        middle = (x1 + x2) // 2
        return f"M{x1},{y1} C{middle},{y1} {middle},{y2} {x2},{y2}"

    @property
    def label_position(self):
        """The middle of the curve, where its label goes."""
        y = (self.source.y + self.target.y + NODE_HEIGHT) // 2
        if self.source.x == self.target.x:
            return self.source.x + NODE_WIDTH + SAME_COLUMN_BOW * 3 // 4, y
        if self.target.x < self.source.x:
            return (self.source.x + self.target.x + NODE_WIDTH) // 2, y
        return (self.source.x + NODE_WIDTH + self.target.x) // 2, y


@dataclass
class Graph:
    nodes: list
    edges: list
    columns: list  # (year or None, x)
    width: int
    height: int
    left_out: int

    @property
    def edge_kinds(self):
        """(kind, label) of the links drawn, for the legend."""
        seen = {}
        for edge in self.edges:
            seen.setdefault(edge.kind, edge.label)
        return sorted(seen.items())


def build_graph(nodes, links, labels, inverse_labels):
    """Lay nodes out by year and join them with the links that can be drawn.

    `links` are (source page id, kind, target translation key) triples.
    """
    nodes = sorted(nodes, key=lambda n: (n.year is None, n.year or 0, n.page.title))
    by_id = {node.page.pk: node for node in nodes}
    by_key = {node.page.translation_key: node for node in nodes}
    edges, seen, left_out = [], set(), 0
    for source_id, kind, target_key in links:
        source, target = by_id.get(source_id), by_key.get(target_key)
        if source is None or target is None or source is target:
            left_out += 1
            continue
        if (source, target, kind) in seen:
            continue
        seen.add((source, target, kind))
        edge = Edge(source, target, kind, labels[kind], inverse_labels[kind])
        edges.append(edge)
        source.links.append((edge.label, target))
        target.links.append((edge.inverse_label, source))

    columns, tallest = [], 0
    for column, (year, group) in enumerate(groupby(nodes, key=lambda n: n.year)):
        x = MARGIN + column * COLUMN_WIDTH
        columns.append((year, x))
        for row, node in enumerate(group):
            node.x, node.y = x, TOP + row * (NODE_HEIGHT + ROW_GAP)
            tallest = max(tallest, row + 1)
    return Graph(
        nodes=nodes,
        edges=edges,
        columns=columns,
        width=max(1, len(columns)) * COLUMN_WIDTH + SAME_COLUMN_BOW + MARGIN,
        height=TOP + tallest * (NODE_HEIGHT + ROW_GAP) + MARGIN,
        left_out=left_out,
    )


def text_graph(locale_id):
    """The lineage of the locale's texts: inspired by, responds to, amends…"""
    texts = TextPage.objects.live().public().filter(locale_id=locale_id)
    nodes = [Node(text, text.date, text.get_kind_display()) for text in texts]
    links = TextLineage.objects.filter(text__in=texts).values_list(
        "text_id", "kind", "target__translation_key"
    )
    return build_graph(nodes, links, dict(LineageKind.choices), LINEAGE_INVERSE_LABELS)


def concept_graph(locale_id):
    """The locale's concepts, by first appearance, with broader and related links."""
    concepts = ConceptPage.objects.live().public().filter(locale_id=locale_id)
    nodes = [Node(concept, concept.origin_date, "") for concept in concepts]
    links = ConceptRelation.objects.filter(concept__in=concepts).values_list(
        "concept_id", "kind", "target__translation_key"
    )
    return build_graph(
        nodes, links, dict(ConceptRelationKind.choices), CONCEPT_INVERSE_LABELS
    )
