"""Harness of the load, fault and two-server tests: real gunicorn servers on PostgreSQL.

Each test serves the project with gunicorn on 127.0.0.1, on the test database (its
transactional tests commit what they write, so the servers see it), and reads it over
HTTP from threads. They run short in CI; ATLAS_FULL_LENGTH=1 runs them at the length
of issue #11 (50 readers for 60 seconds).
"""

import http.client
import http.cookiejar
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.core.cache import caches
from django.core.management import call_command
from django.db import connection

from tests.conftest import free_port, require_system_tool

BASE_DIR = Path(__file__).resolve().parent.parent.parent
GUNICORN = Path(sys.executable).parent / "gunicorn"
FULL_LENGTH = os.environ.get("ATLAS_FULL_LENGTH") == "1"
SERVER_START_TIMEOUT = 30
REQUEST_TIMEOUT = 10


def require_postgresql():
    """Skip on SQLite locally; fail in CI, where these tests must run."""
    if connection.vendor == "postgresql":
        return
    message = (
        "load tests need PostgreSQL: set DATABASE_URL=postgres://… "
        "(gunicorn's processes share the database with the test)"
    )
    if os.environ.get("ATLAS_REQUIRE_SYSTEM_DEPS"):
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(autouse=True)
def _postgresql_only():
    """Before any server starts: the servers need the test's database over TCP."""
    require_postgresql()


CACHE_TABLE = "atlas_cache"


@pytest.fixture(autouse=True)
def shared_page_cache(_postgresql_only, restored_site, settings):
    """The servers' cache (CACHE_URL=db://atlas_cache) is the test process's too, so
    that a publication by the editor here invalidates what the servers cached."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": CACHE_TABLE,
        }
    }
    call_command("createcachetable", verbosity=0)
    caches["default"].clear()


def server_environment(db_url, **extra):
    """Test settings on `db_url`, persistent connections, no two-factor sign-in, and
    the page cache on, shared with the test process as production shares it between
    its processes (shared_page_cache)."""
    return {
        **{k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")},
        "DJANGO_SETTINGS_MODULE": "atlas.settings.test",
        "DATABASE_URL": db_url,
        "DATABASE_CONN_MAX_AGE": "60",
        "DJANGO_2FA_REQUIRED": "0",
        "ATLAS_PAGE_CACHE_SECONDS": "600",
        "CACHE_URL": f"db://{CACHE_TABLE}",
        **extra,
    }


# Fetching ---------------------------------------------------------------------------


def fetch(base_url, path, timeout=REQUEST_TIMEOUT):
    """GET over a fresh connection without cookies: (status, body, headers), status 0
    if no answer came."""
    address = urllib.parse.urlsplit(base_url)
    conn = http.client.HTTPConnection(address.hostname, address.port, timeout=timeout)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        return response.status, response.read().decode(), dict(response.getheaders())
    except (OSError, http.client.HTTPException):
        return 0, "", {}
    finally:
        conn.close()


def get(base_url, path, timeout=REQUEST_TIMEOUT):
    """(status, body) of a GET: see fetch."""
    return fetch(base_url, path, timeout)[:2]


def report(figures):
    """Print a test's figures: `pytest -s` shows them, for the notes of issue #11."""
    print(f"\n{figures}")  # noqa: T201


def wait_until(condition, timeout, interval=0.05):
    """Poll `condition` until it is true or `timeout` seconds pass: the seconds it took,
    or None."""
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        if condition():
            return time.monotonic() - start
        time.sleep(interval)
    return None


def healthy(base_url):
    return get(base_url, "/health/", timeout=2)[0] == 200


MARKER = re.compile(r"rev-\d{4}")


def heading(html):
    """The text of the page's <h1>: its title."""
    found = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.DOTALL)
    return found.group(1).strip() if found else None


