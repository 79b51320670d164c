"""The site search: its form, its query over live pages, and highlighted summaries."""

import re
import unicodedata

import snowballstemmer
from django import forms
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import Q
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from atlas.search_backend import LocalisedPostgresSearchBackend
from pages.models import ConceptsIndexPage, MapPage
from pages.page_types import WIKI_PAGE_TYPES, wiki_type_choices
from timeline.forms import FilterForm, theme_query

QUERY_MAX_LENGTH = 200
# Control characters (NUL included) are never part of a word; PostgreSQL refuses NUL.
CONTROL = re.compile(r"[\x00-\x1f\x7f]+")
# Anything but letters, digits, apostrophes and hyphens separates words. The SQLite
# full-text backend passes quotes and operators through to FTS5, where they are syntax
# errors, and a search for punctuation matches nothing on any backend.
NON_WORD = re.compile(r"[^\w'’-]+")
WORD = re.compile(r"\w+")
# Private-use characters that mark matches until the text is escaped; removed from
# texts first, so a page cannot forge a mark.
MARK_START, MARK_END = "\ue000", "\ue001"


def visitor_query(raw):
    """What a visitor typed, bounded in length, without control characters."""
    return " ".join(CONTROL.sub(" ", raw[:QUERY_MAX_LENGTH]).split())


def clean_query(raw):
    """The words of a visitor's query, joined by single spaces and bounded in length."""
    return " ".join(NON_WORD.sub(" ", raw[:QUERY_MAX_LENGTH]).split())


class SearchForm(FilterForm):
    """The words searched, with the type and category filters of the lists."""

    q = forms.CharField(
        label=_("Words"),
        required=False,
        max_length=QUERY_MAX_LENGTH,
        widget=forms.TextInput({"type": "search"}),
    )
    type = forms.ChoiceField(label=_("Type"), required=False, choices=wiki_type_choices)
    # The search filters by what a page is, not by theme or period.
    tag = None
    year_from = None
    year_to = None

    field_order = ["q", "type", "category"]

    def __init__(self, data=None, **kwargs):
        if data is not None:
            data = data.copy()
            data["q"] = visitor_query(data.get("q", ""))
        super().__init__(data, **kwargs)


def search_pages(words, filters, locale):
    """Live, public pages of `locale` matching `words` and the filters, best first."""
    pages = Page.objects.live().public().filter(locale=locale)
    models = [WIKI_PAGE_TYPES[filters["type"]]] if "type" in filters else None
    if models:
        pages = pages.filter(
            content_type__in=ContentType.objects.get_for_models(*models).values()
        )
    if "category" in filters:
        # Categories belong to each page type: gather the ids of each type's pages.
        # The search backend filters on Page fields only (`id` is one).
        in_category = Q()
        for model in models or WIKI_PAGE_TYPES.values():
            matching = model.objects.filter(theme_query(filters))
            in_category |= Q(id__in=matching.values("pk"))
        pages = pages.filter(in_category)
    return pages.search(words)


def descriptions(pages):
    """Each page's text for results, by id: its search description, or its summary.

    One query for a list of pages of any types (a UNION over the wiki's types),
    rather than one per type as `.specific()` would run.
    """
    ids = [page.pk for page in pages]
    if not ids:
        return {}
    summaries = [
        model.objects.filter(pk__in=ids).order_by().values_list("pk", "summary")
        for model in WIKI_PAGE_TYPES.values()
    ]
    found = dict(summaries[0].union(*summaries[1:]))
    return {
        page.pk: page.search_description or found.get(page.pk, "") for page in pages
    }


def highlight(texts, words):
    """`texts` escaped, with the words that match `words` in <mark>.

    On PostgreSQL, `ts_headline` with the language's configuration marks what the
    search matched, inflections included ("forêts" marks "forêt"). On SQLite the
    words with the same Snowball stem are marked, ignoring case and accents as FTS5
    does; elsewhere the same words.
    """
    texts = [text.replace(MARK_START, "").replace(MARK_END, "") for text in texts]
    backend = get_search_backend()
    if not words or not texts:
        marked = texts
    elif isinstance(backend, LocalisedPostgresSearchBackend):
        marked = headlines(texts, words, backend.config_for(get_language()))
    else:
        stemmer_for = getattr(backend, "stemmer_for", None)
        algorithm = stemmer_for(get_language()) if stemmer_for else None
        marked = [mark_words(text, words, algorithm) for text in texts]
    return [
        # Escaped first: the only markup is our marks.
        mark_safe(  # nosec B308, B703
            escape(text).replace(MARK_START, "<mark>").replace(MARK_END, "</mark>")
        )
        for text in marked
    ]


def headlines(texts, words, config):
    """PostgreSQL's `ts_headline` of each text, whole, matches between our marks."""
    options = f'StartSel="{MARK_START}", StopSel="{MARK_END}", HighlightAll=true'
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT ts_headline(cfg, text, plainto_tsquery(cfg, %s), %s)"
            " FROM unnest(%s::text[]) WITH ORDINALITY AS t(text, n),"
            " CAST(coalesce(%s, current_setting('default_text_search_config'))"
            " AS regconfig) AS cfg ORDER BY n",
            [words, options, texts, config],
        )
        return [row[0] for row in cursor.fetchall()]


def folded(word):
    """A word without case or accents."""
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def mark_words(text, words, algorithm=None):
    """`text` with the words matching `words` between our marks: the same words, or
    with a Snowball `algorithm`, the words of the same stem."""
    stem = snowballstemmer.stemmer(algorithm).stemWord if algorithm else str

    def key(word):
        return folded(stem(word.lower()))

    wanted = {key(word) for word in WORD.findall(words)}
    return WORD.sub(
        lambda match: (
            f"{MARK_START}{match[0]}{MARK_END}" if key(match[0]) in wanted else match[0]
        ),
        text,
    )


def suggested_pages(locale):
    """The glossary and the map of `locale`, by model name, when they are live."""
    pages = (
        Page.objects.live()
        .public()
        .filter(
            locale=locale,
            content_type__in=ContentType.objects.get_for_models(
                ConceptsIndexPage, MapPage
            ).values(),
        )
        .select_related("content_type")
        .order_by("path")
    )
    suggestions = {}
    for page in pages:
        suggestions.setdefault(page.content_type.model, page)
    return suggestions
