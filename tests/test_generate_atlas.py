"""manage.py generate_atlas: a seeded synthetic atlas, linked, published and indexed."""

from io import StringIO

import pytest
from django.core.management import call_command
from wagtail.models import Locale, Page, PageLogEntry, ReferenceIndex

from pages.models import WikiIndexPage
from pages.page_types import WIKI_PAGE_TYPES
from pages.synthetic import AtlasGenerator
from timeline.models import ChronologyEntry

SEED = 42
PAGES = 18
# The date field of each type, and whether the type has a place.
DATES = {
    "commons": "founded",
    "chamber": "founded",
    "actor": "founded",
    "concept": "origin_date",
    "event": "start_date",
    "text": "date",
}
LOCATED = {"commons", "chamber", "actor", "event"}


def generate(pages, seed, **options):
    output = StringIO()
    call_command(
        "generate_atlas", pages=pages, seed=seed, stdout=output, verbosity=0, **options
    )
    return output.getvalue()


def generated_pages():
    """The French pages under the index pages, in creation order, as their types."""
    indexes = Page.objects.type(*WikiIndexPage.__subclasses__())
    return [
        page.specific
        for page in Page.objects.filter(
            locale=Locale.get_default(), depth=indexes.first().depth + 1
        )
        .type(*WIKI_PAGE_TYPES.values())
        .order_by("pk")
    ]


def planned_titles(seed, count):
    generator = AtlasGenerator(seed)
    return [generator.plan(number).title for number in range(count)]


@pytest.fixture(scope="module")
def atlas(module_db):
    output = generate(PAGES, SEED, translations=0.3, revisions=2)
    return {"output": output, "pages": generated_pages()}


def test_every_type_is_generated_live_and_reported(db, atlas):
    pages = atlas["pages"]
    assert len(pages) == PAGES
    for name, model in WIKI_PAGE_TYPES.items():
        of_type = [page for page in pages if isinstance(page, model)]
        assert len(of_type) == PAGES // len(WIKI_PAGE_TYPES)
        assert f"{name}: {len(of_type)}" in atlas["output"]
    assert all(page.live and not page.has_unpublished_changes for page in pages)


def test_the_same_seed_gives_the_same_titles(db, atlas):
    assert [page.title for page in atlas["pages"]] == planned_titles(SEED, PAGES)
    assert planned_titles(SEED + 1, 6) != planned_titles(SEED, 6)


def test_each_page_has_several_published_revisions(db, atlas):
    for page in atlas["pages"]:
        assert page.revisions.count() == 2
        published = PageLogEntry.objects.filter(page=page, action="wagtail.publish")
        assert published.count() == 2


def test_dates_and_places_are_set_where_the_type_has_them(db, atlas):
    for page in atlas["pages"]:
        kind = next(n for n, m in WIKI_PAGE_TYPES.items() if isinstance(page, m))
        assert getattr(page, DATES[kind]) is not None
        assert ChronologyEntry.objects.filter(page=page).exists()
        if kind in LOCATED:
            assert 41 < page.latitude < 51.5 and -5.5 < page.longitude < 9.7
            assert page.commune and page.region


def test_relations_are_typed_and_indexed(db, atlas):
    pages = atlas["pages"]
    commons = [p for p in pages if isinstance(p, WIKI_PAGE_TYPES["commons"])]
    assert all(c.chamber_id and c.actor_links.exists() for c in commons)
    texts = [p for p in pages if isinstance(p, WIKI_PAGE_TYPES["text"])]
    assert all(t.author_links.exists() and t.event_id for t in texts)
    assert all(p.categories.exists() and p.tags.exists() for p in pages)
    # Body links and relations are in the reference index, both ways.
    for page in pages:
        assert ReferenceIndex.get_references_for_object(page).exists()
    assert sum(ReferenceIndex.get_references_to(p).exists() for p in pages) > PAGES / 2


def test_english_translations_are_live(db, atlas):
    english = Locale.objects.get(language_code="en")
    translated = [page.get_translation_or_none(english) for page in atlas["pages"]]
    translated = [page for page in translated if page is not None]
    assert translated
    assert all(page.live for page in translated)
    assert f"{len(translated)} English translations" in atlas["output"]
    assert any(
        page.title != page.get_translation(Locale.get_default()).title
        for page in translated
    )


def test_generated_pages_render(db, client, atlas):
    english = Locale.objects.get(language_code="en")
    one_per_type = {type(page): page for page in atlas["pages"]}.values()
    for page in one_per_type:
        response = client.get(page.url)
        assert response.status_code == 200
        assert page.title in response.text
    linked = next(
        page
        for page in atlas["pages"]
        if ReferenceIndex.get_references_to(page).exists()
    )
    backlinks = client.get(f"{linked.url}links-here/")
    assert backlinks.status_code == 200
    first_translation = next(
        t
        for page in atlas["pages"]
        if (t := page.get_translation_or_none(english)) is not None
    )
    assert client.get(first_translation.url).status_code == 200
    assert client.get(f"{atlas['pages'][0].url}history/").status_code == 200


def test_a_second_run_adds_pages_under_new_slugs(db, atlas):
    generate(6, SEED, translations=0, revisions=1)
    pages = generated_pages()
    assert len(pages) == PAGES + 6
    assert [page.title for page in pages[PAGES:]] == [
        page.title for page in atlas["pages"][:6]
    ]
    slugs = [(page.get_parent().pk, page.slug) for page in pages]
    assert len(set(slugs)) == len(slugs)
