"""Production: settings come from the environment; a missing secret stops start-up."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import cache_from_url, env_bool, env_list

REQUIRED_VARIABLES = ["DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS", "DATABASE_URL"]
_missing = [name for name in REQUIRED_VARIABLES if not os.environ.get(name)]
if _missing:
    raise ImproperlyConfigured(
        "Production settings need these environment variables: "
        + ", ".join(_missing)
        + ". See .env.example."
    )

DEBUG = False

# gunicorn's workers, the task worker and the publish_scheduled runs must share one
# cache, or a publication would not reach pages cached by another process: the
# database, unless CACHE_URL names another (Redis is faster). The image's `migrate`
# creates the table.
CACHES = {"default": cache_from_url(os.environ.get("CACHE_URL", "db://atlas_cache"))}
SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS")

STORAGES = {
    **STORAGES,  # noqa: F405
    # Hashed, compressed files served by whitenoise, collected when the image is built.
    "staticfiles": {"BACKEND": "atlas.storage.StaticFilesStorage"},
}

# HTTPS is terminated by the proxy in front of gunicorn, which sets this header.
# https://docs.djangoproject.com/en/6.1/ref/settings/#secure-proxy-ssl-header
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
# /health/ is probed over plain HTTP by the container's own health check.
SECURE_REDIRECT_EXEMPT = [r"^health/$"]
SECURE_HSTS_SECONDS = int(
    os.environ.get("DJANGO_SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
# Advertises preload eligibility (check --deploy asks for it); opt out when the domain's
# subdomains are not all HTTPS.
SECURE_HSTS_PRELOAD = env_bool("DJANGO_SECURE_HSTS_PRELOAD", default=True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Cookies only over HTTPS, out of scripts' reach (Wagtail's admin takes its CSRF token
# from the page, not the cookie), and not sent along with other sites' requests.
SESSION_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SECURE = True
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_SECURE = True
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"

# Workflow notifications go out through SMTP when DJANGO_EMAIL_HOST is set.
# https://docs.djangoproject.com/en/6.1/topics/email/#mailers
if os.environ.get("DJANGO_EMAIL_HOST"):
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": os.environ["DJANGO_EMAIL_HOST"],
                "port": int(os.environ.get("DJANGO_EMAIL_PORT", "587")),
                "username": os.environ.get("DJANGO_EMAIL_USER", ""),
                "password": os.environ.get("DJANGO_EMAIL_PASSWORD", ""),
                "use_tls": env_bool("DJANGO_EMAIL_USE_TLS", default=True),
            },
        }
    }
else:
    # A mail relay on the host itself, Django's historical default.
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "localhost", "port": 25},
        }
    }
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "atlas@localhost")
