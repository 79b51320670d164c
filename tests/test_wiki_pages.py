"""What a visitor sees on each page type: facts, body, relations on both ends."""

import pytest
from bs4 import BeautifulSoup

from tests.factories import CategoryFactory
from timeline.fuzzy_date import FuzzyDate

pytestmark = pytest.mark.django_db


def soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def texts(document, selector):
    return [element.get_text(" ", strip=True) for element in document.select(selector)]


@pytest.mark.parametrize(
    ("page_type", "template"),
    [
        ("commons", "pages/commons_page.html"),
        ("chamber", "pages/chamber_page.html"),
        ("actor", "pages/actor_page.html"),
        ("concept", "pages/concept_page.html"),
        ("event", "pages/event_page.html"),
        ("text", "pages/text_page.html"),
    ],
)
def test_each_page_type_renders_with_its_template(
    client, make_page, page_type, template
):
    page = make_page(page_type, title="Une page du wiki")

    response = client.get(page.url)

    assert template in [t.name for t in response.templates]
    document = soup(response)
    assert document.h1.get_text() == "Une page du wiki"
    assert (
        document.select_one(".wiki-page__summary").get_text()
        == "Résumé de Une page du wiki."
    )
    breadcrumb = texts(document, ".breadcrumbs a")
    assert breadcrumb[0] == "Accueil" and breadcrumb[-1] == "Une page du wiki"
    assert document.select_one("a[rel=license]")["href"].startswith(
        "https://creativecommons.org/"
    )


def test_commons_shows_its_facts_and_actors_and_the_actor_shows_it_back(
    client, make_page
):
    actor = make_page("actor", title="Ville de Grenoble", kind="local_authority")
    chamber = make_page("chamber", title="Chambre des communs de Lille")
    commons = make_page(
        "commons",
        title="Coop Communs",
        status="active",
        founded=FuzzyDate(2021),
        address="Centre Jeanne Hachette",
        postcode="94200",
        commune="Ivry-sur-Seine",
        region="ile-de-france",
        latitude=48.8156,
        longitude=2.3849,
        contact_email="bonjour@example.org",
        chamber=chamber,
    )
    commons.actor_links.create(actor=actor, role="partenaire")
    commons.save_revision().publish()

    document = soup(client.get(commons.url))
    facts = dict(
        zip(texts(document, ".infobox dt"), texts(document, ".infobox dd"), strict=True)
    )
    assert facts["Statut"] == "En activité"
    assert facts["Fondé"] == "2021"
    assert facts["Région"] == "Île-de-France"
    assert "94200 Ivry-sur-Seine" in facts["Adresse"]
    assert document.select_one("data.geo")["value"] == "48.81560,2.38490"
    assert "Ville de Grenoble (partenaire)" in texts(document, ".relations__item")
    assert "Chambre des communs de Lille" in texts(document, ".relations__item")

    actor_page = soup(client.get(actor.url))
    assert "Coop Communs (partenaire)" in texts(actor_page, ".relations__item")
    chamber_page = soup(client.get(chamber.url))
    assert "Coop Communs" in texts(chamber_page, ".relations__item")


def test_unpublished_pages_do_not_appear_in_relations(client, make_page):
    actor = make_page("actor", title="Collectif discret")
    commons = make_page("commons", title="Tiers-lieu")
    commons.actor_links.create(actor=actor, role="hôte")
    commons.save_revision().publish()
    actor.unpublish()

    document = soup(client.get(commons.url))

    assert "Collectif discret" not in document.get_text()


def test_concepts_show_broader_narrower_and_related_on_both_ends(client, make_page):
    commons = make_page("concept", title="Communs")
    negative = make_page("concept", title="Communs négatifs")
    capacity = make_page("concept", title="Communs de capacités")
    negative.concept_relations.create(kind="broader", target=commons)
    negative.concept_relations.create(kind="related", target=capacity)
    negative.save_revision().publish()

    negative_page = soup(client.get(negative.url))
    sections = {
        section.h2.get_text(): texts(section, "li")
        for section in negative_page.select("section.relations")
    }
    assert sections["Notions plus larges"] == ["Communs"]
    assert sections["Notions associées"] == ["Communs de capacités"]
    assert (
        "Définition de Communs négatifs."
        in negative_page.select_one(".definition").get_text()
    )

    broader_page = soup(client.get(commons.url))
    assert "Communs négatifs" in texts(broader_page, "section.relations li")
    related_page = soup(client.get(capacity.url))
    assert "Communs négatifs" in texts(related_page, "section.relations li")


