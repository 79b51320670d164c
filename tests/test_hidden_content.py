"""Visitors never see what is not public, in any output of the atlas.

Each kind of hidden page (a draft, an unpublished or scheduled page, a page under a
view restriction of its own or of its parent, a public page's newer draft, the
revisions of a restricted page) carries a marker word in its title, summary, body,
place and dates. Every output is fetched as an anonymous visitor: the marker must be
absent, and a public page built the same way must be present, so that each check
can fail.
"""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import PageViewRestriction
from wagtail.rich_text import RichText

from pages.models import ConceptRelation, EventOrganiser, HomePage
from tests.factories import PAGE_TYPES, publish_child, publish_views
from timeline.fuzzy_date import FuzzyDate

pytestmark = pytest.mark.django_db

HIDDEN_KINDS = [
    "draft",  # never published
    "unpublished",  # live once, then unpublished
    "scheduled",  # approved for publication at a future date
    "password",  # view restriction on the page itself
    "login",
    "groups",
    "inherited",  # live, under a parent with a view restriction
    "newer_draft",  # live and public, with a newer unpublished revision
    "private_revisions",  # public once, revised, then restricted
]
# Every page's summary has this word: a search for it finds them all.
SHARED_WORD = "pommeraie"
PUBLIC_MARKER = "zqxpublic"
LABELS = {"event": "événement", "concept": "notion", "actor": "collectif"}
PASSWORD = "mot-de-passe-2026"


def marker_of(kind):
    """One word, starting like the public marker (for autocomplete), unique by kind."""
    return "zqx" + kind.replace("_", "")


def content(marker, page_type, revised=False):
    """The fields that carry the marker: text, place and dates."""
    fields = {
        "title": f"{marker} {LABELS[page_type]}",
        "summary": f"{SHARED_WORD.capitalize()} {marker}{', revu' if revised else ''}.",
        "body": [("paragraph", RichText(f"<p>Texte {marker}.</p>"))],
    }
    if page_type == "event":
        fields.update(
            start_date=FuzzyDate(2011, 5, 4),
            latitude=45.19,
            longitude=5.72,
            commune=marker,
            address=f"Place {marker}",
        )
    elif page_type == "concept":
        fields.update(definition=f"Définition {marker}", origin_date=FuzzyDate(2003))
    elif page_type == "actor":
        fields.update(founded=FuzzyDate(2005), commune=marker)
    return fields


def set_fields(page, fields):
    for name, value in fields.items():
        setattr(page, name, value)


def restrict(page, restriction_type):
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=restriction_type, password=PASSWORD
    )
    if restriction_type == PageViewRestriction.GROUPS:
        restriction.groups.set([Group.objects.get(name="Editors")])


def build(kind, page_type, parent, target):
    """A page of `kind` under `parent`; concepts are related to `target`.

    Published pages have two publications, so that their history has a diff.
    """
    marker = PUBLIC_MARKER if kind == "public" else marker_of(kind)
    published_marker = "zqxlivetext" if kind == "newer_draft" else marker
    fields = content(published_marker, page_type)
    factory = PAGE_TYPES[page_type][0]
    page = factory.build(slug=slugify(fields["title"]), **fields)
    if page_type == "concept":
        # Made with the page, as the admin's create form does: the reference index
        # holds the relation even for a draft.
        page.concept_relations = [ConceptRelation(target=target)]
    if kind in ("draft", "scheduled"):
        page.live = False
    parent.add_child(instance=page)

    if kind == "draft":
        page.save_revision()
        set_fields(page, content(marker, page_type, revised=True))
        page.save_revision()
        return page
    if kind == "scheduled":
        page.save_revision()
        page.go_live_at = timezone.now() + datetime.timedelta(days=30)
        page.save_revision().publish()
        return page

    page.save_revision().publish()
    set_fields(page, content(published_marker, page_type, revised=True))
    page.save_revision().publish()
    if kind == "unpublished":
        page.unpublish()
    elif kind in ("password", "login", "groups"):
        restrict(page, kind)
    elif kind == "private_revisions":
        restrict(page, PageViewRestriction.LOGIN)
    elif kind == "newer_draft":
        set_fields(page, content(marker, page_type, revised=True))
        page.slug = slugify(page.title)
        if page_type == "concept":
            page.concept_relations.add(ConceptRelation(target=target))
        page.save_revision()
    page.refresh_from_db()
    return page


def build_site():
    """The public pages that show the others: indexes, a concept, the time views."""
    home = HomePage.objects.get(locale__language_code="fr", depth=2)
    indexes = {}
    for name, (_page_factory, index_factory) in PAGE_TYPES.items():
        indexes[name] = index_factory(parent=home)
        indexes[name].save_revision().publish()
    target = PAGE_TYPES["concept"][0](
        parent=indexes["concept"], title="Cible", summary="La notion visée."
    )
    target.save_revision().publish()
    return {
        "home": home,
        "indexes": indexes,
        "target": target,
        **publish_views(home),
    }


