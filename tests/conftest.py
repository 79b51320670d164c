import os
import shutil
import socket
import urllib.parse
from io import StringIO

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.cache import cache
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection, transaction
from django.test import Client, TestCase, override_settings
from wagtail.models import Locale, Page

from pages.models import HomePage


def require_system_tool(path_or_name, why):
    """Skip when a system tool is missing locally; fail in CI, where it must be present.

    `.ci/run` installs the tools and sets ATLAS_REQUIRE_SYSTEM_DEPS, so a test that
    depends on one never passes there by skipping.
    """
    if shutil.which(path_or_name):
        return
    message = f"{path_or_name} is not installed ({why}); run `make system-deps`."
    if os.environ.get("ATLAS_REQUIRE_SYSTEM_DEPS"):
        pytest.fail(message)
    pytest.skip(message)


def free_port():
    """A TCP port on 127.0.0.1 that nothing listens on, for a server of a test."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def database_url():
    """The test database's DATABASE_URL, for servers and commands in other processes."""
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    user = urllib.parse.quote(db["USER"] or "")
    password = f":{urllib.parse.quote(db['PASSWORD'])}" if db["PASSWORD"] else ""
    host = db["HOST"] or "127.0.0.1"
    port = f":{db['PORT']}" if db["PORT"] else ""
    return f"postgres://{user}{password}@{host}{port}/{db['NAME']}"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Every test writes uploads and renditions to its own temporary folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache.

    Cached data is keyed by content versions (ids of log entries); a rolled-back test
    gives its ids back, and the next test must not read what it cached.
    """
    cache.clear()


@pytest.fixture(scope="session")
def migrated_database(django_db_setup, django_db_blocker):
    """The database as the migrations left it (root, locales, home pages, groups).

    Taken once, before any test changes it, so that tests which empty the database
    (live_server tests) can put it back. Django's own serialized_rollback keeps its copy
    on the connection object, which Playwright's greenlets do not always share.
    """
    with django_db_blocker.unblock():
        return connection.creation.serialize_db_to_string()


@pytest.fixture
def restored_site(transactional_db, migrated_database):
    """A transactional test's database, refilled with what the migrations created.

    Use with `django_db(transaction=True, serialized_rollback=True)`: with the snapshot
    on the connection, the flush after the test leaves every table empty (no
    post_migrate), ready for the next restore.
    """
    connection._test_serialized_contents = migrated_database
    refill_if_empty(migrated_database)


def refill_if_empty(migrated_database):
    """Put the migrations' content back into a database a flush emptied."""
    if not Page.objects.exists():
        # A flush without serialized_rollback re-ran post_migrate, which made content
        # types and permissions under new keys: drop them for the snapshot's own.
        Permission.objects.all().delete()
        ContentType.objects.all().delete()
        # The content types first, under the snapshot's keys, and in the cache: building
        # a page (or task) object looks its type up there, and would make a missing one
        # under a new key; so would the next serialized_rollback into an empty database.
        for item in serializers.deserialize("json", migrated_database):
            if isinstance(item.object, ContentType):
                item.save()
        ContentType.objects.clear_cache()
        ContentType.objects.get_for_models(*apps.get_models())
        connection.creation.deserialize_db_from_string(migrated_database)


def run_load_demo(*options):
    """Run `load_demo` as on a real database, where on_commit work (redirects made
    on a slug change) runs; inside a test's transaction it would not. Returns what
    the command printed."""
    output = StringIO()
    with TestCase.captureOnCommitCallbacks(execute=True):
        call_command("load_demo", *options, verbosity=0, stdout=output)
    return output.getvalue()


# Where the demo atlas's tables are copied, in the test database (PostgreSQL only).
DEMO_SNAPSHOT_SCHEMA = "demo_atlas_snapshot"


@pytest.fixture(scope="session")
def demo_atlas_snapshot(django_db_setup, django_db_blocker, migrated_database):
    """The tables of the demo atlas as `load_demo` writes them, on PostgreSQL.

    Loading the demo takes half a minute and several modules read it: it is loaded
    once a session, committed, its tables copied into a schema of their own, and the
    database put back as migrated; `load_demo_atlas` copies them back in a second.
    Elsewhere (SQLite, locally) None: `load_demo_atlas` runs the command each time.
    """
    if connection.vendor != "postgresql":
        yield None
        return
    schema = connection.ops.quote_name(DEMO_SNAPSHOT_SCHEMA)
    with django_db_blocker.unblock():
        tables = connection.introspection.django_table_names(
            only_existing=True, include_views=False
        )
        refill_if_empty(migrated_database)
        run_load_demo()
        with connection.cursor() as cursor:
            cursor.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
            cursor.execute(f"CREATE SCHEMA {schema}")
            for table in map(connection.ops.quote_name, tables):
                cursor.execute(f"CREATE TABLE {schema}.{table} AS TABLE {table}")
        call_command("flush", interactive=False, inhibit_post_migrate=True, verbosity=0)
        refill_if_empty(migrated_database)
    yield tables
    with django_db_blocker.unblock(), connection.cursor() as cursor:
        cursor.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")


