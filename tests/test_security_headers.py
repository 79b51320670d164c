"""Security headers and cookies as production sends them, on every kind of response."""

import json

import pytest
from django.core.checks import Tags, run_checks
from django.test import override_settings
from django.utils.csp import CSP

from pages.models import MapPage
from tests.factories import publish_child
from tests.test_settings import PRODUCTION_ENV, run_manage

# The settings production.py sets that shape headers and cookies.
SECURITY_SETTINGS = [
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SECURE_CONTENT_TYPE_NOSNIFF",
    "SECURE_REFERRER_POLICY",
    "SECURE_CROSS_ORIGIN_OPENER_POLICY",
    "SECURE_PROXY_SSL_HEADER",
    "SECURE_SSL_REDIRECT",
    "SECURE_REDIRECT_EXEMPT",
    "SESSION_COOKIE_SECURE",
    "SESSION_COOKIE_HTTPONLY",
    "SESSION_COOKIE_SAMESITE",
    "CSRF_COOKIE_SECURE",
    "CSRF_COOKIE_HTTPONLY",
    "CSRF_COOKIE_SAMESITE",
    "LANGUAGE_COOKIE_SECURE",
    "LANGUAGE_COOKIE_HTTPONLY",
    "LANGUAGE_COOKIE_SAMESITE",
    "X_FRAME_OPTIONS",
    "SECURE_CSP",
    "PERMISSIONS_POLICY",
    "MIDDLEWARE",
]

PUBLIC_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; "
    "img-src 'self' data: https://tile.openstreetmap.org; frame-src https:; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'"
)


@pytest.fixture(scope="module")
def production_values():
    """The security settings as atlas.settings.production computes them."""
    script = (
        "import json; from django.conf import settings as s; "
        f"print(json.dumps({{n: getattr(s, n) for n in {SECURITY_SETTINGS!r}}}))"
    )
    result = run_manage("shell", "--no-imports", "-c", script, env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


LOCMEM_CACHE = "django.core.cache.backends.locmem.LocMemCache"


def deploy_checks():
    """The deploy checks of the kinds ours are (model checks would need a database)."""
    return run_checks(include_deployment_checks=True, tags=[Tags.security, Tags.caches])


@pytest.fixture
def production(settings, production_values):
    for name, value in production_values.items():
        if name == "SECURE_PROXY_SSL_HEADER":
            value = tuple(value)
        setattr(settings, name, value)
    return settings


@pytest.fixture
def public_urls(make_page, home_fr, indexes):
    commons = make_page("commons", title="Jardin partagé")
    make_page("event", title="Rencontre")
    map_page = publish_child(home_fr, MapPage(title="Carte", slug="carte"))
    return [
        home_fr.url,
        commons.url,
        commons.url + "history/",
        map_page.url,
        indexes["event"].url + "calendar/",
        indexes["commons"].url + "csv/",
        "/fr/search/?q=jardin",
        "/fr/search/suggest/?q=jar",
        "/fr/recent-changes/feed/",
        "/api/v2/pages/",
        "/data/map.geojson",
        "/sitemap.xml",
        "/robots.txt",
        "/fr/no-such-page/",
    ]


def https_get(client, url):
    return client.get(url, headers={"x-forwarded-proto": "https"})


def test_every_public_response_carries_the_security_headers(
    client, production, public_urls
):
    for url in public_urls:
        response = https_get(client, url)

        assert response.status_code in (200, 404), url
        headers = response.headers
        assert headers["Content-Security-Policy"] == PUBLIC_POLICY, url
        assert headers["Strict-Transport-Security"] == (
            "max-age=31536000; includeSubDomains; preload"
        ), url
        assert headers["X-Content-Type-Options"] == "nosniff", url
        assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin", url
        assert headers["Cross-Origin-Opener-Policy"] == "same-origin", url
        assert headers["X-Frame-Options"] == "DENY", url
        assert "geolocation=()" in headers["Permissions-Policy"], url
        assert "camera=()" in headers["Permissions-Policy"], url


def test_static_files_carry_the_headers_too(client, production):
    response = https_get(client, "/static/css/atlas.css")

    assert response.status_code == 200
    assert response.headers["Content-Security-Policy"] == PUBLIC_POLICY
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_plain_http_is_redirected_to_https(client, production, home_fr):
    response = client.get(home_fr.url)

    assert response.status_code == 301
    assert response.headers["Location"].startswith("https://")


def test_the_public_policy_allows_no_inline_or_evaluated_script(production):
    scripts = production.SECURE_CSP["script-src"]

    assert CSP.UNSAFE_INLINE not in scripts
    assert CSP.UNSAFE_EVAL not in scripts


def test_the_admin_has_its_own_policy_and_may_frame_its_previews(
    client, db, production
):
    response = https_get(client, "/admin/login/")

    assert response.status_code == 200
    policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self' 'unsafe-inline'" in policy
    assert "frame-ancestors 'self'" in policy
    assert "'unsafe-eval'" not in policy


def test_login_cookies_are_secure_http_only_and_same_site(
    client, production, django_user_model
):
    django_user_model.objects.create_superuser("root", password="pw-root-2026")
    https_get(client, "/admin/login/")
    response = client.post(
        "/admin/login/",
        {"username": "root", "password": "pw-root-2026"},
        headers={"x-forwarded-proto": "https"},
    )

    assert response.status_code == 302
    for name in ("sessionid", "csrftoken"):
        cookie = response.cookies[name]
        assert cookie["secure"] is True, name
        assert cookie["httponly"] is True, name
        assert cookie["samesite"] == "Lax", name


def test_deploy_checks_of_our_own_pass_in_production(production):
    assert [
        message for message in deploy_checks() if message.id.startswith("atlas.")
    ] == []


@pytest.mark.parametrize(
    ("change", "expected_id"),
    [
        ({"LANGUAGE_COOKIE_SECURE": False}, "atlas.W001"),
        ({"LANGUAGE_COOKIE_SAMESITE": None}, "atlas.W002"),
        ({"SECURE_CSP": {}}, "atlas.W004"),
        (
            {"SECURE_CSP": {"script-src": [CSP.SELF, CSP.UNSAFE_INLINE]}},
            "atlas.W005",
        ),
        ({"SECURE_CSP": {"script-src": [CSP.SELF]}}, "atlas.W006"),
        ({"PERMISSIONS_POLICY": {}}, "atlas.W007"),
        (
            {
                "CACHES": {"default": {"BACKEND": LOCMEM_CACHE}},
                "ATLAS_PAGE_CACHE_SECONDS": 600,
            },
            "atlas.W008",
        ),
    ],
)
def test_deploy_checks_of_our_own_name_what_is_missing(production, change, expected_id):
    with override_settings(**change):
        found = {message.id for message in deploy_checks()}

    assert expected_id in found


def test_deploy_check_notices_a_missing_policy_middleware(production):
    middleware = [
        name
        for name in production.MIDDLEWARE
        if name != "atlas.middleware.ContentSecurityPolicyMiddleware"
    ]
    with override_settings(MIDDLEWARE=middleware):
        found = {message.id for message in deploy_checks()}

    assert "atlas.W003" in found