def page_markers(html):
    """The revision markers of a page: in <title>, <h1> and the body's paragraph."""

    def marker(text):
        found = MARKER.search(text or "")
        return found.group(0) if found else None

    title = re.search(r"<title>(.*?)</title>", html, re.DOTALL)
    body = re.search(r"<p>Corps (.*?)</p>", html)
    return {
        "title": marker(title and title.group(1)),
        "h1": marker(heading(html)),
        "body": marker(body and body.group(1)),
    }


def is_whole(markers):
    values = set(markers.values())
    return len(values) == 1 and None not in values


@dataclass
class ReadTally:
    """What a group of readers saw: how many answers of each status, and the markers
    of each torn page (a 200 whose title, heading and body are not of one revision)."""

    statuses: Counter = field(default_factory=Counter)
    torn: list = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def requests(self):
        return sum(self.statuses.values())

    def snapshot(self):
        with self.lock:
            return Counter(self.statuses)

    def record(self, status, markers=None):
        with self.lock:
            self.statuses[status] += 1
            if markers and status == 200 and not is_whole(markers):
                self.torn.append(markers)


@contextmanager
def readers(base_url, path, count, check_markers=False):
    """`count` threads reading `path` until the block ends; yields their tally."""
    tally = ReadTally()
    stop = threading.Event()

    def read():
        while not stop.is_set():
            status, html = get(base_url, path)
            tally.record(status, page_markers(html) if check_markers else None)

    threads = [threading.Thread(target=read, daemon=True) for _ in range(count)]
    for thread in threads:
        thread.start()
    try:
        yield tally
    finally:
        stop.set()
        for thread in threads:
            thread.join(timeout=REQUEST_TIMEOUT + 5)


# Servers ----------------------------------------------------------------------------


@contextmanager
def gunicorn_servers(env, log_paths, workers=2):
    """One gunicorn per log path, started together, each serving the project on a free
    port; yields their base URLs.

    Stopped by their PIDs at the end: SIGTERM, then SIGKILL if one has not left in time.
    """
    servers = []
    try:
        for log_path in log_paths:
            port = free_port()
            with open(log_path, "w") as log:
                process = subprocess.Popen(
                    [
                        str(GUNICORN),
                        "atlas.wsgi:application",
                        "--bind",
                        f"127.0.0.1:{port}",
                        "--workers",
                        str(workers),
                    ],
                    cwd=BASE_DIR,
                    env=env,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                )
            servers.append((process, f"http://127.0.0.1:{port}", log_path))
        for server in servers:
            wait_until_serving(*server)
        yield [base_url for _, base_url, _ in servers]
    finally:
        stop_processes([process for process, _, _ in servers])


def wait_until_serving(process, base_url, log_path):
    started = wait_until(
        lambda: process.poll() is not None or healthy(base_url),
        SERVER_START_TIMEOUT,
        interval=0.1,
    )
    assert started is not None and process.poll() is None, (
        "gunicorn did not start:\n" + Path(log_path).read_text()
    )


@contextmanager
def gunicorn_server(env, log_path, workers=2):
    """One gunicorn serving the project; yields its base URL."""
    with gunicorn_servers(env, [log_path], workers) as (base_url,):
        yield base_url


def stop_processes(processes, timeout=10):
    """SIGTERM to all (gunicorn's graceful stop), then SIGKILL to any still there."""
    for process in processes:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
    for process in processes:
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=timeout)


# Admin over HTTP --------------------------------------------------------------------


