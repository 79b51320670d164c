"""schema.org JSON-LD in each content page's head, read back from the HTML."""

import json

import pytest
from bs4 import BeautifulSoup
from wagtail_factories import ImageFactory

from pages.models import EventOrganiser
from timeline.fuzzy_date import FuzzyDate

pytestmark = pytest.mark.django_db


def json_ld(client, page):
    response = client.get(page.url)
    assert response.status_code == 200
    document = BeautifulSoup(response.content, "html.parser")
    (script,) = document.head.select('script[type="application/ld+json"]')
    return json.loads(script.string)


def test_commons_is_an_organization_with_place_and_links(client, make_page):
    page = make_page(
        "commons",
        title="Jardin partagé",
        founded=FuzzyDate(2014, 7),
        ended=FuzzyDate(2020, circa=True),
        address="3 rue des Lilas",
        postcode="59000",
        commune="Lille",
        region="hauts-de-france",
        latitude=50.63,
        longitude=3.06,
        website="https://jardin.example.org",
        wikidata_id="Q1139340",
        same_as="https://fr.wikipedia.org/wiki/Jardin_partag%C3%A9",
    )

    data = json_ld(client, page)

    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "Organization"
    assert data["name"] == "Jardin partagé"
    assert data["url"] == page.full_url
    assert data["foundingDate"] == "2014-07"
    assert data["dissolutionDate"] == "2020"
    assert data["sameAs"] == [
        "https://www.wikidata.org/wiki/Q1139340",
        "https://fr.wikipedia.org/wiki/Jardin_partag%C3%A9",
        "https://jardin.example.org",
    ]
    location = data["location"]
    assert location["@type"] == "Place"
    assert location["address"]["streetAddress"] == "3 rue des Lilas"
    assert location["address"]["postalCode"] == "59000"
    assert location["address"]["addressRegion"] == "Hauts-de-France"
    assert location["geo"] == {
        "@type": "GeoCoordinates",
        "latitude": 50.63,
        "longitude": 3.06,
    }
    assert data["mainEntityOfPage"]["inLanguage"] == "fr"
    assert data["mainEntityOfPage"]["@id"] == page.full_url


def test_chamber_and_actors_are_organizations(client, make_page):
    chamber = make_page("chamber", title="Chambre des communs")
    town = make_page("actor", title="Ville de Lille", kind="local_authority")
    network = make_page("actor", title="Réseau", kind="network")

    assert json_ld(client, chamber)["@type"] == "Organization"
    assert json_ld(client, town)["@type"] == "GovernmentOrganization"
    assert json_ld(client, network)["@type"] == "Organization"


def test_event_has_iso_dates_place_and_organisers(client, make_page):
    organiser = make_page("actor", title="ANIS")
    event = make_page(
        "event",
        title="Forum des communs",
        start_date=FuzzyDate(2019, 10, 3),
        end_date=FuzzyDate(2019, 10, 5),
        commune="Lille",
        latitude=50.63,
        longitude=3.06,
    )
    event.organiser_links.add(EventOrganiser(actor=organiser))
    event.save_revision().publish()

    data = json_ld(client, event)

    assert data["@type"] == "Event"
    assert (data["startDate"], data["endDate"]) == ("2019-10-03", "2019-10-05")
    assert data["eventAttendanceMode"].endswith("OfflineEventAttendanceMode")
    (place,) = data["location"]
    assert place["address"]["addressLocality"] == "Lille"
    assert place["geo"]["latitude"] == 50.63
    assert data["organizer"] == [
        {"@type": "Organization", "name": "ANIS", "url": organiser.full_url}
    ]


def test_concept_is_a_defined_term_of_the_glossary(client, make_page, indexes):
    concept = make_page(
        "concept",
        title="Commun",
        definition="Une ressource partagée.",
        alternative_labels="Bien commun\nCommuns",
    )

    data = json_ld(client, concept)

    assert data["@type"] == "DefinedTerm"
    assert data["description"] == "Une ressource partagée."
    assert data["alternateName"] == ["Bien commun", "Communs"]
    assert data["inDefinedTermSet"]["url"] == indexes["concept"].full_url


def test_law_is_legislation_and_other_texts_creative_works(client, make_page):
    law = make_page(
        "text",
        title="Loi ESS",
        kind="law",
        date=FuzzyDate(2014, 7, 31),
        legal_reference="Loi n° 2014-856",
        publisher="Journal officiel",
    )
    manifesto = make_page("text", title="Manifeste", kind="manifesto")
    manifesto.author_links.create(name="Collectif")
    manifesto.save_revision().publish()

    law_data = json_ld(client, law)
    manifesto_data = json_ld(client, manifesto)

    assert law_data["@type"] == "Legislation"
    assert law_data["datePublished"] == "2014-07-31"
    assert law_data["legislationIdentifier"] == "Loi n° 2014-856"
    assert law_data["publisher"] == {
        "@type": "Organization",
        "name": "Journal officiel",
    }
    assert manifesto_data["@type"] == "CreativeWork"
    assert manifesto_data["datePublished"] == "2017"
    assert manifesto_data["author"] == [{"name": "Collectif"}]


def test_translation_says_its_own_language(client, make_page, publish_translation):
    english = publish_translation(make_page("concept", title="Commun"), title="Commons")

    data = json_ld(client, english)

    assert data["name"] == "Commons"
    assert data["mainEntityOfPage"]["inLanguage"] == "en"


def test_cover_image_is_an_absolute_address(client, make_page):
    page = make_page("commons", title="Jardin", cover_image=ImageFactory())

    data = json_ld(client, page)

    assert data["image"].startswith("http://testserver/")


def test_a_title_cannot_break_out_of_the_script(client, make_page):
    title = "</script><script>alert(1)</script> & <b>"
    page = make_page("commons", title=title)

    response = client.get(page.url)

    assert b"<script>alert(1)" not in response.content
    assert json_ld(client, page)["name"] == title