@pytest.fixture(scope="module")
def world(module_db):
    """Hidden pages of every kind, public pages built the same way, and public pages
    linking to both: built once for the module (tests/conftest.py's module_db).
    """
    site = build_site()
    hidden = {kind: build_all(kind, site) for kind in HIDDEN_KINDS}
    public = build_all("public", site)
    return {
        **site,
        "hidden": hidden,
        "public": public,
        "referrers": build_referrers(hidden, public, site["indexes"]),
    }


def private_indexes(home_fr):
    """Index pages of their own, under a login restriction (their pages inherit it)."""
    made = {}
    for page_type in LABELS:
        index_factory = PAGE_TYPES[page_type][1]
        index = index_factory(parent=home_fr, slug=f"prive-{page_type}")
        index.save_revision().publish()
        restrict(index, PageViewRestriction.LOGIN)
        made[page_type] = index
    return made


def build_all(kind, site):
    parents = private_indexes(site["home"]) if kind == "inherited" else site["indexes"]
    return {
        page_type: build(kind, page_type, parents[page_type], site["target"])
        for page_type in LABELS
    }


def build_referrers(hidden, public, indexes):
    """Public pages linking to the hidden pages of every kind and to the public ones."""
    linked = [*hidden.values(), public]
    event = PAGE_TYPES["event"][0].build(title="Référent", slug="referent")
    event.organiser_links = [EventOrganiser(actor=pages["actor"]) for pages in linked]
    concept = PAGE_TYPES["concept"][0].build(
        title="Notion référente", slug="notion-referente"
    )
    concept.concept_relations = [
        ConceptRelation(target=pages["concept"]) for pages in linked
    ]
    return {
        "event": publish_child(indexes["event"], event),
        "concept": publish_child(indexes["concept"], concept),
    }


# Each output: the URLs to fetch.


def page_urls(page):
    """The page and its routes, with every revision it has (published or not)."""
    revisions = list(page.revisions.order_by("pk").values_list("pk", flat=True))
    urls = [
        page.url,
        page.url + "history/",
        page.url + "links-here/",
        page.url + "cite/bibtex/",
        page.url + "cite/ris/",
    ]
    for revision in revisions:
        urls += [
            f"{page.url}history/{revision}/",
            f"{page.url}cite/bibtex/?revision={revision}",
            f"{page.url}cite/ris/?revision={revision}",
        ]
    urls += [
        f"{page.url}history/{older}/{newer}/"
        for older in revisions
        for newer in revisions
        if older < newer
    ]
    return urls


def unique(urls):
    return list(dict.fromkeys(urls))


def every_page(world):
    """The hidden pages of every kind and the public ones."""
    for pages in [*world["hidden"].values(), world["public"]]:
        yield from pages.values()


def parents_of(world, page_type):
    pages = [pages[page_type] for pages in world["hidden"].values()]
    pages.append(world["public"][page_type])
    return unique([page.get_parent().specific.url for page in pages])


def api_types():
    return [f"pages.{model}" for model in ("EventPage", "ConceptPage", "ActorPage")]


OUTPUTS = {
    "page+history+diffs+cite": lambda world: [
        url for page in every_page(world) for url in page_urls(page)
    ],
    "search": lambda world: [
        reverse("search") + f"?q={SHARED_WORD}",
        reverse("search") + f"?q={SHARED_WORD}&type=event",
    ],
    "autocomplete": lambda world: [
        reverse("search_suggestions") + "?q=zqx",
        reverse("search_suggestions") + "?q=zqx&format=opensearch",
    ],
    "api list": lambda world: [
        f"/api/v2/pages/?search={SHARED_WORD}&limit=20",
        *(f"/api/v2/pages/?type={name}&fields=*&limit=20" for name in api_types()),
    ],
    "api detail+find": lambda world: [
        url
        for page in every_page(world)
        for url in (
            f"/api/v2/pages/{page.pk}/",
            f"/api/v2/pages/find/?html_path={page.url}",
        )
    ],
    "geojson": lambda world: ["/data/map.geojson", "/data/map.geojson?type=event"],
    "csv": lambda world: [
        url + "csv/" for page_type in LABELS for url in parents_of(world, page_type)
    ],
    "ical": lambda world: [url + "calendar/" for url in parents_of(world, "event")],
    "recent changes": lambda world: [reverse("recent_changes")],
    "atom feed": lambda world: [reverse("recent_changes_feed")],
    "sitemap": lambda world: ["/sitemap.xml"],
    "backlinks": lambda world: [
        world["target"].url,
        world["target"].url + "links-here/",
    ],
    "chronology": lambda world: [
        world["chronology"].url,
        world["chronology"].url + "json/",
    ],
    "genealogy": lambda world: [world["genealogy"].url],
    "skos": lambda world: [url + "skos/" for url in parents_of(world, "concept")],
    # Public pages that link to the hidden ones: relations, JSON-LD, API, CSV.
    "links from public pages": lambda world: (
        [
            url
            for page in world["referrers"].values()
            for url in (page.url, f"/api/v2/pages/{page.pk}/")
        ]
        + [world["indexes"]["event"].url + "csv/"]
    ),
}


