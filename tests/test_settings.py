"""Production settings: deploy checks pass, missing secrets stop start-up."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

BASE_DIR = Path(__file__).resolve().parent.parent

PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "atlas.settings.production",
    "DJANGO_SECRET_KEY": "a-long-random-production-secret-" + "x7Qp2mZr9Lk4Vt8w" * 3,
    "DJANGO_ALLOWED_HOSTS": "atlas.example.org",
    "DJANGO_CSRF_TRUSTED_ORIGINS": "https://atlas.example.org",
    "DATABASE_URL": "sqlite:///:memory:",
    "WAGTAILADMIN_BASE_URL": "https://atlas.example.org",
}


def run_manage(*args, env):
    clean_env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    clean_env.pop("DATABASE_URL", None)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env={**clean_env, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_deploy_check_is_clean():
    result = run_manage(
        "check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize(
    "missing", ["DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS", "DATABASE_URL"]
)
def test_production_refuses_to_start_without_a_required_variable(missing):
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != missing}

    result = run_manage("check", env=env)

    assert result.returncode != 0
    assert "Production settings need these environment variables" in result.stderr
    assert missing in result.stderr


def test_production_cookies_and_headers_are_strict():
    result = run_manage(
        "shell",
        "--no-imports",
        "-c",
        "from django.conf import settings as s; print(s.SESSION_COOKIE_SECURE, "
        "s.CSRF_COOKIE_SECURE, s.LANGUAGE_COOKIE_SECURE, s.SECURE_HSTS_SECONDS, "
        "s.SECURE_SSL_REDIRECT, s.SECURE_PROXY_SSL_HEADER, s.DEBUG, "
        "s.STORAGES['staticfiles']['BACKEND'])",
        env=PRODUCTION_ENV,
    )

    assert result.returncode == 0, result.stderr
    last_line = result.stdout.strip().splitlines()[-1]
    assert last_line == (
        "True True True 31536000 True ('HTTP_X_FORWARDED_PROTO', 'https') False "
        "atlas.storage.StaticFilesStorage"
    )


def test_no_missing_migrations(db):
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


SCALING_ENV = {
    **PRODUCTION_ENV,
    "CACHE_URL": "redis://cache.internal:6379/1",
    "TASKS_BACKEND": "database",
    "AWS_STORAGE_BUCKET_NAME": "atlas-media",
    "AWS_S3_ENDPOINT_URL": "https://s3.fr-par.scw.cloud",
    "AWS_ACCESS_KEY_ID": "access-key-id",
    "AWS_SECRET_ACCESS_KEY": "secret-access-key",  # nosec B105
    "OPENSEARCH_URL": "https://search.internal:9200",
    "FRONTEND_CACHE_PURGE_URL": "http://varnish.internal:6081",
}
SHOW_SCALING_PARTS = """
import json
from django.conf import settings
from django.core.cache import caches
from django.core.files.storage import storages
from django_tasks import task_backends
from wagtail.search.backends import get_search_backend
print(json.dumps({
    "cache": type(caches["default"]).__name__,
    "cache_location": settings.CACHES["default"]["LOCATION"],
    "tasks": type(task_backends["default"]).__name__,
    "media": type(storages["default"]).__name__,
    "bucket": storages["default"].bucket_name,
    "media_url": storages["default"].url("images/a.jpg"),
    "search": type(get_search_backend()).__name__,
    "purge": sorted(settings.WAGTAILFRONTENDCACHE),
    "img_src": settings.SECURE_CSP["img-src"],
}))
"""


def test_each_part_beyond_one_machine_is_switched_on_by_its_setting():
    result = run_manage("shell", "-c", SHOW_SCALING_PARTS, env=SCALING_ENV)
    assert result.returncode == 0, result.stderr
    parts = json.loads(result.stdout.strip().splitlines()[-1])
    assert parts["cache"] == "RedisCache"
    assert parts["cache_location"] == "redis://cache.internal:6379/1"
    assert parts["tasks"] == "DatabaseBackend"
    assert parts["media"] == "S3Storage" and parts["bucket"] == "atlas-media"
    assert parts["media_url"].startswith("https://s3.fr-par.scw.cloud/atlas-media/")
    assert "https://s3.fr-par.scw.cloud" in parts["img_src"]
    assert parts["search"] == "OpenSearch3SearchBackend"
    assert parts["purge"] == ["proxy"]


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        ("CACHE_URL", "memcache://x", "unknown cache scheme"),
        ("TASKS_BACKEND", "celery", "TASKS_BACKEND: one of immediate, database"),
    ],
)
def test_a_mistyped_scaling_setting_stops_start_up(variable, value, message):
    result = run_manage("check", env={**PRODUCTION_ENV, variable: value})
    assert result.returncode != 0
    assert message in result.stderr
