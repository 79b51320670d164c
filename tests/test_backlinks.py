"""'Pages that link here' on every wiki page, from Wagtail's reference index."""

import pytest
from wagtail.models import PageViewRestriction

from pages.backlinks import BACKLINKS_ON_PAGE, referring_pages
from pages.models import ConceptRelation, RelatedPage
from tests.queries import steady_query_count

pytestmark = pytest.mark.django_db


def paragraph_linking_to(target):
    return [
        (
            "paragraph",
            f'<p>Voir <a linktype="page" id="{target.id}">{target.title}</a>.</p>',
        )
    ]


def titles(page):
    return [linking.title for linking in referring_pages(page)]


def backlinks_section(client, page):
    html = client.get(page.url).content.decode()
    start = html.find('id="backlinks-title"')
    return html[start : html.index("</section>", start)] if start >= 0 else ""


def test_every_kind_of_reference_counts(make_page):
    chamber = make_page("chamber", title="Chambre de Lille")
    make_page("actor", title="Par le texte", body=paragraph_linking_to(chamber))
    make_page("commons", title="Par la relation", chamber=chamber)
    make_page(
        "event",
        title="Par la frise",
        body=[
            (
                "timeline",
                {
                    "heading": "Dates",
                    "entries": [
                        {
                            "date": {"year": 2019},
                            "title": "Fondation",
                            "page": chamber,
                        }
                    ],
                },
            )
        ],
    )
    see_also = make_page("text", title="Par le voir aussi")
    see_also.wiki_related_pages.add(RelatedPage(target=chamber))
    see_also.save_revision().publish()
    make_page("text", title="Sans lien")

    assert sorted(titles(chamber)) == [
        "Par la frise",
        "Par la relation",
        "Par le texte",
        "Par le voir aussi",
    ]


def test_concept_relations_are_backlinks_of_the_target(make_page):
    commons = make_page("concept", title="Communs")
    enclosure = make_page("concept", title="Enclosures")
    enclosure.concept_relations.add(ConceptRelation(target=commons, kind="related"))
    enclosure.save_revision().publish()

    assert titles(commons) == ["Enclosures"]


def test_only_live_public_pages_of_the_same_locale_with_published_links(
    make_page, publish_translation
):
    target = make_page("concept", title="Gouvernance")
    make_page("actor", title="Publiée", body=paragraph_linking_to(target))

    draft_only = make_page("actor", title="Brouillon")
    draft_only.body = paragraph_linking_to(target)
    draft_only.save_revision()  # not published: visitors don't see this link

    unpublished = make_page("actor", title="Retirée", body=paragraph_linking_to(target))
    unpublished.unpublish()

    private = make_page("actor", title="Privée", body=paragraph_linking_to(target))
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.LOGIN
    )

    linking_fr = make_page("text", title="Texte", body=paragraph_linking_to(target))
    publish_translation(linking_fr, title="Text")  # links the French target

    assert titles(target) == ["Publiée", "Texte"]


def test_the_section_groups_pages_by_type_and_links_them(client, make_page):
    target = make_page("concept", title="Tiers-lieu")
    commons = make_page("commons", title="La Maison", body=paragraph_linking_to(target))
    actor = make_page("actor", title="Réseau", body=paragraph_linking_to(target))

    section = backlinks_section(client, target)

    assert "Pages qui renvoient ici" in section
    for page, group in ((commons, "Communs"), (actor, "Acteurs")):
        heading = f'<h3 class="backlinks__type">{group}</h3>'
        assert heading in section
        link = f'<a href="{page.url}">{page.title}</a>'
        assert section.index(heading) < section.index(link)


def test_a_page_without_backlinks_has_no_section(client, make_page):
    alone = make_page("concept", title="Seul")
    assert backlinks_section(client, alone) == ""


def test_query_count_does_not_grow_with_referring_pages(client, make_page):
    target = make_page("concept", title="Cible")
    counts = []
    # Both sizes above what the page shows: below it, the count needs no query.
    for total in (BACKLINKS_ON_PAGE + 1, 3 * BACKLINKS_ON_PAGE):
        while len(titles(target)) < total:
            make_page(
                "actor",
                title=f"Acteur {len(titles(target))}",
                body=paragraph_linking_to(target),
            )
        counts.append(steady_query_count(client, target.url))

    assert counts[0] == counts[1]
    assert len(titles(target)) == 3 * BACKLINKS_ON_PAGE


def test_the_full_list_is_linked_when_the_page_shows_only_the_first(client, make_page):
    target = make_page("concept", title="Commun")
    for number in range(BACKLINKS_ON_PAGE + 1):
        make_page(
            "actor", title=f"Acteur {number:02d}", body=paragraph_linking_to(target)
        )
    make_page("event", title="Rencontre", body=paragraph_linking_to(target))

    section = backlinks_section(client, target)
    full_url = target.url + "links-here/"
    assert f'href="{full_url}"' in section
    assert section.count("<li>") == BACKLINKS_ON_PAGE

    response = client.get(full_url)
    html = response.content.decode()
    assert response.status_code == 200
    assert '<meta name="robots" content="noindex">' in html
    assert html.count('<h2 class="backlinks__type">') == 2
    for number in range(BACKLINKS_ON_PAGE + 1):
        assert f"Acteur {number:02d}" in html
    assert "Rencontre" in html
    for odd in ("?page=abc", "?page=-1", "?page=99999"):
        assert client.get(full_url + odd).status_code == 200


def test_the_full_list_keeps_a_steady_query_count(client, make_page):
    target = make_page("concept", title="Cible")
    url = target.url + "links-here/"
    counts = []
    for total in (2, 20):
        while len(titles(target)) < total:
            make_page(
                "text",
                title=f"Texte {len(titles(target))}",
                body=paragraph_linking_to(target),
            )
        counts.append(steady_query_count(client, url))
    assert counts[0] == counts[1]
