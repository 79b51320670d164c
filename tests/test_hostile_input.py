"""Hostile query strings on every public endpoint: never a server error, never
reflected unescaped into HTML.

Hypothesis sends malformed and oversized values (NUL bytes, huge strings, any
unicode, negative and huge numbers, repeated parameters) to each endpoint's own
parameters and to unknown ones. Each endpoint's test builds its content once and
runs a bounded number of examples against it.
"""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pages.models import CommonsIndexPage, CommonsPage, HomePage
from tests.factories import PAGE_TYPES, publish_views
from timeline.models import ChronologyPage

pytestmark = pytest.mark.django_db

# Starts every reflected-looking value: if it ever reaches HTML unescaped, the
# response holds the tag "<x-canary".
CANARY = "\"'><x-canary>"

HOSTILE = settings(
    max_examples=25,
    deadline=None,
    # Failures print their example; nothing is written to the working copy.
    database=None,
    # The content fixture is built once per test and only read by the examples.
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)

# Characters a URL can carry: anything but lone surrogates, which no client can
# encode in UTF-8.
any_text = st.text(
    alphabet=st.characters(exclude_categories=("Cs",)), min_size=0, max_size=60
)
numbers = st.one_of(
    st.integers(min_value=-(10**30), max_value=10**30),
    st.sampled_from([0, -1, 1, 2**31, 2**63, 10**30, -(10**30)]),
).map(str)
values = st.one_of(
    any_text,
    any_text.map(lambda text: CANARY + text),
    numbers,
    st.sampled_from(
        [
            "",
            "\x00",
            "a\x00b",
            "1\x00",
            "x" * 10_000,
            CANARY * 500,
            "1e400",
            "NaN",
            "-0",
            "٣",  # an Arabic-Indic digit: int() reads it
            "9" * 5000,  # more digits than int() parses
            "\u2028\u2029",
            "‮",
            "AND OR NOT NEAR",
            '"unbalanced',
            "*",
            "-title",
            "id,title",
            "__all__",
            "../../etc/passwd",
            "pages.CommonsPage",
            "wagtailcore.Page",
            "fr",
            "xx-YY",
        ]
    ),
)


def query(names):
    """A query string: some of `names` and one unknown name, each once or repeated."""
    one_or_many = st.one_of(values, st.lists(values, min_size=2, max_size=4))
    return st.dictionaries(
        st.sampled_from([*names, "unknown"]), one_or_many, min_size=1, max_size=4
    )


def check_response(response):
    assert response.status_code < 500, response.status_code
    content_type = response.get("Content-Type", "")
    if "html" in content_type:
        assert b"<x-canary" not in response.content


def paragraph_linking_to(page):
    return [
        {
            "type": "paragraph",
            "value": f'<p>Voir <a linktype="page" id="{page.pk}">la fiche</a>.</p>',
        }
    ]


@pytest.fixture(scope="module")
def site(module_db):
    """Pages of each type, their indexes and the views over them, built once.

    Two of each type and three publications of a commons, so that every paginated
    view has more than one page at one item a page; two pages link to the commons.
    """
    home = HomePage.objects.get(locale__language_code="fr", depth=2)
    indexes = {
        name: index_factory(parent=home)
        for name, (_factory, index_factory) in PAGE_TYPES.items()
    }

    def make(name, **fields):
        page = PAGE_TYPES[name][0](parent=indexes[name], **fields)
        page.save_revision().publish()
        return page

    commons = make("commons", latitude=50.6, longitude=3.0, commune="Lille")
    for summary in ("Un jardin partagé.", "Un jardin partagé et ouvert."):
        commons.summary = summary
        commons.save_revision().publish()
    pages = {"commons": commons}
    for name in PAGE_TYPES:
        pages.setdefault(name, make(name))
        make(name, body=paragraph_linking_to(commons))
    return {
        "pages": pages,
        "indexes": indexes,
        **publish_views(home),
    }


