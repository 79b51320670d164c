"""The search backend: Wagtail's database backend, stemming each page in its language.

On PostgreSQL, modelsearch's backend has one text search configuration
(`SEARCH_CONFIG`) for every row, and all backends share one IndexEntry table, so a
backend per language would overwrite the others' rows. This backend chooses the
configuration per object when it indexes (from the object's locale, through
`LANGUAGE_CONFIGS`) and per query when it searches (from the active language: the
site's search runs under /fr/ or /en/ and keeps to that locale; the API activates
its `?locale=`; a search across languages, such as the admin's, stems in the
user's language). Objects without a locale (images, documents) and languages without
an entry keep `SEARCH_CONFIG`, PostgreSQL's default when unset.

On SQLite (`make run`), whose FTS5 index has no French stemmer, each entry's body
also holds the Snowball stems of its words in its language, and the words of a query
are stemmed the same way, so "forêts" finds "forêt" there too. Other databases get
modelsearch's own database backend.
https://docs.wagtail.org/en/stable/topics/search/backends.html
"""

import copy
from collections import defaultdict
from contextlib import contextmanager

from django.db import connection, connections, transaction
from django.utils.translation import get_language
from modelsearch.backends import database
from modelsearch.backends.database.postgres import postgres
from wagtail.models import Locale, TranslatableMixin


def is_localised(model):
    return issubclass(model, TranslatableMixin)


def config_for(language_configs, default, language_code):
    """The configuration of a language (`en-gb` falls back to `en`), else `default`."""
    if not language_code:
        return default
    return language_configs.get(
        language_code, language_configs.get(language_code.split("-")[0], default)
    )


class LocalisedPostgresIndex(postgres.PostgresIndex):
    """Writes each object's words with its own language's configuration."""

    def add_items(self, model, objs):
        languages = {}
        if is_localised(model):
            languages = dict(Locale.objects.values_list("pk", "language_code"))
        by_config = defaultdict(list)
        for obj in objs:
            language = languages.get(getattr(obj, "locale_id", None))
            by_config[self.backend.config_for(language)].append(obj)
        for config, group in by_config.items():
            # modelsearch's ObjectIndexer reads the configuration from the backend it
            # is given: give it a copy set to this group's language.
            index = copy.copy(self)
            index.backend = copy.copy(self.backend)
            index.backend.config = config
            super(LocalisedPostgresIndex, index).add_items(model, group)


class LocalisedQueryCompiler(postgres.PostgresSearchQueryCompiler):
    """Stems the query with the configuration of the language being searched."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Read now: results are fetched later, perhaps after the language changed.
        self.language = get_language() if is_localised(self.queryset.model) else None

    def get_config(self, backend):
        return backend.config_for(self.language)


@contextmanager
def without_nested_loops(alias):
    """Plan the statements of the block with nested loops off.

    modelsearch matches `title || body`, an expression without statistics, so
    PostgreSQL guesses that 0.5 % of the index entries match. For a word on every
    page it then joins pages in a nested loop, scanning all pages once per entry:
    over a second per statement at 1,000 pages (tests/bench/test_bench_search.py),
    where a hash join takes milliseconds. The setting is put back afterwards: a
    SET LOCAL would otherwise last until the end of an enclosing transaction.
    """
    with transaction.atomic(using=alias), connections[alias].cursor() as cursor:
        cursor.execute(
            "SELECT current_setting('enable_nestloop'),"
            " set_config('enable_nestloop', 'off', true)"
        )
        previous = cursor.fetchone()[0]
        # On an error, rolling back the savepoint puts the setting back.
        yield
        cursor.execute("SELECT set_config('enable_nestloop', %s, true)", [previous])


class LocalisedSearchResults(postgres.PostgresSearchResults):
    def _do_search(self):
        with without_nested_loops(self.query_compiler.queryset.db):
            return super()._do_search()

    def _do_count(self):
        with without_nested_loops(self.query_compiler.queryset.db):
            return super()._do_count()


class LocalisedPostgresSearchBackend(postgres.PostgresSearchBackend):
    query_compiler_class = LocalisedQueryCompiler
    index_class = LocalisedPostgresIndex
    results_class = LocalisedSearchResults

    def __init__(self, params):
        super().__init__(params)
        self.language_configs = params.get("LANGUAGE_CONFIGS", {})

    def config_for(self, language_code):
        """The text search configuration of a language."""
        return config_for(self.language_configs, self.config, language_code)


def SearchBackend(params):
    """The backend for the database in use (modelsearch looks this name up)."""
    if connection.vendor == "postgresql":
        return LocalisedPostgresSearchBackend(params)
    if connection.vendor == "sqlite":
        # Imported here: its models exist only when the database is SQLite.
        from atlas.search_sqlite import StemmingSQLiteSearchBackend

        return StemmingSQLiteSearchBackend(params)
    return database.SearchBackend(params)