def test_a_related_concept_stated_from_both_ends_is_listed_once(client, make_page):
    digital = make_page("concept", title="Commun numérique")
    licence = make_page("concept", title="Licence à réciprocité")
    digital.concept_relations.create(kind="related", target=licence)
    digital.save_revision().publish()
    licence.concept_relations.create(kind="related", target=digital)
    licence.save_revision().publish()

    for concept, other in ((digital, licence), (licence, digital)):
        document = soup(client.get(concept.url))
        assert texts(document, "section.relations li") == [other.title]


def test_text_lineage_reads_from_both_ends(client, make_page):
    law = make_page("text", title="Loi ESS", kind="law", date=FuzzyDate(2014, 7, 31))
    report = make_page("text", title="Rapport", kind="report", date=FuzzyDate(2023))
    report.lineage_links.create(kind="cites", target=law)
    report.save_revision().publish()

    report_page = soup(client.get(report.url))
    assert "Loi ESS (cite)" in texts(report_page, ".relations__item")
    law_page = soup(client.get(law.url))
    assert "Rapport (cité par)" in texts(law_page, ".relations__item")
    assert "31 juillet 2014" in texts(law_page, ".infobox dd")


def test_event_lists_organisers_texts_and_other_editions(client, make_page):
    organiser = make_page("actor", title="Remix the commons")
    first = make_page(
        "event",
        title="Forum 2019",
        series="Forum des communs",
        start_date=FuzzyDate(2019, 10),
    )
    make_page(
        "event",
        title="Forum 2021",
        series="Forum des communs",
        start_date=FuzzyDate(2021),
    )
    first.organiser_links.create(actor=organiser)
    first.save_revision().publish()
    make_page("text", title="Déclaration", event=first)

    document = soup(client.get(first.url))
    items = texts(document, ".relations__item")
    assert "Remix the commons" in items
    assert "Déclaration" in items
    assert any(item.startswith("Forum 2021") for item in items)
    assert "Forum 2019" in texts(soup(client.get(organiser.url)), ".relations__item")


def test_categories_show_in_the_visitors_language_and_link_to_the_filtered_index(
    client, make_page, locale_en
):
    category = CategoryFactory(
        name="Communs de la connaissance", slug="connaissance-test"
    )
    english = category.copy_for_translation(locale_en)
    english.name = "Knowledge commons"
    english.save()
    page = make_page("commons", title="Bibliothèque")
    page.categories.add(category)
    page.tags.add("savoirs")
    page.save_revision().publish()

    document = soup(client.get(page.url))

    chip = document.select_one(".classification a.chip")
    assert chip.get_text() == "Communs de la connaissance"
    assert chip["href"] == page.get_parent().url + "?category=connaissance-test"
    assert document.select_one("a.chip--tag")["href"].endswith("?tag=savoirs")


def test_sources_and_authors_are_cited(client, make_page):
    page = make_page("chamber", title="Chambre")
    page.wiki_sources.create(
        title="Fiche chambre des communs",
        author="Collectif",
        publisher="Wiki",
        year=2018,
        url="https://example.org/fiche",
    )
    page.wiki_authors.create(name="Frédéric Sultan")
    page.save_revision().publish()

    document = soup(client.get(page.url))

    citation = document.select_one(".sources__item").get_text(" ", strip=True)
    assert citation.startswith("Collectif, Fiche chambre des communs , Wiki, 2018")
    assert (
        document.select_one(".sources__item a")["href"] == "https://example.org/fiche"
    )
    assert "Frédéric Sultan" in document.select_one(".wiki-page__footer").get_text()


def test_page_renders_in_english_with_english_interface(client, make_page, locale_en):
    page = make_page("concept", title="Commun")
    english = page.copy_for_translation(locale_en, copy_parents=True)
    english.title = "Commons"
    english.save_revision().publish()

    document = soup(client.get(english.url))

    assert document.html["lang"] == "en"
    assert document.select_one(".definition__title").get_text() == "Definition"
    assert english.url.startswith("/en/")