FILTERS = ["category", "tag", "year_from", "year_to"]

# Each endpoint: how to find its URL in `site`, and the parameters it reads.
ENDPOINTS = {
    "search": (lambda site: "/fr/search/", ["q", "page", "type", "category", "locale"]),
    "suggest": (lambda site: "/fr/search/suggest/", ["q", "format"]),
    "chronology": (
        lambda site: site["chronology"].url,
        [*FILTERS, "kind", "order", "page"],
    ),
    "chronology_json": (
        lambda site: site["chronology"].url + "json/",
        [*FILTERS, "kind", "order"],
    ),
    "genealogy": (lambda site: site["genealogy"].url, ["page"]),
    "recent_changes": (
        lambda site: "/fr/recent-changes/",
        ["type", "locale", "page"],
    ),
    "recent_changes_feed": (
        lambda site: "/fr/recent-changes/feed/",
        ["type", "locale"],
    ),
    "map": (lambda site: site["map"].url, [*FILTERS, "type"]),
    "geojson": (lambda site: "/data/map.geojson", [*FILTERS, "type", "locale"]),
    "commons_index": (
        lambda site: site["indexes"]["commons"].url,
        [*FILTERS, "kind", "region", "page"],
    ),
    "events_index": (
        lambda site: site["indexes"]["event"].url,
        [*FILTERS, "kind", "region", "page"],
    ),
    "glossary": (
        lambda site: site["indexes"]["concept"].url,
        [*FILTERS, "page"],
    ),
    "csv": (
        lambda site: site["indexes"]["commons"].url + "csv/",
        [*FILTERS, "kind", "region"],
    ),
    "calendar": (lambda site: site["indexes"]["event"].url + "calendar/", ["page"]),
    "skos": (lambda site: site["indexes"]["concept"].url + "skos/", ["page"]),
    "api_pages": (
        lambda site: "/api/v2/pages/",
        [
            "search",
            "search_operator",
            "type",
            "fields",
            "order",
            "limit",
            "offset",
            "locale",
            "translation_of",
            "child_of",
            "ancestor_of",
            "descendant_of",
            "slug",
            "id",
            "title",
            "show_in_menus",
            "founded",
            "latitude",
        ],
    ),
    "api_page_detail": (
        lambda site: f"/api/v2/pages/{site['pages']['commons'].pk}/",
        ["fields", "type"],
    ),
    "api_images": (
        lambda site: "/api/v2/images/",
        ["search", "fields", "order", "limit", "offset", "title", "id"],
    ),
    "api_documents": (
        lambda site: "/api/v2/documents/",
        ["search", "fields", "order", "limit", "offset", "title", "id"],
    ),
    "page": (lambda site: site["pages"]["commons"].url, ["page", "revision"]),
    "history": (lambda site: site["pages"]["commons"].url + "history/", ["page"]),
    "compare_form": (
        lambda site: site["pages"]["commons"].url + "history/compare/",
        ["from", "to"],
    ),
    "links_here": (
        lambda site: site["pages"]["commons"].url + "links-here/",
        ["page"],
    ),
    "cite_bibtex": (
        lambda site: site["pages"]["commons"].url + "cite/bibtex/",
        ["revision"],
    ),
    "cite_ris": (
        lambda site: site["pages"]["commons"].url + "cite/ris/",
        ["revision"],
    ),
}


# Query strings no form would send: bytes that are not UTF-8, bare separators.
RAW_QUERIES = [
    "%FF%FE%00",
    "q=%C0%AF%3Cx-canary%3E&page=%00",
    "&&&=&=",
    "q=%&page",
    "page=1&page=-1&page=abc&year_from=%E2%80%AE2000",
]


