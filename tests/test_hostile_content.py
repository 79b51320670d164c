"""Editors cannot inject script into public pages or the data the atlas publishes.

Every payload of tests/payloads.py goes into every editor-controlled field of every
page type (title, summary, each StreamField block's text and URLs, rich text with
script links, captions and alt texts, inline relations, tags, categories, the change
note), the page is published, and every output that repeats these fields is read
back: the page, its history, old version, diff, backlinks and citations, the
listings, search, chronology, genealogy, map, recent changes and its feed, the API,
GeoJSON, CSV, iCal and SKOS. HTML is checked with a parser: no script, event
handler or script address came from a payload.

Values are stored the way the admin stores them: rich text through the editor's own
converter, plain and URL fields only when the field's validation accepts them.
"""

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.test import Client
from icalendar import Calendar
from wagtail.admin.panels import get_edit_handler
from wagtail.admin.rich_text.converters.contentstate import ContentstateConverter
from wagtail.fields import RichTextField, StreamField
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Page

from pages.blocks import ArticleBodyBlock, MissionsBlock
from pages.csv_export import FORMULA_TRIGGERS
from pages.models import Category, HomePage
from tests.factories import PAGE_TYPES, publish_views
from tests.payloads import SCRIPT_URLS, URL_PAYLOADS, XSS_PAYLOADS

pytestmark = pytest.mark.django_db

# Made first, so that later types link to this payload's pages of earlier ones.
TYPE_ORDER = ["actor", "chamber", "event", "concept", "text", "commons"]


def types_for(number):
    """The two page types payload `number` fills, in turn: each payload meets the
    fields all pages share twice, each type's own fields meet a third of the payloads
    (every payload in every type would build 132 pages, for little more)."""
    if XSS_PAYLOADS[number].startswith(FORMULA_TRIGGERS):
        return TYPE_ORDER  # every type's CSV export must neutralise formulas
    return [TYPE_ORDER[number % 6], TYPE_ORDER[(number + 3) % 6]]


PAYLOADS_AND_TYPES = [
    (number, page_type)
    for number in range(len(XSS_PAYLOADS))
    for page_type in types_for(number)
]
# Fields an editor cannot fill with free text.
NOT_FREE_TEXT = {"slug", "wikidata_id", "contact_email"}
RICH_TEXT = ContentstateConverter(features=["bold", "italic", "link", "ol", "ul"])
SCRIPT_SCHEMES = ("javascript:", "vbscript:", "data:text/html")
URL_ATTRIBUTES = ("href", "src", "action", "formaction", "xlink:href", "data", "poster")
# Elements no page of the atlas has: any would come from content.
FOREIGN_ELEMENTS = ("iframe", "object", "embed", "base", "frame", "frameset", "math")
INJECTED_HEADER = re.compile(r"\r?\n(BEGIN|END|ATTACH|[A-Z-]+;)", re.IGNORECASE)


def marker(number, field):
    """Ends a payload in one field: where the marker shows, the field's text does.

    Bars part the number from the field's name for both full-text search parsers
    (PostgreSQL reads "~0_title" as a file name): "title" is a word that search
    finds in every title.
    """
    return f"|{number}|{field}|"


