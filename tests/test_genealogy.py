"""The genealogy: texts and concepts drawn by year as SVG, and the same as a list."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from wagtail_localize.operations import TranslationCreator

from pages.models import ConceptRelation, TextLineage
from tests.factories import publish_child
from timeline.fuzzy_date import FuzzyDate
from timeline.genealogy import text_graph
from timeline.models import GenealogyPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def genealogy(home_fr):
    return publish_child(home_fr, GenealogyPage(title="Généalogie", slug="genealogie"))


def link(text, kind, target):
    """Add a lineage link and republish, as an editor would."""
    text = type(text).objects.get(pk=text.pk)
    text.lineage_links.add(TextLineage(kind=kind, target=target))
    text.save_revision().publish()
    return text


@pytest.fixture
def texts(make_page):
    law = make_page("text", title="Loi ESS", kind="law", date=FuzzyDate(2014, 7, 31))
    report = make_page("text", title="Rapport", kind="report", date=FuzzyDate(2019))
    charter = make_page("text", title="Charte", kind="charter", date=None)
    report = link(report, "cites", law)
    charter = link(charter, "implements", law)
    # A cycle: the law is said to respond to the report that cites it.
    law = link(law, "responds_to", report)
    return {"law": law, "report": report, "charter": charter}


def soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def test_texts_are_placed_by_year_with_undated_ones_last(texts):
    graph = text_graph(texts["law"].locale_id)

    assert [(year, x) for year, x in graph.columns][0][0] == 2014
    assert [year for year, _x in graph.columns] == [2014, 2019, None]
    positions = {node.page.title: node.x for node in graph.nodes}
    assert positions["Loi ESS"] < positions["Rapport"] < positions["Charte"]


def test_the_graph_draws_a_cycle_with_every_node_a_link(client, genealogy, texts):
    document = soup(client.get(genealogy.url))
    svg = document.select_one("#texts ~ figure svg")

    node_links = {a["href"] for a in svg.select("a.genealogy__node")}
    assert node_links == {page.url for page in texts.values()}
    edges = svg.select("path.genealogy__edge")
    assert sorted(edge["class"][1] for edge in edges) == [
        "genealogy__edge--cites",
        "genealogy__edge--implements",
        "genealogy__edge--responds_to",
    ]
    labels = {text.get_text() for text in svg.select(".genealogy__edge-label")}
    assert labels == {"cite", "met en œuvre", "répond à"}


def test_the_list_gives_the_same_links_both_ways(client, genealogy, texts):
    document = soup(client.get(genealogy.url))
    items = {
        item.a.get_text(): [li.get_text(" ", strip=True) for li in item.select("li")]
        for item in document.select("#texts ~ ol.genealogy__list > li")
    }
    assert sorted(items["Loi ESS"]) == [
        "Cité par : Rapport",
        "Mis en œuvre par : Charte",
        "Répond à : Rapport",
    ]
    assert "Cite : Loi ESS" in items["Rapport"]


def test_self_links_and_unpublished_targets_are_left_out(
    client, genealogy, texts, make_page
):
    draft = make_page("text", title="Brouillon", date=FuzzyDate(2020))
    TextLineage.objects.create(text=texts["report"], kind="cites", target=draft)
    draft.unpublish()
    # Model validation forbids this; data imported past it must still not crash.
    TextLineage.objects.create(
        text=texts["report"], kind="cites", target=texts["report"]
    )

    graph = text_graph(texts["law"].locale_id)

    assert graph.left_out == 2
    assert len(graph.edges) == 3
    document = soup(client.get(genealogy.url))
    assert "Brouillon" not in document.get_text()
    assert (
        "2 liens mènent" in document.select_one("#texts ~ figure figcaption").get_text()
    )


def test_concepts_with_broader_and_related_links(client, genealogy, make_page):
    commons = make_page("concept", title="Communs", origin_date=FuzzyDate(1990))
    land = make_page("concept", title="Commun foncier", origin_date=None)
    digital = make_page("concept", title="Commun numérique", origin_date=None)
    ConceptRelation.objects.create(concept=land, kind="broader", target=commons)
    ConceptRelation.objects.create(concept=land, kind="related", target=digital)

    document = soup(client.get(genealogy.url))

    svg = document.select_one("#concepts ~ figure svg")
    assert len(svg.select("a.genealogy__node")) == 3
    assert len(svg.select("path.genealogy__edge")) == 2
    items = {
        item.a.get_text(): [li.get_text(" ", strip=True) for li in item.select("li")]
        for item in document.select("#concepts ~ ol.genealogy__list > li")
    }
    assert items["Communs"] == ["Concept plus spécifique : Commun foncier"]


def test_translations_are_linked_through_their_sources(
    client, texts, home_en, locale_en
):
    """Links copied into an English text still name French texts: they are followed."""
    translator = get_user_model().objects.create_superuser("t", password="pw-x-2026")
    creator = TranslationCreator(translator, [locale_en])
    for text in (texts["law"], texts["report"]):
        creator.create_translations(text)
        english = text.get_translation(locale_en)
        english.save_revision().publish()

    graph = text_graph(locale_en.pk)

    titles = {(edge.source.page.locale_id, edge.kind) for edge in graph.edges}
    assert titles == {(locale_en.pk, "cites"), (locale_en.pk, "responds_to")}
    assert graph.left_out == 0
    assert "Charte" not in {node.page.title for node in graph.nodes}