@pytest.mark.parametrize("endpoint", list(ENDPOINTS))
def test_hostile_parameters_never_break_an_endpoint(client, site, endpoint):
    url_of, names = ENDPOINTS[endpoint]
    url = url_of(site)
    for raw in RAW_QUERIES:
        check_response(client.get(f"{url}?{raw}"))
    # PostgreSQL refuses NUL in any string: each parameter on its own, so that no
    # other one's error answers first.
    for name in names:
        check_response(client.get(url, {name: "a\x00b"}))

    @HOSTILE
    @given(params=query(names))
    def send(params):
        check_response(client.get(url, params))

    send()


@pytest.mark.parametrize(
    "path",
    [
        "/api/v2/pages/0/",
        "/api/v2/pages/99999999999999999999999999999/",
        "/api/v2/images/99999999999999999999999999999/",
        "/api/v2/documents/2147483648/",
        "/api/v2/pages/find/?html_path=%00",
        "/api/v2/pages/find/?html_path=/fr/%3Cx-canary%3E/",
        "/api/v2/pages/find/?id=99999999999999999999999999999",
    ],
)
def test_api_detail_with_bad_ids_is_not_found(client, site, path):
    response = client.get(path)

    assert 400 <= response.status_code < 500, response.status_code


@pytest.mark.parametrize(
    "suffix",
    [
        "history/0/",
        "history/99999999999999999999999999999/",
        "history/1/99999999999999999999999999999/",
        "history/2147483648/2147483649/",
    ],
)
def test_history_with_bad_revision_ids_is_not_found(client, site, suffix):
    response = client.get(site["pages"]["commons"].url + suffix)

    assert response.status_code == 404


# Each paginated view: its URL, its page of items in the template context, and
# where its number of items a page is set (made 1 here, for several pages).
PAGINATED = {
    "search": (
        lambda site: "/fr/search/",
        "results",
        ("atlas.views.SEARCH_RESULTS_PER_PAGE", None),
    ),
    "recent_changes": (
        lambda site: "/fr/recent-changes/",
        "entries",
        ("pages.views.RECENT_CHANGES_PER_PAGE", None),
    ),
    "index": (
        lambda site: site["indexes"]["commons"].url,
        "page_of_results",
        (CommonsIndexPage, "per_page"),
    ),
    "chronology": (
        lambda site: site["chronology"].url,
        "page_of_entries",
        (ChronologyPage, "per_page"),
    ),
    "history": (
        lambda site: site["pages"]["commons"].url + "history/",
        "page_obj",
        (CommonsPage, "history_per_page"),
    ),
    "links_here": (
        lambda site: site["pages"]["commons"].url + "links-here/",
        "page_obj",
        ("pages.models.base.BACKLINKS_PER_PAGE", None),
    ),
}

FIRST, LAST = "first", "last"


@pytest.mark.parametrize(
    ("number", "shown"),
    [
        ("2", 2),
        ("0", FIRST),
        ("-1", FIRST),
        ("-99999999999999999999", FIRST),
        ("abc", FIRST),
        ("", FIRST),
        ("1.5", FIRST),
        ("1e3", FIRST),
        ("\x00", FIRST),
        ("9" * 5000, FIRST),  # too long for a number: not one
        (str(10**30), LAST),
        ("99999", LAST),
    ],
)
@pytest.mark.parametrize("view", list(PAGINATED))
def test_page_numbers_out_of_range_show_the_first_or_last_page(
    client, site, monkeypatch, view, number, shown
):
    url_of, context_name, (target, attribute) = PAGINATED[view]
    if attribute:
        monkeypatch.setattr(target, attribute, 1)
    else:
        monkeypatch.setattr(target, 1)

    words = {"q": "résumé"} if view == "search" else {}
    response = client.get(url_of(site), {**words, "page": number})

    assert response.status_code == 200
    page = response.context[context_name]
    assert page.paginator.num_pages > 2  # several pages, or the test proves nothing
    expected = {FIRST: 1, LAST: page.paginator.num_pages}.get(shown, shown)
    assert page.number == expected