class Filler:
    """The values one payload gives each field, as the admin would store them."""

    def __init__(self, number, payload):
        self.number, self.payload = number, payload
        self.url_payload = URL_PAYLOADS[number % len(URL_PAYLOADS)]
        self.script_url = SCRIPT_URLS[number % len(SCRIPT_URLS)]
        self.fields = set()  # every field path filled whole, marker included

    def text(self, field, max_length=None):
        value = self.payload + marker(self.number, field)
        if max_length and len(value) > max_length:
            return value[:max_length]
        self.fields.add(field)
        return value

    def url(self, field):
        self.fields.add(field)
        return f"{self.url_payload}#{marker(self.number, field)}"

    def rich(self, field):
        """Rich text with the payload and two links, through the editor's converter."""
        text = self.text(field)
        links = "lien autre"
        contentstate = {
            "blocks": [
                block("a", text),
                block(
                    "b",
                    links,
                    [
                        {"offset": 0, "length": 4, "key": 0},
                        {"offset": 5, "length": 5, "key": 1},
                    ],
                ),
            ],
            "entityMap": {
                "0": link_entity(self.script_url),
                "1": link_entity(self.url(f"{field}.link")),
            },
        }
        return RICH_TEXT.to_database_format(json.dumps(contentstate))

    def article_body(self, prefix, image, page):
        t = lambda name, **kw: self.text(f"{prefix}.{name}", **kw)  # noqa: E731
        return [
            {"type": "heading", "value": {"text": t("heading"), "level": "h2"}},
            {"type": "paragraph", "value": self.rich(f"{prefix}.paragraph")},
            {
                "type": "definition",
                "value": {
                    "term": t("definition.term"),
                    "definition": self.rich(f"{prefix}.definition.definition"),
                    "source": t("definition.source"),
                },
            },
            {
                "type": "key_figures",
                "value": {
                    "heading": t("key_figures.heading"),
                    "figures": [
                        {
                            "label": t("key_figures.label"),
                            "value": t("key_figures.value"),
                            "unit": t("key_figures.unit"),
                            "year": 2024,
                        }
                    ],
                },
            },
            {
                "type": "quote",
                "value": {
                    "quote": t("quote.quote"),
                    "attribution": t("quote.attribution"),
                    "source": t("quote.source"),
                    "lang": "",
                },
            },
            {
                "type": "image",
                "value": {
                    "image": image.pk,
                    "alt_text": t("image.alt_text"),
                    "decorative": False,
                    "caption": t("image.caption"),
                    "credit": t("image.credit"),
                },
            },
            {
                "type": "embed",
                "value": {
                    "embed": self.url(f"{prefix}.embed.url"),
                    "title": t("embed.title"),
                    "caption": t("embed.caption"),
                },
            },
            {
                "type": "callout",
                "value": {
                    "kind": "warning",
                    "title": t("callout.title"),
                    "text": self.rich(f"{prefix}.callout.text"),
                },
            },
            {
                "type": "table",
                "value": {
                    "caption": t("table.caption"),
                    "columns": [
                        {"type": "text", "heading": t("table.heading")},
                        {"type": "figure", "heading": "Nombre"},
                        {"type": "rich_text", "heading": "Note"},
                    ],
                    "rows": [
                        {
                            "values": [
                                t("table.text"),
                                t("table.figure"),
                                self.rich(f"{prefix}.table.rich_text"),
                            ]
                        }
                    ],
                },
            },
            {
                "type": "timeline",
                "value": {
                    "heading": t("timeline.heading"),
                    "intro": self.rich(f"{prefix}.timeline.intro"),
                    "entries": [
                        {
                            "date": {"year": 2014, "month": 7, "day": 3},
                            "end_date": {"year": None, "month": "", "day": None},
                            "title": t("timeline.title", max_length=255),
                            "description": self.rich(f"{prefix}.timeline.description"),
                            "kind": "event",
                            "page": None,
                            "url": self.url(f"{prefix}.timeline.url"),
                        },
                        {
                            "date": {"year": 2015, "month": "", "day": None},
                            "end_date": {"year": None, "month": "", "day": None},
                            "title": t("timeline.linked_title"),
                            "description": "",
                            "kind": "milestone",
                            "page": page.pk if page else None,
                            "url": "",
                        },
                    ],
                },
            },
            {
                "type": "sources",
                "value": {
                    "heading": t("sources.heading"),
                    "sources": [
                        {
                            "title": t("sources.title"),
                            "author": t("sources.author"),
                            "publisher": t("sources.publisher"),
                            "year": 1990,
                            "url": self.url(f"{prefix}.sources.url"),
                            "accessed": "2024-05-01",
                            "note": t("sources.note"),
                        }
                    ],
                },
            },
        ]

    def missions(self):
        return [
            {
                "type": "mission",
                "value": {
                    "title": self.text("missions.title"),
                    "actions": [self.text("missions.action")],
                },
            }
        ]


