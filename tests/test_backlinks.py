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
    return html[start:] if start >= 0 else ""


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
    make_page("commons", title="La Maison", body=paragraph_linking_to(target))
    make_page("actor", title="Réseau", body=paragraph_linking_to(target))

    section = backlinks_section(client, target)

    assert "Pages that link here" in section or "Pages qui renvoient ici" in section
    assert "<h3" in section
    for title in ("La Maison", "Réseau"):
        assert title in section
    assert section.index("Commons") < section.index("La Maison") or section.index(
        "Communs"
    ) < section.index("La Maison")


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