def fetch(client, url):
    response = client.get(url, follow=url.startswith("/api/v2/pages/find/"))
    assert response.status_code < 500, (url, response.status_code)
    return response.content.decode()


def without_echo(body, page):
    """The body without the address asked for, which an error page may repeat."""
    return body.replace(page.slug, "")


@pytest.mark.parametrize("output", OUTPUTS)
def test_hidden_pages_stay_out_of_every_output(client, world, output):
    bodies = {url: fetch(client, url) for url in unique(OUTPUTS[output](world))}
    if output == "page+history+diffs+cite":
        for pages in world["hidden"].values():
            for page in pages.values():
                bodies = {
                    url: without_echo(body, page) if url.startswith(page.url) else body
                    for url, body in bodies.items()
                }

    leaks = {
        kind: [url for url, body in bodies.items() if marker_of(kind) in body]
        for kind in HIDDEN_KINDS
    }
    assert {kind: urls for kind, urls in leaks.items() if urls} == {}, output
    # The same output shows a public page built the same way.
    assert any(PUBLIC_MARKER in body for body in bodies.values()), output


# What a hidden page's own addresses answer.

LOGIN_KINDS = {"login", "groups", "inherited", "private_revisions"}


@pytest.mark.parametrize("kind", HIDDEN_KINDS)
def test_hidden_page_routes_answer_404_login_or_password(client, world, kind):
    for page in world["hidden"][kind].values():
        urls = page_urls(page)
        for url in urls:
            response = client.get(url)
            body = without_echo(response.content.decode(), page)
            assert marker_of(kind) not in body, url
            if kind in ("draft", "unpublished", "scheduled"):
                assert response.status_code == 404, url
            elif kind in LOGIN_KINDS:
                assert response.status_code == 302, url
                assert "/_util/login/?next=" in response["Location"], url
            elif kind == "password":
                assert response.status_code == 200, url
                assert 'name="password"' in body, url
        if kind == "newer_draft":
            draft = page.get_latest_revision()
            assert client.get(page.url).status_code == 200
            assert client.get(f"{page.url}history/{draft.pk}/").status_code == 404
            live = page.live_revision_id
            compare = f"{page.url}history/{live}/{draft.pk}/"
            assert client.get(compare).status_code == 404


def test_a_public_page_s_routes_answer(client, world):
    """The control for the test above: the same routes of a public page work."""
    page = world["public"]["event"]
    live, earlier = page.live_revision_id, page.revisions.order_by("pk")[0].pk
    for url in (
        page.url,
        page.url + "history/",
        f"{page.url}history/{live}/",
        f"{page.url}history/{earlier}/{live}/",
        page.url + "cite/bibtex/",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert PUBLIC_MARKER in response.content.decode(), url


def test_previews_need_an_account(client, world):
    page = world["hidden"]["draft"]["event"]
    for url in (
        reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk]),
        reverse("wagtailadmin_pages:view_draft", args=[page.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("wagtailadmin_login")), url


def test_the_language_switcher_skips_a_restricted_translation(
    client, world, publish_translation
):
    page = world["public"]["concept"]
    english = publish_translation(page, slug="zqxrestrictedtranslation")
    assert english.slug in client.get(page.url).content.decode()

    restrict(english, PageViewRestriction.LOGIN)

    assert english.slug not in client.get(page.url).content.decode()


@pytest.mark.parametrize(
    "url",
    ["/data/map.geojson", reverse("recent_changes_feed"), "/sitemap.xml"],
)
def test_a_page_restricted_after_being_shown_leaves_the_output(client, world, url):
    """What an output cached while the page was public does not outlive it."""
    marker = "zqxshown"
    page = PAGE_TYPES["event"][0](
        parent=world["indexes"]["event"], slug=marker, **content(marker, "event")
    )
    page.save_revision().publish()
    assert marker in client.get(url).content.decode()

    restrict(page, PageViewRestriction.LOGIN)

    assert marker not in client.get(url).content.decode()