def block(key, text, entity_ranges=()):
    return {
        "key": key,
        "type": "unstyled",
        "depth": 0,
        "text": text,
        "inlineStyleRanges": [],
        "entityRanges": list(entity_ranges),
    }


def link_entity(url):
    return {"type": "LINK", "mutability": "MUTABLE", "data": {"url": url}}


def accepted(field, value, instance):
    """The value if the field's own validation (the admin's) accepts it, else None."""
    try:
        field.clean(value, instance)
    except ValidationError:
        return None
    return value


def fill_model_fields(instance, names, filler, prefix, related, image):
    """Give each free-text, URL and rich-text field of `names` the payload."""
    for name in names:
        try:
            field = instance._meta.get_field(name)
        except FieldDoesNotExist:  # a form-only field (change_note)
            continue
        path = f"{prefix}{name}"
        if name in NOT_FREE_TEXT or getattr(field, "choices", None):
            continue
        if isinstance(field, RichTextField):
            setattr(instance, name, filler.rich(path))
        elif isinstance(field, StreamField):
            if isinstance(field.stream_block, MissionsBlock):
                setattr(instance, name, filler.missions())
            elif isinstance(field.stream_block, ArticleBodyBlock):
                setattr(
                    instance,
                    name,
                    filler.article_body(path, image, related.get("commons")),
                )
        elif isinstance(field, models.URLField):
            value = accepted(field, filler.url(path), instance)
            if value is None:
                filler.fields.discard(path)
            else:
                setattr(instance, name, value)
        elif name == "same_as":
            setattr(instance, name, filler.url(path))
        elif isinstance(field, models.CharField | models.TextField):
            value = filler.text(path, field.max_length)
            if accepted(field, value, instance) is not None:
                setattr(instance, name, value)
        elif isinstance(field, models.ForeignKey) and issubclass(
            field.related_model, Page
        ):
            setattr(instance, name, related_page(field.related_model, related))


def related_page(model, related):
    """This payload's page of the model when made already, else a clean one."""
    for page in related.values():
        if isinstance(page, model):
            return page
    return related["clean"][model]


def hostile_page(page_type, filler, index, related, image, category):
    """A page of the type with the payload in every field an editor can fill."""
    page = PAGE_TYPES[page_type][0](
        parent=index, title=f"Propre {page_type} {filler.number}"
    )
    page.latitude, page.longitude = 45.0 + filler.number / 100, 3.0
    page.save_revision().publish()  # a clean first version, for the diff
    page = type(page).objects.get(pk=page.pk)

    form_class = get_edit_handler(type(page)).get_form_class()
    fill_model_fields(page, form_class._meta.fields, filler, "", related, image)
    page.cover_image = image
    page.tags.add(filler.text("tags", 100))
    page.categories.set([category])
    for relation, options in form_class._meta.formsets.items():
        if relation == "wagtail_admin_comments":
            continue
        child_model = getattr(type(page), relation).rel.related_model
        child = child_model()
        fill_model_fields(
            child, options["fields"], filler, f"{relation}.", related, image
        )
        for field in child_model._meta.get_fields():
            if (
                isinstance(field, models.CharField)
                and field.choices
                and not getattr(child, field.name)
            ):
                setattr(child, field.name, field.choices[0][0])
        getattr(page, relation).add(child)
    page.pending_change_note = filler.text("change_note", 255)
    page.save_revision().publish()
    return page


@pytest.fixture(autouse=True)
def media_root():
    """Keep the module's media folder (module_db's), where its images are."""


