"""The open data API under /api/v2/: live, public content with its typed fields."""

import pytest
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from pages.models import CommonsActor, ConceptRelation, KeyFigure
from tests.factories import PAGE_TYPES
from tests.queries import steady_query_count
from timeline.fuzzy_date import FuzzyDate

pytestmark = pytest.mark.django_db

PAGE_MODELS = {
    name: page_factory._meta.model
    for name, (page_factory, _index) in PAGE_TYPES.items()
}


def get_json(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200, response.content
    return response.json()


def listed_titles(client, **params):
    data = get_json(client, "/api/v2/pages/", limit=20, **params)
    return {item["title"] for item in data["items"]}


@pytest.mark.parametrize("page_type", PAGE_MODELS)
def test_each_page_type_is_listed_and_detailed_with_its_fields(
    client, make_page, page_type
):
    page = make_page(page_type, title="Fiche API")
    model = PAGE_MODELS[page_type]
    type_name = f"pages.{model.__name__}"

    listing = get_json(client, "/api/v2/pages/", type=type_name, fields="*")
    detail = get_json(client, f"/api/v2/pages/{page.pk}/")

    assert [item["title"] for item in listing["items"]] == ["Fiche API"]
    assert listing["items"][0]["meta"]["type"] == type_name
    assert detail["meta"]["html_url"] == page.full_url
    for field in model.api_fields:
        assert field.name in detail, field.name
        assert field.name in listing["items"][0], field.name


def test_commons_page_fields_dates_and_relations(client, make_page):
    actor = make_page("actor", title="Association TERA")
    draft_actor = make_page("actor", title="Acteur en brouillon")
    draft_actor.unpublish()
    commons = make_page(
        "commons",
        title="TERA",
        founded=FuzzyDate(2014, 7),
        ended=FuzzyDate(2020, circa=True),
        latitude=44.4,
        longitude=0.99,
        wikidata_id="Q1139340",
        same_as="https://example.org/tera\n",
    )
    commons.actor_links.add(CommonsActor(actor=actor, role="Pilote"))
    commons.actor_links.add(CommonsActor(actor=draft_actor, role="Secret"))
    commons.key_figures.add(KeyFigure(label="Bénévoles", value="17", year=2022))
    commons.wiki_sources.create(title="Rapport", publisher="Le Labo", year=2024)
    commons.save_revision().publish()

    data = get_json(client, "/api/v2/pages/", type="pages.CommonsPage", fields="*")
    item = data["items"][0]

    assert item["founded"] == {"iso": "2014-07", "display": "juillet 2014"}
    assert item["ended"] == {"iso": "2020~", "display": "vers 2020"}
    assert item["latitude"] == 44.4
    assert item["same_as_urls"] == ["https://example.org/tera"]
    assert item["wikidata_id"] == "Q1139340"
    links = item["actor_links"]
    assert links[0]["role"] == "Pilote"
    assert links[0]["actor"]["title"] == "Association TERA"
    assert links[0]["actor"]["html_url"] == actor.full_url
    assert links[1]["actor"] is None, "a draft's title must not leak"
    assert item["key_figures"][0]["label"] == "Bénévoles"
    assert item["wiki_sources"][0]["title"] == "Rapport"
    assert item["wiki_sources"][0]["publisher"] == "Le Labo"


def test_fuzzy_dates_display_in_the_pages_language(
    client, make_page, publish_translation
):
    event = make_page("event", title="Forum", start_date=FuzzyDate(2019, 10, 3))
    english = publish_translation(event, title="Forum EN")

    data = get_json(client, f"/api/v2/pages/{english.pk}/", fields="start_date")

    assert data["start_date"] == {"iso": "2019-10-03", "display": "Oct. 3, 2019"}


def test_concept_relations_and_text_lineage(client, make_page):
    broader = make_page("concept", title="Commun")
    concept = make_page("concept", title="Commun numérique")
    concept.concept_relations.add(ConceptRelation(kind="broader", target=broader))
    concept.save_revision().publish()
    law = make_page("text", title="Loi", kind="law")
    answer = make_page("text", title="Réponse")
    answer.lineage_links.create(kind="responds_to", target=law)
    answer.author_links.create(name="Collectif")
    answer.save_revision().publish()

    concept_data = get_json(client, f"/api/v2/pages/{concept.pk}/")
    text_data = get_json(client, f"/api/v2/pages/{answer.pk}/")

    relation = concept_data["concept_relations"][0]
    assert relation["kind"] == "broader"
    assert relation["target"]["title"] == "Commun"
    assert text_data["lineage_links"][0]["target"]["id"] == law.pk
    assert text_data["author_links"][0]["name"] == "Collectif"


def test_drafts_and_private_pages_are_absent(client, make_page, indexes):
    make_page("commons", title="Publié")
    draft = make_page("commons", title="Brouillon")
    draft.unpublish()
    private = make_page("text", title="Réservé")
    PageViewRestriction.objects.create(
        page=indexes["text"], restriction_type="password", password="secret"
    )

    titles = listed_titles(client)

    assert "Publié" in titles
    assert "Brouillon" not in titles
    assert "Réservé" not in titles
    assert indexes["text"].title not in titles
    assert client.get(f"/api/v2/pages/{draft.pk}/").status_code == 404
    assert client.get(f"/api/v2/pages/{private.pk}/").status_code == 404


def test_locale_filter_keeps_one_language(client, make_page, publish_translation):
    page = make_page("concept", title="Commun")
    publish_translation(page, title="Commons")

    assert {"Commun", "Commons"} <= listed_titles(client, type="pages.ConceptPage")
    assert listed_titles(client, type="pages.ConceptPage", locale="en") == {"Commons"}
    assert listed_titles(client, type="pages.ConceptPage", locale="fr") == {"Commun"}


def test_documents_in_restricted_collections_are_absent(client):
    root = Collection.get_first_root_node()
    private = root.add_child(name="Privé")
    CollectionViewRestriction.objects.create(
        collection=private, restriction_type="password", password="secret"
    )
    document_model = get_document_model()
    for title, collection in (("Public", root), ("Interne", private)):
        document = document_model(title=title, collection=collection)
        document.file.save(f"{title}.txt", ContentFile(b"texte"))

    data = get_json(client, "/api/v2/documents/")

    assert [item["title"] for item in data["items"]] == ["Public"]


@pytest.mark.parametrize(
    "query",
    [
        "?locale=xx",
        "?type=pages.Nope",
        "?type=pages.Source",
        "?limit=abc",
        "?offset=-1",
        "?order=nope",
        "?fields=((",
        "?fields=nope",
        "?child_of=abc",
        "?unknown=1",
        "?type=pages.CommonsPage&founded=juillet",
        "?type=pages.CommonsPage&latitude=nord",
        "?first_published_at=hier",
        "?search=a&search_operator=xor",
        "?title=%00",
        "99999/",
    ],
)
def test_malformed_parameters_answer_4xx(client, make_page, query):
    make_page("commons", title="Jardin")

    response = client.get(f"/api/v2/pages/{query}")

    assert 400 <= response.status_code < 500


@pytest.mark.parametrize("search", ['"', "a OR (", "NEAR(", "*", "'"])
def test_search_syntax_never_breaks(client, make_page, search):
    make_page("commons", title="Jardin partagé")

    for endpoint in ("pages", "images", "documents"):
        response = client.get(f"/api/v2/{endpoint}/", {"search": search})
        assert response.status_code == 200


def test_type_listing_query_count_does_not_grow_with_pages(client, make_page):
    actor = make_page("actor", title="Acteur")

    def count_queries():
        url = "/api/v2/pages/?type=pages.CommonsPage&fields=*"
        return steady_query_count(client, url)

    def add_commons(numbers):
        for number in numbers:
            page = make_page("commons", title=f"Commun {number}")
            page.actor_links.add(CommonsActor(actor=actor, role="Membre"))
            page.tags.add("forêt")
            page.wiki_sources.create(title="Source")
            page.save_revision().publish()

    add_commons(range(2))
    few = count_queries()
    add_commons(range(2, 10))
    assert count_queries() == few
