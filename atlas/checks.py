"""Deployment checks that Django's `check --deploy` leaves out.

Django checks its own cookies and HSTS; these add the language cookie, the
Content-Security-Policy and the Permissions-Policy this project relies on, and a page
cache shared by every process.
"""

from django.conf import settings
from django.core.checks import Tags, Warning, register
from django.utils.csp import CSP

UNSAFE_SCRIPT_SOURCES = {CSP.UNSAFE_INLINE, CSP.UNSAFE_EVAL}


@register(Tags.security, deploy=True)
def check_security_headers(app_configs, **kwargs):
    return [
        *_language_cookie_warnings(),
        *_content_security_policy_warnings(),
        *_permissions_policy_warnings(),
    ]


def _language_cookie_warnings():
    if not settings.LANGUAGE_COOKIE_SECURE:
        yield Warning(
            "LANGUAGE_COOKIE_SECURE is not True: the language cookie can travel over "
            "plain HTTP.",
            id="atlas.W001",
        )
    if settings.LANGUAGE_COOKIE_SAMESITE not in ("Lax", "Strict"):
        yield Warning(
            "LANGUAGE_COOKIE_SAMESITE is neither 'Lax' nor 'Strict'.",
            id="atlas.W002",
        )


def _content_security_policy_warnings():
    policy = settings.SECURE_CSP
    if "atlas.middleware.ContentSecurityPolicyMiddleware" not in settings.MIDDLEWARE:
        yield Warning(
            "atlas.middleware.ContentSecurityPolicyMiddleware is not in MIDDLEWARE: "
            "no Content-Security-Policy header is sent.",
            id="atlas.W003",
        )
    if not policy:
        yield Warning("SECURE_CSP is empty: the site has no policy.", id="atlas.W004")
        return
    scripts = policy.get("script-src", policy.get("default-src", []))
    if not scripts or UNSAFE_SCRIPT_SOURCES & set(scripts):
        yield Warning(
            "SECURE_CSP's script-src must be set and must not allow 'unsafe-inline' "
            "or 'unsafe-eval'.",
            id="atlas.W005",
        )
    if not policy.get("frame-ancestors"):
        yield Warning(
            "SECURE_CSP has no frame-ancestors: other sites may frame the pages.",
            id="atlas.W006",
        )


def _permissions_policy_warnings():
    if "django_permissions_policy.PermissionsPolicyMiddleware" not in (
        settings.MIDDLEWARE
    ) or not getattr(settings, "PERMISSIONS_POLICY", None):
        yield Warning(
            "No Permissions-Policy header: add django_permissions_policy's "
            "middleware and a PERMISSIONS_POLICY.",
            id="atlas.W007",
        )


@register(Tags.caches, deploy=True)
def check_shared_page_cache(app_configs, **kwargs):
    """The page cache must be one for every process that serves or publishes."""
    backend = settings.CACHES[settings.ATLAS_PAGE_CACHE_ALIAS]["BACKEND"]
    if settings.ATLAS_PAGE_CACHE_SECONDS > 0 and backend.endswith("LocMemCache"):
        return [
            Warning(
                "The page cache is in each process's memory: a publication through one "
                "gunicorn worker would not reach the pages cached by the others.",
                hint="Set CACHE_URL to redis://… or db://atlas_cache.",
                id="atlas.W008",
            )
        ]
    return []