@pytest.fixture(scope="module")
def atlas(module_db):
    """Clean pages of each type, then one page of each type per payload."""
    home = HomePage.objects.get(locale__language_code="fr", depth=2)
    indexes = {
        name: index_factory(parent=home)
        for name, (_factory, index_factory) in PAGE_TYPES.items()
    }
    clean = {}
    for name in TYPE_ORDER:
        page = PAGE_TYPES[name][0](parent=indexes[name], title=f"Propre {name}")
        page.latitude, page.longitude = 48.8, 2.3
        page.save_revision().publish()
        page.save_revision().publish()  # two versions, as the hostile ones have
        clean[type(page)] = clean[name] = page
    clean[Page] = clean["commons"]
    views = publish_views(home)
    # What each listing holds before any payload: its scripts are the baseline.
    client = Client()
    listings = {
        **{name: page.url for name, page in views.items()},
        **{f"index_{name}": page.url for name, page in indexes.items()},
        "search": "/fr/search/?q=title",
        "recent_changes": "/fr/recent-changes/",
    }
    baseline = {name: scripts_of(client.get(url)) for name, url in listings.items()}

    hostile = []
    fields = {}
    for number, payload in enumerate(XSS_PAYLOADS):
        filler = Filler(number, payload)
        image = Image.objects.create(
            title=filler.text("image.title", 255), file=get_test_image_file()
        )
        category = Category.objects.create(
            name=filler.text("category", 100), slug=f"categorie-{number}"
        )
        made = {"clean": clean}
        for name in types_for(number):
            # The cover image is filled with the other fields' payloads.
            made[name] = hostile_page(
                name, filler, indexes[name], made, image, category
            )
            hostile.append((number, name, made[name]))
        fields[number] = filler.fields
        FILLED["pairs"] += len(filler.fields)
    return {
        "home": home,
        "indexes": indexes,
        "clean": clean,
        "views": views,
        "baseline": baseline,
        "hostile": hostile,
        "fields": fields,
    }


# How many (payload, field) pairs reached each output: the figures of the report.
REACHED = defaultdict(int)
FILLED = {"pairs": 0}


def reached(output, text, number, fields):
    """Count and return the fields of payload `number` whose marker shows in `text`."""
    found = {field for field in fields if marker(number, field) in text}
    REACHED[output] += len(found)
    return found


def visible_text(soup):
    """Text and attribute values: where a field's text can land."""
    attributes = [
        " ".join(value) if isinstance(value, list) else value
        for element in soup.find_all(True)
        for value in element.attrs.values()
    ]
    return soup.get_text() + " ".join(attributes)


def scripts_of(response):
    assert response.status_code == 200, response.status_code
    soup = BeautifulSoup(response.content, "html.parser")
    return Counter(
        (script.get("type", ""), script.get("src", "")) for script in soup("script")
    )


def is_script_url(value):
    compact = re.sub(r"[\x00-\x20]", "", value).lower()
    return compact.startswith(SCRIPT_SCHEMES)


def assert_inert_html(html, scripts):
    """No element, handler or address in `html` that runs script, beyond `scripts`.

    `scripts` counts the site's own script elements by (type, src) on the same view
    without payloads; JSON ones must still parse, whatever text they hold.
    """
    soup = BeautifulSoup(html, "html.parser")
    found = Counter((s.get("type", ""), s.get("src", "")) for s in soup("script"))
    assert found == scripts
    for script in soup.find_all("script", type=re.compile("json")):
        json.loads(script.string)
    for element in soup.find_all(True):
        assert element.name not in FOREIGN_ELEMENTS, element
        for name, value in element.attrs.items():
            assert not name.lower().startswith("on"), element
            assert name.lower() != "srcdoc", element
            if name.lower() in URL_ATTRIBUTES:
                assert not is_script_url(value), element
        if element.name == "meta" and element.get("http-equiv", "").lower() in (
            "refresh",
            "set-cookie",
        ):
            pytest.fail(str(element))
    return soup


