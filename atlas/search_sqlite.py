"""The SQLite side of the search backend (atlas/search_backend.py): Snowball stems.

SQLite's FTS5 index has no French stemmer. Each entry's body also holds the stems of
its words in its language, and the words of a query are stemmed the same way, so
"forêts" finds "forêt" on the SQLite database of `make run` too. Only imported on
SQLite: modelsearch's SQLite module loads models that exist there alone.
"""

import re

import snowballstemmer
from django.utils.translation import get_language
from modelsearch.backends.database.sqlite import sqlite
from modelsearch.query import PlainText
from modelsearch.utils import get_content_type_pk
from wagtail.models import Locale

from atlas.search_backend import config_for, is_localised

WORD = re.compile(r"\w+")


def stems(text, algorithm):
    """The Snowball stems of the words of `text` that differ from the word itself."""
    words = {word.lower() for word in WORD.findall(text)}
    stemmer = snowballstemmer.stemmer(algorithm)
    return sorted({stemmer.stemWord(word) for word in words} - words)


class StemmingSQLiteIndex(sqlite.SQLiteIndex):
    """Adds to each localised entry's body the stems of its words, in its language."""

    def add_items(self, model, objs):
        super().add_items(model, objs)
        if not is_localised(model):
            return
        languages = dict(Locale.objects.values_list("pk", "language_code"))
        entries = self.entries.filter(
            content_type_id=get_content_type_pk(model),
            object_id__in=[str(obj.pk) for obj in objs],
        )
        algorithms = {
            str(obj.pk): self.backend.stemmer_for(languages.get(obj.locale_id))
            for obj in objs
        }
        for entry in entries.only("pk", "object_id", "title", "body"):
            algorithm = algorithms[entry.object_id]
            added = stems(f"{entry.title} {entry.body}", algorithm) if algorithm else []
            if added:
                entries.filter(pk=entry.pk).update(
                    body=f"{entry.body} {' '.join(added)}"
                )


class StemmingSQLiteQueryCompiler(sqlite.SQLiteSearchQueryCompiler):
    """Stems the words of a query in the language being searched."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Read now: results are fetched later, perhaps after the language changed.
        self.language = get_language() if is_localised(self.queryset.model) else None
        self.algorithm = None

    def get_config(self, backend):
        # Asked for before the query is built: the backend knows the stemmers.
        self.algorithm = backend.stemmer_for(self.language)
        return super().get_config(backend)

    def build_search_query_content(self, query, config=None):
        if isinstance(query, PlainText) and self.algorithm:
            stemmer = snowballstemmer.stemmer(self.algorithm)
            words = [
                stemmer.stemWord(word.lower()) if WORD.fullmatch(word) else word
                for word in query.query_string.split()
            ]
            query = PlainText(
                " ".join(words), operator=query.operator, boost=query.boost
            )
        return super().build_search_query_content(query, config=config)


class StemmingSQLiteSearchBackend(sqlite.SQLiteSearchBackend):
    query_compiler_class = StemmingSQLiteQueryCompiler
    index_class = StemmingSQLiteIndex

    def __init__(self, params):
        super().__init__(params)
        self.language_configs = params.get("LANGUAGE_CONFIGS", {})

    def stemmer_for(self, language_code):
        """The Snowball algorithm of a language (named like PostgreSQL's), or None."""
        algorithm = config_for(self.language_configs, None, language_code)
        return algorithm if algorithm in snowballstemmer.algorithms() else None
