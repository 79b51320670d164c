"""The production image's steps, run here: release build, migrate, gunicorn serving.

The Dockerfile runs bin/release-build and bin/docker-entrypoint; this test runs the same
two scripts, so the image cannot drift from what CI exercises.
"""

import os
import re
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import free_port

BASE_DIR = Path(__file__).resolve().parent.parent
SERVER_START_TIMEOUT = 60


@pytest.fixture(scope="module")
def production_server(tmp_path_factory):
    workdir = tmp_path_factory.mktemp("release")
    port = free_port()
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")},
        "PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}",
        "DJANGO_SETTINGS_MODULE": "atlas.settings.production",
        "DJANGO_SECRET_KEY": "release-test-secret-" + "k3Jd8s0Qm2Xv7Lp1" * 3,
        "DJANGO_ALLOWED_HOSTS": "atlas.example.org",
        "DATABASE_URL": f"sqlite:///{workdir / 'db.sqlite3'}",
        "DJANGO_STATIC_ROOT": str(workdir / "static"),
        "PORT": str(port),
        "GUNICORN_WORKERS": "2",
        # Loopback only: the entry point's default, 0.0.0.0, is for containers.
        "GUNICORN_BIND": f"127.0.0.1:{port}",
    }
    build = subprocess.run(
        ["bin/release-build"],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert build.returncode == 0, build.stdout + build.stderr
    migrate = subprocess.run(
        ["bin/docker-entrypoint", "migrate", "--verbosity", "0"],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert migrate.returncode == 0, migrate.stdout + migrate.stderr

    log = (workdir / "gunicorn.log").open("w")
    server = subprocess.Popen(
        ["bin/docker-entrypoint", "serve"],
        cwd=BASE_DIR,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base_url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + SERVER_START_TIMEOUT
    healthcheck = None
    while time.monotonic() < deadline:
        healthcheck = subprocess.run(
            [sys.executable, "bin/healthcheck"],
            cwd=BASE_DIR,
            env=env,
            capture_output=True,
        )
        if healthcheck.returncode == 0:
            break
        time.sleep(0.5)
    try:
        assert healthcheck is not None and healthcheck.returncode == 0, (
            workdir / "gunicorn.log"
        ).read_text()
        yield base_url
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()


def fetch(url, **headers):
    headers = {"Host": "atlas.example.org", "X-Forwarded-Proto": "https", **headers}
    request = urllib.request.Request(url, headers=headers)
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.status, dict(response.headers), response.read()


def test_image_serves_the_french_home_over_https_proxy(production_server):
    status, headers, body = fetch(production_server + "/fr/")

    assert status == 200
    assert b'<html lang="fr"' in body
    assert headers["Strict-Transport-Security"].startswith("max-age=31536000")
    assert headers["X-Content-Type-Options"] == "nosniff"


def test_plain_http_is_redirected_to_https(production_server):
    request = urllib.request.Request(
        production_server + "/fr/", headers={"Host": "atlas.example.org"}
    )
    opener = urllib.request.build_opener(NoRedirect())
    with pytest.raises(urllib.error.HTTPError) as redirect:
        opener.open(request, timeout=10)
    assert redirect.value.code == 301
    assert redirect.value.headers["Location"] == "https://atlas.example.org/fr/"


def test_static_files_are_hashed_compressed_and_cached_for_long(production_server):
    _, _, body = fetch(production_server + "/fr/")
    stylesheet = re.search(rb'href="(/static/css/atlas\.[0-9a-f]{12}\.css)"', body)
    assert stylesheet, "the stylesheet link carries a content hash"

    status, headers, _ = fetch(
        production_server + stylesheet.group(1).decode(), **{"Accept-Encoding": "gzip"}
    )

    assert status == 200
    assert headers["Content-Encoding"] == "gzip"
    assert "immutable" in headers["Cache-Control"]


def test_unknown_host_is_refused(production_server):
    with pytest.raises(urllib.error.HTTPError) as refused:
        fetch(production_server + "/fr/", Host="evil.example.com")
    assert refused.value.code == 400


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None