def load_demo_atlas(snapshot):
    """Fill the database with the demo atlas, replacing what it held.

    From `demo_atlas_snapshot` when there is one (PostgreSQL), else by `load_demo`.
    Inside a test's transaction, or committed in a transactional test.
    """
    if snapshot is None:
        run_load_demo()
        return
    schema = connection.ops.quote_name(DEMO_SNAPSHOT_SCHEMA)
    tables = [connection.ops.quote_name(table) for table in snapshot]
    models = [
        model
        for model in apps.get_models(include_auto_created=True)
        if model._meta.db_table in snapshot
    ]
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {', '.join(tables)}")
        for table in tables:
            cursor.execute(f"INSERT INTO {table} SELECT * FROM {schema}.{table}")
        for statement in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(statement)


@pytest.fixture(scope="module")
def module_db(django_db_setup, django_db_blocker, tmp_path_factory):
    """One transaction around a whole test module, rolled back after its last test.

    For content that many tests only read (hostile input, payload sweeps): built once
    by a module-scoped fixture that depends on this one, instead of once per test.
    Each test still runs in its own savepoint (the `db` fixture).
    """
    media = tmp_path_factory.mktemp("media")
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=media),
        transaction.atomic(),
    ):
        yield
        transaction.set_rollback(True)


@pytest.fixture
def locale_fr(db):
    return Locale.objects.get(language_code="fr")


@pytest.fixture
def locale_en(db):
    return Locale.objects.get(language_code="en")


@pytest.fixture
def home_fr(locale_fr):
    """The French home page the migrations create: the site root."""
    return HomePage.objects.get(locale=locale_fr, depth=2)


@pytest.fixture
def home_en(locale_en):
    """The English home page, a translation of the French one."""
    return HomePage.objects.get(locale=locale_en, depth=2)


DATABASE_FIXTURES = {"db", "transactional_db", "live_server", "restored_site"}


@pytest.fixture(scope="session", autouse=True)
def _snapshot_before_any_test(request):
    """Take the snapshot first, while the database is still as migrated.

    Only when some test uses the database: otherwise pytest-django sets up no test
    database, and the snapshot would read the development one.
    """
    if any(
        item.get_closest_marker("django_db")
        or DATABASE_FIXTURES & set(item.fixturenames)
        for item in request.session.items
    ):
        request.getfixturevalue("migrated_database")


@pytest.fixture
def indexes(home_fr):
    """One index page of each type under the French home, keyed like PAGE_TYPES."""
    from tests.factories import PAGE_TYPES

    return {
        name: index_factory(parent=home_fr)
        for name, (_page_factory, index_factory) in PAGE_TYPES.items()
    }


@pytest.fixture
def make_page(indexes):
    """Create a published page of a type under its index: make_page("commons", ...)."""
    from tests.factories import PAGE_TYPES

    def make(page_type, **fields):
        page_factory = PAGE_TYPES[page_type][0]
        page = page_factory(parent=indexes[page_type], **fields)
        page.save_revision().publish()
        page.refresh_from_db()
        return page

    return make


@pytest.fixture
def publish_translation(locale_en):
    """Publish an English translation of a page: publish_translation(page, title=…)."""

    def publish(page, **fields):
        english = page.copy_for_translation(locale_en, copy_parents=True)
        for name, value in fields.items():
            setattr(english, name, value)
        english.save_revision().publish()
        english.refresh_from_db()
        return english

    return publish


ROLES = {"editor": "Editors", "moderator": "Moderators", "translator": "Translators"}


@pytest.fixture
def users(django_user_model):
    """One user per group, each with an address for workflow notifications."""
    made = {}
    for role, group in ROLES.items():
        user = django_user_model.objects.create_user(
            role, email=f"{role}@example.org", password="pw-role-2026"
        )
        user.groups.add(Group.objects.get(name=group))
        made[role] = user
    return made


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def clients(users):
    return {role: client_for(user) for role, user in users.items()}


@pytest.fixture
def import_categories(locale_fr):
    """The categories the importers' sample mappings name."""
    from tests.factories import CategoryFactory

    return {
        slug: CategoryFactory(name=name, slug=slug)
        for slug, name in [
            ("alimentation", "Alimentation"),
            ("habitat", "Habitat"),
            ("numerique", "Numérique"),
        ]
    }


@pytest.fixture
def import_atlas(indexes, import_categories, users):
    """What imports need: the French index pages, the categories, the users."""
    return users
