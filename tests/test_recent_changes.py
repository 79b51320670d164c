"""Recent changes: the page and its Atom feed, read back as a feed reader would."""

import re
import xml.etree.ElementTree as ET

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.models import PageViewRestriction

from tests.queries import steady_query_count

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def editor():
    return get_user_model().objects.create_user(
        username="camille@example.org",
        email="camille@example.org",
        password="x",
    )


def publish(page, user=None, **changes):
    for name, value in changes.items():
        setattr(page, name, value)
    page.save_revision(user=user).publish(user=user, skip_permission_checks=True)
    return page


def listed_titles(client, query=""):
    html = client.get(f"/fr/recent-changes/{query}").content.decode()
    return [
        line.split(">", 1)[1].split("<", 1)[0]
        for line in html.splitlines()
        if 'class="recent-changes__title"' in line
    ]


def read_feed(client, query=""):
    response = client.get(f"/fr/recent-changes/feed/{query}")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    return ET.fromstring(response.content)


def test_publications_newest_first_with_the_title_they_had(client, make_page, editor):
    commons = make_page("commons", title="Jardin partagé")
    make_page("concept", title="Biens communs")
    publish(commons, user=editor, title="Jardin partagé des Moulins")

    titles = listed_titles(client)

    assert titles[:3] == [
        "Jardin partagé des Moulins",
        "Biens communs",
        "Jardin partagé",
    ]


def test_authors_are_named_without_their_email(client, make_page, editor):
    page = make_page("actor", title="Réseau")
    publish(page, user=editor, summary="Nouveau résumé.")
    html = client.get("/fr/recent-changes/").content.decode()
    assert "camille" in html
    assert "example.org" not in html

    editor.first_name, editor.last_name = "Camille", "Martin"
    editor.save()
    assert "Camille Martin" in client.get("/fr/recent-changes/").content.decode()


def test_drafts_unpublished_and_private_pages_never_appear(client, make_page):
    draft = make_page("actor", title="Acteur publié")
    draft.title = "Titre en brouillon"
    draft.save_revision()
    withdrawn = make_page("actor", title="Acteur retiré")
    withdrawn.unpublish()
    private = make_page("actor", title="Acteur privé")
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.LOGIN
    )

    titles = listed_titles(client)
    feed_titles = [
        e.findtext(f"{ATOM}title") for e in read_feed(client).iter(f"{ATOM}entry")
    ]

    for shown in (titles, feed_titles):
        assert "Acteur publié" in shown
        for hidden in ("Titre en brouillon", "Acteur retiré", "Acteur privé"):
            assert hidden not in shown


def test_filter_by_type_and_language(client, make_page, publish_translation):
    concept = make_page("concept", title="Enclosure")
    make_page("event", title="Festival")
    publish_translation(concept, title="Enclosure (en)")

    assert listed_titles(client, "?type=event") == ["Festival"]
    assert listed_titles(client, "?type=concept&locale=en") == ["Enclosure (en)"]
    assert set(listed_titles(client, "?locale=fr")) >= {"Enclosure", "Festival"}
    assert "Enclosure (en)" not in listed_titles(client, "?locale=fr")


@pytest.mark.parametrize(
    "query",
    [
        "?type=nothing",
        "?locale=xx",
        "?page=abc",
        "?page=-4",
        "?page=99999",
        "?type=%00",
        "?locale=%3Cscript%3E",
    ],
)
def test_malformed_parameters_get_a_normal_page(client, make_page, query):
    make_page("text", title="Manifeste")
    response = client.get(f"/fr/recent-changes/{query}")
    assert response.status_code == 200
    assert "Manifeste" in response.content.decode()
    assert "<script>" not in response.content.decode()
    assert client.get(f"/fr/recent-changes/feed/{query}").status_code == 200