RIS_LINE = re.compile(r"^[A-Z][A-Z0-9]  - [^\r\n]*$")


def balanced_braces(bibtex):
    """Every field's braces close where they open: no value ends a field early."""
    depth = 0
    for char in re.sub(r"\\[{}]", "", bibtex):
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth < 0:
            return False
    return depth == 0


def strings_in(data):
    if isinstance(data, dict):
        for value in data.values():
            yield from strings_in(value)
    elif isinstance(data, list):
        for value in data:
            yield from strings_in(value)
    elif isinstance(data, str):
        yield data


def assert_no_script_links_in_json(data):
    """Rich text in JSON (stored HTML, as the editor's converter writes it) links
    nowhere that runs script. Other strings are text, whatever they look like."""
    for text in strings_in(data):
        if text.startswith("<p data-block-key="):
            for link in BeautifulSoup(text, "html.parser")("a"):
                assert not is_script_url(link.get("href", "")), link


def get_ok(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200, (url, response.status_code)
    return response


# The site's own scripts on each view of a clean page, by (page type, view).
CLEAN_SCRIPTS = {}


@pytest.mark.parametrize(("number", "page_type"), PAYLOADS_AND_TYPES)
def test_a_page_and_its_history_run_no_payload(client, atlas, number, page_type):
    page = next(
        page for n, name, page in atlas["hostile"] if n == number and name == page_type
    )
    fields = atlas["fields"][number]
    clean = atlas["clean"][page_type]
    newer, older = list(page.revisions.order_by("-pk")[:2])
    clean_newer, clean_older = list(clean.revisions.order_by("-pk")[:2])
    urls = {
        "page": (page.url, clean.url),
        "history": (page.url + "history/", clean.url + "history/"),
        "revision": (
            page.url + f"history/{newer.pk}/",
            clean.url + f"history/{clean_newer.pk}/",
        ),
        "compare": (
            page.url + f"history/{older.pk}/{newer.pk}/",
            clean.url + f"history/{clean_older.pk}/{clean_newer.pk}/",
        ),
        "links_here": (page.url + "links-here/", clean.url + "links-here/"),
    }
    for output, (url, clean_url) in urls.items():
        response = get_ok(client, url)
        if (page_type, output) not in CLEAN_SCRIPTS:
            CLEAN_SCRIPTS[page_type, output] = scripts_of(client.get(clean_url))
        soup = assert_inert_html(response.content, CLEAN_SCRIPTS[page_type, output])
        found = reached(output, visible_text(soup), number, fields)
        assert "title" in found, output
        if output == "page":
            document = soup
    api = get_ok(client, f"/api/v2/pages/{page.pk}/").json()
    assert_no_script_links_in_json(api)
    reached("api_detail", json.dumps(api, ensure_ascii=False), number, fields)
    ris = get_ok(client, page.url + "cite/ris/").content.decode()
    assert all(RIS_LINE.match(line) for line in ris.split("\r\n") if line)
    reached("cite_ris", ris, number, fields)
    bibtex = get_ok(client, page.url + "cite/bibtex/").content.decode()
    assert balanced_braces(bibtex)
    # The page shows the title as typed: escaped once, never run as a template.
    assert document.h1.get_text() == page.title
    json_ld = [
        json.loads(script.string)
        for script in document.find_all("script", type="application/ld+json")
    ]
    assert [data["name"] for data in json_ld] == [page.title]
    # A concept's description is its definition.
    assert json_ld[0]["description"] == getattr(page, "definition", page.summary)
    reached("json_ld", json.dumps(json_ld, ensure_ascii=False), number, fields)


def test_every_field_of_the_body_shows_on_the_page(client, atlas):
    """The sweep reaches what it claims: each block's text is on the page."""
    number, _name, page = atlas["hostile"][0]
    text = visible_text(BeautifulSoup(get_ok(client, page.url).content, "html.parser"))
    expected = {
        f"body.{name}"
        for name in (
            "heading",
            "paragraph",
            "definition.term",
            "definition.source",
            "key_figures.label",
            "key_figures.value",
            "quote.quote",
            "quote.attribution",
            "image.alt_text",
            "image.caption",
            "image.credit",
            "embed.title",
            "callout.title",
            "callout.text",
            "table.caption",
            "table.text",
            "timeline.heading",
            "timeline.title",
            "timeline.description",
            "sources.title",
            "sources.note",
        )
    } | {"title", "summary", "tags", "category", "cover_caption", "cover_credit"}
    missing = {field for field in expected if marker(number, field) not in text}
    assert not missing


def pages_of(client, url, context_name, **params):
    """Every page of a paginated HTML view, as responses."""
    first = get_ok(client, url, **params)
    responses = [first]
    listed = first.context[context_name]
    for number in range(2, listed.paginator.num_pages + 1 if listed else 0):
        responses.append(get_ok(client, url, **params, page=number))
    return responses


def all_fields(atlas):
    return {(n, field) for n, fields in atlas["fields"].items() for field in fields}


def count_reached(output, texts, atlas):
    """How many (payload, field) pairs show in the output's texts."""
    text = "\n".join(texts)
    found = {
        (number, field)
        for number, field in all_fields(atlas)
        if marker(number, field) in text
    }
    REACHED[output] += len(found)
    return found


HTML_LISTINGS = {
    # output: (baseline name, URL of, context of its page of items, parameters)
    **{
        f"index_{name}": (f"index_{name}", None, "page_of_results", {})
        for name in PAGE_TYPES
    },
    "search": ("search", lambda atlas: "/fr/search/", "results", {"q": "title"}),
    "recent_changes": (
        "recent_changes",
        lambda atlas: "/fr/recent-changes/",
        "entries",
        {},
    ),
    "chronology": ("chronology", None, "page_of_entries", {}),
    "genealogy": ("genealogy", None, None, {}),
    "map": ("map", None, None, {}),
}


@pytest.mark.parametrize("output", list(HTML_LISTINGS))
def test_listings_run_no_payload(client, atlas, output):
    baseline, url_of, context_name, params = HTML_LISTINGS[output]
    if url_of:
        url = url_of(atlas)
    elif output.startswith("index_"):
        url = atlas["indexes"][output.removeprefix("index_")].url
    else:
        url = atlas["views"][output].url
    if context_name:
        responses = pages_of(client, url, context_name, **params)
    else:
        responses = [get_ok(client, url, **params)]
    texts = [
        visible_text(assert_inert_html(r.content, atlas["baseline"][baseline]))
        for r in responses
    ]
    found = count_reached(output, texts, atlas)
    # Every payload's titles are listed (glossary, indexes, search…), or the check
    # above proved nothing.
    titled = {number for number, field in found if field == "title"}
    if output == "search":
        # PostgreSQL's parser reads a title made of tags alone (payload 11) as
        # markup, without a word to find.
        assert len(titled) >= len(XSS_PAYLOADS) - 1, titled
    elif output.startswith("index_"):
        page_type = output.removeprefix("index_")
        assert titled == numbers_of(atlas, page_type), output
    elif output != "genealogy":
        assert titled == set(range(len(XSS_PAYLOADS))), output


def numbers_of(atlas, page_type):
    """The payloads that went into pages of the type."""
    return {number for number, name, _page in atlas["hostile"] if name == page_type}


def test_the_feed_renders_no_payload_in_readers(client, atlas):
    for page_type in PAGE_TYPES:
        feed = ET.fromstring(
            get_ok(client, "/fr/recent-changes/feed/", type=page_type).content
        )
        summaries = [
            entry.find("{http://www.w3.org/2005/Atom}summary").text or ""
            for entry in feed.iter("{http://www.w3.org/2005/Atom}entry")
        ]
        assert summaries
        for summary in summaries:
            rendered = BeautifulSoup(summary, "html.parser")
            assert rendered.find_all(True) == []
        count_reached("feed", [ET.tostring(feed, encoding="unicode")], atlas)


def test_json_outputs_parse_and_keep_every_title(client, atlas):
    titles = {page.title for _n, _name, page in atlas["hostile"]}
    geojson = get_ok(client, "/data/map.geojson").json()
    mapped = {f["properties"]["title"] for f in geojson["features"]}
    assert (
        titles
        - {p.title for _n, name, p in atlas["hostile"] if name in ("concept", "text")}
        <= mapped
    )
    count_reached("geojson", [json.dumps(geojson, ensure_ascii=False)], atlas)

    chronology = get_ok(client, atlas["views"]["chronology"].url + "json/").json()
    assert_no_script_links_in_json(chronology)
    count_reached(
        "chronology_json", [json.dumps(chronology, ensure_ascii=False)], atlas
    )

    skos = get_ok(client, atlas["indexes"]["concept"].url + "skos/").json()
    count_reached("skos", [json.dumps(skos, ensure_ascii=False)], atlas)

    suggestions = get_ok(client, "/fr/search/suggest/", q="title").json()
    assert suggestions
    count_reached("suggest", [json.dumps(suggestions, ensure_ascii=False)], atlas)

    texts = []
    for page_type in PAGE_TYPES:
        model = PAGE_TYPES[page_type][0]._meta.model
        offset = 0
        while True:
            listing = get_ok(
                client,
                "/api/v2/pages/",
                type=f"pages.{model.__name__}",
                fields="*",
                limit=20,
                offset=offset,
            ).json()
            assert_no_script_links_in_json(listing)
            texts.append(json.dumps(listing, ensure_ascii=False))
            offset += 20
            if offset >= listing["meta"]["total_count"]:
                break
    count_reached("api_listing", texts, atlas)


@pytest.mark.parametrize("page_type", list(PAGE_TYPES))
def test_csv_exports_neutralise_every_formula(client, atlas, page_type):
    response = get_ok(client, atlas["indexes"][page_type].url + "csv/")
    text = response.content.decode()
    rows = list(csv.reader(io.StringIO(text)))
    cells = [cell for row in rows[1:] for cell in row]
    # The header, the clean page, the payloads' pages.
    assert len(rows) == len(numbers_of(atlas, page_type)) + 2
    assert not [cell for cell in cells if cell.startswith(FORMULA_TRIGGERS)]
    # The formula payloads are there, quoted.
    assert any(cell.startswith("'=HYPERLINK") for cell in cells)
    count_reached("csv", [text], atlas)


def test_the_calendar_holds_one_event_per_event_page(client, atlas):
    body = get_ok(client, atlas["indexes"]["event"].url + "calendar/").content
    calendar = Calendar.from_ical(body)
    events = calendar.walk("VEVENT")
    # No payload line break started a property or an event of its own.
    expected = [p.title for _n, name, p in atlas["hostile"] if name == "event"]
    expected.append(atlas["clean"]["event"].title)
    titles = [str(event["SUMMARY"]) for event in events]
    assert sorted(titles) == sorted(t.replace("\r\n", "\n") for t in expected)
    count_reached("ical", [body.decode()], atlas)


@pytest.fixture(scope="module", autouse=True)
def report(request):
    """Report how many (payload, field) pairs each output showed (with -s)."""
    yield
    terminal = request.config.pluginmanager.get_plugin("terminalreporter")
    if terminal and REACHED:
        terminal.write_line(
            f"\n{len(XSS_PAYLOADS)} payloads; (payload, field) pairs filled: "
            f"{FILLED['pairs']}, shown per output:"
        )
        for output, count in sorted(REACHED.items()):
            terminal.write_line(f"  {output}: {count}")
