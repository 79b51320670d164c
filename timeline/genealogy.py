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
# Room above the first row for the year labels and the arcs of long links.
TOP = 110
MARGIN = 16
LABEL_LENGTH = 24
# How far a link between two nodes of one column bows out to the right.
SAME_COLUMN_BOW = 50
ARC_STEP, ARC_MAX = 24, 80

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

    def ends(self):
        """Where the curve leaves the source and reaches the target: facing sides."""
        source, target = self.source, self.target
        y1 = source.y + NODE_HEIGHT // 2
        y2 = target.y + NODE_HEIGHT // 2
        if source.x == target.x:
            x1 = x2 = source.x + NODE_WIDTH
        elif target.x < source.x:
            x1, x2 = source.x, target.x + NODE_WIDTH
        else:
            x1, x2 = source.x + NODE_WIDTH, target.x
        return x1, y1, x2, y2

    @property
    def lift(self):
        """How high a link over several columns arcs, above the nodes between."""
        span = abs(self.source.x - self.target.x) // COLUMN_WIDTH
        return 0 if span < 2 else min(ARC_STEP * span, ARC_MAX)

    @property
    def path(self):
        """An SVG path from the source's side to the target's, as a smooth curve."""
        x1, y1, x2, y2 = self.ends()
        if x1 == x2:
            bow = x1 + SAME_COLUMN_BOW
            return f"M{x1},{y1} C{bow},{y1} {bow},{y2} {x2},{y2}"
        if self.lift:
            third = (x2 - x1) // 3
            return (
                f"M{x1},{y1} C{x1 + third},{y1 - self.lift} "
                f"{x2 - third},{y2 - self.lift} {x2},{y2}"
            )
        middle = (x1 + x2) // 2
        return f"M{x1},{y1} C{middle},{y1} {middle},{y2} {x2},{y2}"

    @property
    def label_position(self):
        """The middle of the curve, where its label goes."""
        x1, y1, x2, y2 = self.ends()
        if x1 == x2:
            return x1 + SAME_COLUMN_BOW * 3 // 4, (y1 + y2) // 2
        return (x1 + x2) // 2, (y1 + y2) // 2 - self.lift * 3 // 4


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
