"""The glossary as a SKOS concept scheme (JSON-LD), read back."""

import json

import pytest
from bs4 import BeautifulSoup

from pages.models import ConceptRelation

pytestmark = pytest.mark.django_db


def by_language(values):
    return {value["@language"]: value["@value"] for value in values}


def ids(references):
    return [reference["@id"] for reference in references]


@pytest.fixture
def glossary(make_page, publish_translation):
    commons = make_page(
        "concept",
        title="Communs",
        definition="Ressource partagée et gouvernée.",
        alternative_labels="Biens communs\nCommun",
    )
    digital = make_page("concept", title="Communs numériques")
    digital.concept_relations.add(ConceptRelation(kind="broader", target=commons))
    digital.save_revision().publish()
    enclosure = make_page("concept", title="Enclosure")
    enclosure.concept_relations.add(ConceptRelation(kind="related", target=commons))
    enclosure.save_revision().publish()
    make_page("concept", title="Brouillon").unpublish()
    publish_translation(
        commons,
        title="Commons",
        definition="A shared and governed resource.",
        alternative_labels="Common goods",
    )
    return {"commons": commons, "digital": digital, "enclosure": enclosure}


def scheme(client, index):
    response = client.get(index.url + "skos/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/ld+json"
    data = json.loads(response.content)
    assert data["@context"]["skos"] == "http://www.w3.org/2004/02/skos/core#"
    return {node["@id"]: node for node in data["@graph"]}


def test_each_concept_has_its_labels_in_every_language(client, glossary, indexes):
    nodes = scheme(client, indexes["concept"])

    commons = nodes[glossary["commons"].full_url]
    assert commons["@type"] == "skos:Concept"
    assert commons["skos:inScheme"] == {"@id": indexes["concept"].full_url}
    assert by_language(commons["skos:prefLabel"]) == {"fr": "Communs", "en": "Commons"}
    assert by_language(commons["skos:definition"]) == {
        "fr": "Ressource partagée et gouvernée.",
        "en": "A shared and governed resource.",
    }
    assert sorted(
        (label["@language"], label["@value"]) for label in commons["skos:altLabel"]
    ) == [("en", "Common goods"), ("fr", "Biens communs"), ("fr", "Commun")]
    concepts = [node for node in nodes.values() if node["@type"] == "skos:Concept"]
    assert len(concepts) == 3, "one per translation group, no drafts"


def test_broader_narrower_and_related(client, glossary, indexes):
    nodes = scheme(client, indexes["concept"])
    commons = glossary["commons"].full_url
    digital = glossary["digital"].full_url
    enclosure = glossary["enclosure"].full_url

    assert ids(nodes[digital]["skos:broader"]) == [commons]
    assert ids(nodes[commons]["skos:narrower"]) == [digital]
    assert ids(nodes[commons]["skos:related"]) == [enclosure]
    assert ids(nodes[enclosure]["skos:related"]) == [commons]
    top = ids(nodes[indexes["concept"].full_url]["skos:hasTopConcept"])
    assert digital not in top
    assert commons in top


def test_english_glossary_names_concepts_by_their_french_pages(
    client, glossary, locale_en, indexes
):
    # wagtail-localize made it, as an alias of the French glossary.
    english_index = indexes["concept"].get_translation(locale_en)

    nodes = scheme(client, english_index)

    assert glossary["commons"].full_url in nodes


def test_glossary_links_to_its_scheme(client, glossary, indexes):
    response = client.get(indexes["concept"].url)

    document = BeautifulSoup(response.content, "html.parser")
    link = document.head.select_one('link[type="application/ld+json"]')
    assert link["href"] == indexes["concept"].url + "skos/"