class AdminSession:
    """A browser-like session on one server's Wagtail admin: cookies and CSRF token."""

    def __init__(self, base_url):
        self.base_url = base_url
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.cookies)
        )

    def csrf_token(self):
        return next(c.value for c in self.cookies if c.name == "csrftoken")

    def open(self, path, data=None):
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(self.base_url + path, data=body)
        with self.opener.open(request, timeout=REQUEST_TIMEOUT) as response:
            return response.status, response.geturl(), response.read().decode()

    def log_in(self, username, password):
        self.open("/admin/login/")
        status, url, html = self.open(
            "/admin/login/",
            {
                "csrfmiddlewaretoken": self.csrf_token(),
                "username": username,
                "password": password,
                "next": "/admin/",
            },
        )
        assert url.endswith("/admin/"), f"sign-in refused ({url}):\n{html[:2000]}"

    def bulk_page_action(self, action, page):
        """Publish or unpublish a page with Wagtail's bulk action form."""
        status, url, html = self.open(
            f"/admin/bulk/wagtailcore/page/{action}/?id={page.pk}&next=/admin/",
            {"csrfmiddlewaretoken": self.csrf_token()},
        )
        assert status == 200 and url.endswith("/admin/"), f"{action} refused ({url})"


# A throwaway PostgreSQL cluster -----------------------------------------------------


class PostgresCluster:
    """A PostgreSQL cluster of its own in a temporary folder, to stop and start at will.

    As root (CI), the server runs as `postgres`: PostgreSQL refuses to run as root.
    """

    def __init__(self, folder):
        self.folder = Path(folder)
        self.data = self.folder / "data"
        self.port = free_port()
        self.bin = Path(
            sorted(
                Path("/usr/lib/postgresql").glob("*/bin"),
                key=lambda p: int(p.parent.name),
            )[-1]
        )

    def run(self, tool, *args, **kwargs):
        command = [str(self.bin / tool), *args]
        if os.geteuid() == 0:
            command = ["runuser", "-u", "postgres", "--", *command]
        return subprocess.run(
            command, check=True, capture_output=True, text=True, timeout=60, **kwargs
        )

    def init(self):
        if os.geteuid() == 0:
            shutil.chown(self.folder, "postgres")
        self.run(
            "initdb",
            "--pgdata",
            str(self.data),
            "--username",
            "atlas",
            "--auth",
            "trust",
            "--encoding",
            "UTF8",
            "--locale",
            "C.UTF-8",
            "--no-sync",
        )

    def start(self):
        options = (
            f"-c listen_addresses=127.0.0.1 -c port={self.port} "
            f"-c unix_socket_directories={self.folder} -c fsync=off"
        )
        log = str(self.folder / "server.log")
        self.run(
            "pg_ctl",
            "--pgdata",
            str(self.data),
            "--log",
            log,
            "--options",
            options,
            "--wait",
            "start",
        )

    def stop(self):
        self.run("pg_ctl", "--pgdata", str(self.data), "--mode", "fast", "stop")

    def is_running(self):
        command = [str(self.bin / "pg_ctl"), "--pgdata", str(self.data), "status"]
        if os.geteuid() == 0:
            command = ["runuser", "-u", "postgres", "--", *command]
        return subprocess.run(command, capture_output=True).returncode == 0

    def copy_database(self, source_url, name):
        """A copy of the database at `source_url`, under `name`: pg_dump | psql."""
        address = ["-h", "127.0.0.1", "-p", str(self.port), "-U", "atlas"]
        self.run("createdb", *address, name)
        dump = subprocess.run(
            [str(self.bin / "pg_dump"), "--no-owner", "--dbname", source_url],
            check=True,
            capture_output=True,
            timeout=60,
        )
        self.run(
            "psql",
            "--quiet",
            "--set",
            "ON_ERROR_STOP=1",
            *address,
            "--dbname",
            name,
            input=dump.stdout.decode(),
        )
        return f"postgres://atlas@127.0.0.1:{self.port}/{name}"


@pytest.fixture
def postgres_cluster():
    """A running throwaway cluster; stopped and deleted at the end, whatever happens."""
    if not list(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl")):
        require_system_tool("pg_ctl", "the fault test runs a PostgreSQL of its own")
    folder = tempfile.mkdtemp(prefix="atlas-outage-pg.")
    cluster = PostgresCluster(folder)
    try:
        cluster.init()
        cluster.start()
        yield cluster
    finally:
        if cluster.is_running():
            cluster.stop()
        shutil.rmtree(folder, ignore_errors=True)
