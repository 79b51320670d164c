"""Wagtail's publish_scheduled, run by one process at a time.

Wagtail's command selects the due revisions and expired pages, then publishes or
unpublishes each: two runs started together (two cron hosts, a slow run overlapping
the next) both select the same rows and publish them twice. This command takes a lock
for the whole run; a second run waits for it, then finds nothing left to do.

It replaces Wagtail's because `pages` comes before `wagtail` in INSTALLED_APPS (Django
takes a command from the first app that has it).
"""

import fcntl
import hashlib
from contextlib import contextmanager, nullcontext
from pathlib import Path

from django.conf import settings
from django.db import connection
from wagtail.management.commands import publish_scheduled


def advisory_lock_key(name):
    """A stable 64-bit key for PostgreSQL's advisory locks, from a name."""
    digest = hashlib.sha256(name.encode()).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


LOCK_KEY = advisory_lock_key("atlas.publish_scheduled")


@contextmanager
def postgres_lock():
    # A session lock rather than a transaction's: each object is still published in
    # its own transaction, as Wagtail does; the lock goes with the connection anyway
    # if the process dies.
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_lock(%s)", [LOCK_KEY])
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s)", [LOCK_KEY])


@contextmanager
def file_lock():
    # SQLite lives on one machine: a lock file beside the database serialises runs.
    database = Path(settings.DATABASES["default"]["NAME"])
    path = database.with_name(f"{database.name}.publish_scheduled.lock")
    with path.open("w") as lock_file:
        fcntl.flock(lock_file, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock_file, fcntl.LOCK_UN)


def run_lock():
    if connection.vendor == "postgresql":
        return postgres_lock()
    if connection.creation.is_in_memory_db(settings.DATABASES["default"]["NAME"]):
        return nullcontext()  # no other process can open this database
    return file_lock()


class Command(publish_scheduled.Command):
    help = (
        "Publish and unpublish what is scheduled (Wagtail's command), one run at a "
        "time: a run started while another is going waits for it to finish."
    )

    def handle(self, *args, **options):
        with run_lock():
            return super().handle(*args, **options)