def test_an_english_page_is_marked_in_its_language(
    client, make_page, publish_translation
):
    publish_translation(make_page("concept", title="Communs"), title="Commons")
    html = client.get("/fr/recent-changes/").content.decode()
    assert 'lang="en" hreflang="en">Commons</a>' in html


def test_the_atom_feed_reads_back(client, make_page, editor):
    page = make_page("chamber", title="Chambre des communs de Lille")
    publish(page, user=editor, summary="Une assemblée ouverte.")

    feed = read_feed(client, "?type=chamber")
    entries = feed.findall(f"{ATOM}entry")

    assert feed.findtext(f"{ATOM}title")
    assert feed.find(f"{ATOM}link").get("href").endswith("/fr/recent-changes/")
    assert len(entries) == 2
    newest = entries[0]
    assert newest.findtext(f"{ATOM}title") == "Chambre des communs de Lille"
    assert newest.find(f"{ATOM}link").get("href") == ("http://testserver" + page.url)
    assert newest.findtext(f"{ATOM}author/{ATOM}name") == "camille"
    assert newest.findtext(f"{ATOM}summary") == "Une assemblée ouverte."
    assert newest.findtext(f"{ATOM}updated")
    ids = [entry.findtext(f"{ATOM}id") for entry in entries]
    assert len(set(ids)) == 2


def test_every_page_announces_the_feed(client, make_page):
    page = make_page("concept", title="Tiers-lieu")
    html = client.get(page.url).content.decode()
    feed_url = reverse("recent_changes_feed")
    assert re.search(
        rf'<link rel="alternate" type="application/atom\+xml" title="[^"]+" '
        rf'href="{feed_url}">',
        html,
    )


def test_query_count_does_not_grow_with_publications(client, make_page):
    counts = []
    for batch in range(2):
        for number in range(3 if batch == 0 else 27):
            make_page("actor", title=f"Acteur {batch}-{number}")
        counts.append(
            steady_query_count(
                client, "/fr/recent-changes/", "/fr/recent-changes/feed/"
            )
        )
    assert counts[0] == counts[1]


def test_breadcrumbs_lead_back_home(client, home_fr):
    html = client.get("/fr/recent-changes/").content.decode()
    trail = html[html.index('class="breadcrumbs"') :]
    trail = trail[: trail.index("</nav>")]
    assert f'href="{home_fr.url}"' in trail
    assert 'href="/fr/recent-changes/" aria-current="page"' in trail


def test_each_publication_shows_its_change_note_and_links_its_diff(client, make_page):
    page = make_page("concept", title="Commun")
    page.pending_change_note = "Définition précisée"
    publish(page, summary="Une définition plus précise.")
    revisions = list(page.revisions.order_by("pk").values_list("pk", flat=True))

    html = client.get("/fr/recent-changes/").content.decode()

    assert "Définition précisée" in html
    diff = f"{page.url}history/{revisions[0]}/{revisions[1]}/"
    assert f'href="{diff}"' in html
    assert client.get(diff).status_code == 200
    feed = read_feed(client)
    newest = feed.find(f"{ATOM}entry")
    assert newest.findtext(f"{ATOM}summary") == (
        "Définition précisée — Une définition plus précise."
    )


def test_the_feed_summary_is_html_that_shows_the_text_as_typed(client, make_page):
    # Atom's summary has type="html": feed readers render it. Text with tags must
    # arrive escaped, or a reader would run them.
    page = make_page("concept", title="Commun")
    page.pending_change_note = "<b onmouseover=alert(1)>note</b>"
    publish(page, summary='"><img src=x onerror=alert(1)> & co')

    summary = read_feed(client).find(f"{ATOM}entry").find(f"{ATOM}summary")

    assert summary.get("type") == "html"
    rendered = BeautifulSoup(summary.text, "html.parser")
    assert rendered.find_all(True) == []
    assert rendered.get_text() == (
        '<b onmouseover=alert(1)>note</b> — "><img src=x onerror=alert(1)> & co'
    )
