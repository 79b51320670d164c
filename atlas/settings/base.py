"""Settings shared by every environment. No secrets here: see production.py."""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
import xstatic.pkg.leaflet
import xstatic.pkg.leaflet_markercluster
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [
        item.strip()
        for item in os.environ.get(name, default).split(",")
        if item.strip()
    ]


DEBUG = env_bool("DJANGO_DEBUG")
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "atlas",
    "pages",
    "timeline",
    "wagtail_localize",
    # Replaces wagtail.locales: its locale admin also syncs translated trees.
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    # sitemap.xml with each page's translations as language alternates.
    "wagtail.contrib.sitemaps",
    # Tables in page bodies (TableBlock), with typed columns and a caption.
    "wagtail.contrib.typed_table_block",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    # The open data API under /api/v2/ (atlas/urls.py); rest_framework gives it its
    # browsable HTML view.
    "wagtail.api.v2",
    "importers",
    "wagtail",
    "rest_framework",
    "modelcluster",
    "taggit",
    "django_filters",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    # Wagtail's search index uses PostgreSQL's GIN indexes and full-text search there.
    "django.contrib.postgres",
    # Locks out sign-in after repeated failures (AXES_* below).
    "axes",
    # Two-factor authentication for the admin (WAGTAIL_2FA_* below).
    "wagtail_2fa",
    "django_otp",
    "django_otp.plugins.otp_totp",
    # The database task queue, used when TASKS_BACKEND=database (TASKS below).
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Content-Security-Policy: SECURE_CSP on the site, ATLAS_ADMIN_CSP in the admin.
    "atlas.middleware.ContentSecurityPolicyMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    # Static files are answered here, with the headers above, and skip the rest.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # After sessions and before CommonMiddleware, as Django's i18n docs require; keeps
    # 404s of views outside the language prefix (the API) from redirecting.
    "atlas.middleware.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Inside the security and locale middleware, so cached responses get their headers;
    # ahead of sessions, authentication and CSRF, which a cached page does not need.
    "atlas.page_cache.PageCacheMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Asks for the one-time code after the password (WAGTAIL_2FA_REQUIRED below).
    "atlas.two_factor.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes requires: turns a lockout into its answer page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "atlas.urls"
WSGI_APPLICATION = "atlas.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# DATABASE_URL selects the database; the embedded default is a SQLite file in the
# project so that `make run` needs no server. https://github.com/jazzband/dj-database-url
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"


def cache_from_url(url):
    """A CACHES entry from CACHE_URL: locmem://, redis://host:6379/0 (or rediss://),
    db://table (run `manage.py createcachetable`), file:///path, dummy://."""
    scheme, _, location = url.partition("://")
    backends = {
        "locmem": "django.core.cache.backends.locmem.LocMemCache",
        "redis": "django.core.cache.backends.redis.RedisCache",
        "rediss": "django.core.cache.backends.redis.RedisCache",
        "db": "django.core.cache.backends.db.DatabaseCache",
        "file": "django.core.cache.backends.filebased.FileBasedCache",
        "dummy": "django.core.cache.backends.dummy.DummyCache",
    }
    if scheme not in backends:
        raise ImproperlyConfigured(f"CACHE_URL: unknown cache scheme {scheme!r}.")
    if scheme.startswith("redis"):
        location = url
    return {"BACKEND": backends[scheme], "LOCATION": location or "atlas"}


# One cache for everything (pages, map data, Wagtail's site root paths). Memory of the
# process by default; servers that share their work need a shared one (Redis, or the
# database). https://docs.djangoproject.com/en/6.1/topics/cache/
CACHES = {"default": cache_from_url(os.environ.get("CACHE_URL", "locmem://"))}
# Public pages are served from the cache to anonymous visitors for at most this long,
# and invalidated precisely before then (atlas/page_cache.py); 0 turns it off.
ATLAS_PAGE_CACHE_ALIAS = "default"
ATLAS_PAGE_CACHE_SECONDS = int(os.environ.get("ATLAS_PAGE_CACHE_SECONDS", "600"))
# How long a CDN in front may keep a public page (s-maxage); purged on publication
# through WAGTAILFRONTENDCACHE. 0: no CDN caching.
ATLAS_CDN_SECONDS = int(os.environ.get("ATLAS_CDN_SECONDS", "0"))
# Purging a CDN or caching proxy when pages change (pages/cache_invalidation.py).
# https://docs.wagtail.org/en/stable/reference/contrib/frontendcache.html
WAGTAILFRONTENDCACHE = {}
if os.environ.get("FRONTEND_CACHE_PURGE_URL"):  # Varnish, nginx, Squid…
    WAGTAILFRONTENDCACHE["proxy"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": os.environ["FRONTEND_CACHE_PURGE_URL"],
    }
if os.environ.get("CLOUDFLARE_ZONE_ID"):
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "BEARER_TOKEN": os.environ.get("CLOUDFLARE_BEARER_TOKEN", ""),
        "ZONEID": os.environ["CLOUDFLARE_ZONE_ID"],
    }

# Background work (search index, reference index, chronology, CDN purges) runs through
# django-tasks, as Wagtail's own does. Immediately in the request by default; with
# TASKS_BACKEND=database it is queued in the database for `manage.py db_worker`, so a
# publication never waits for it. https://github.com/RealOrangeOne/django-tasks
TASK_BACKENDS = {
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
    "database": "django_tasks_db.DatabaseBackend",
}
_task_backend = os.environ.get("TASKS_BACKEND", "immediate")
if _task_backend not in TASK_BACKENDS:
    raise ImproperlyConfigured(f"TASKS_BACKEND: one of {', '.join(TASK_BACKENDS)}.")
TASKS = {"default": {"BACKEND": TASK_BACKENDS[_task_backend]}}

# django-axes first: it refuses a locked-out sign-in before the password is checked.
# https://django-axes.readthedocs.io/en/latest/2_installation.html
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# Sign-in lockout: 5 failures lock the user name (from any address) and the address
# (for any user name) for 15 minutes; a success clears the count.
# https://django-axes.readthedocs.io/en/latest/4_configuration.html
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
# Quiet: axes would print its banner at every start of every management command.
AXES_VERBOSE = False
AXES_LOCKOUT_CALLABLE = "atlas.auth.lockout_response"
# Behind a reverse proxy every request comes from the proxy's address: the client's is
# read from X-Forwarded-For, as set by DJANGO_PROXY_COUNT proxies (atlas/auth.py).
AXES_CLIENT_IP_CALLABLE = "atlas.auth.client_ip_address"
ATLAS_PROXY_COUNT = int(os.environ.get("DJANGO_PROXY_COUNT", "0"))

# Two-factor authentication (TOTP apps) for the admin, from each user's account menu.
# Whoever has added a device must give its code at sign-in; DJANGO_2FA_REQUIRED makes
# every admin user add one. https://wagtail-2fa.readthedocs.io/en/latest/
WAGTAIL_2FA_REQUIRED = env_bool("DJANGO_2FA_REQUIRED")

_PASSWORD_VALIDATION = "django.contrib.auth.password_validation"  # nosec B105
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": f"{_PASSWORD_VALIDATION}.UserAttributeSimilarityValidator"},
    {"NAME": f"{_PASSWORD_VALIDATION}.MinimumLengthValidator"},
    {"NAME": f"{_PASSWORD_VALIDATION}.CommonPasswordValidator"},
    {"NAME": f"{_PASSWORD_VALIDATION}.NumericPasswordValidator"},
]

# Internationalisation: French is the source language, English the first translation.
# https://docs.wagtail.org/en/stable/advanced_topics/i18n.html
LANGUAGE_CODE = "fr"
LANGUAGES = [
    ("fr", _("French")),
    ("en", _("English")),
]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [
    PROJECT_DIR / "static",
    ("vendor/leaflet", xstatic.pkg.leaflet.BASE_DIR),
    ("vendor/leaflet-markercluster", xstatic.pkg.leaflet_markercluster.BASE_DIR),
]
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "staticfiles"))
STATIC_URL = "/static/"
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "/media/"

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Where browsers fetch media from, besides this site (the CSP's img-src).
MEDIA_SOURCES = []
# Media on S3-compatible object storage (AWS, Scaleway, OVH, MinIO…) when a bucket is
# named, so that any number of app servers share them. Documents are still served
# through Wagtail's view (WAGTAILDOCS_SERVE_METHOD below), with their privacy checks.
# https://django-storages.readthedocs.io/en/latest/backends/amazon-S3.html
if os.environ.get("AWS_STORAGE_BUCKET_NAME"):
    _bucket = os.environ["AWS_STORAGE_BUCKET_NAME"]
    _endpoint = os.environ.get("AWS_S3_ENDPOINT_URL")
    _custom_domain = os.environ.get("AWS_S3_CUSTOM_DOMAIN")
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": _bucket,
            "endpoint_url": _endpoint,
            "region_name": os.environ.get("AWS_S3_REGION_NAME"),
            "custom_domain": _custom_domain,
            # Credentials come from AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, read
            # by boto3 itself, or from the machine's role.
            "addressing_style": "path" if _endpoint else None,
            "file_overwrite": False,
            "default_acl": None,
            # Public-read buckets behind a custom domain need no signed URLs.
            "querystring_auth": not _custom_domain,
        },
    }
    if _custom_domain:
        MEDIA_SOURCES.append(f"https://{_custom_domain}")
    elif _endpoint:
        MEDIA_SOURCES.append(_endpoint.rstrip("/"))
    else:
        MEDIA_SOURCES.append(f"https://{_bucket}.s3.amazonaws.com")

# Wagtail's page editor posts many fields for long StreamFields.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

WAGTAIL_SITE_NAME = "Atlas des communs"

# The map's background tiles. Tiles are fetched by visitors' browsers from this server;
# follow its usage policy, or point these at your own tile server.
ATLAS_MAP_TILES = {
    "url": os.environ.get(
        "ATLAS_MAP_TILE_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
    ),
    "attribution": os.environ.get(
        "ATLAS_MAP_TILE_ATTRIBUTION",
        '&copy; <a href="https://www.openstreetmap.org/copyright">'
        "OpenStreetMap</a> contributors",
    ),
    "max_zoom": 19,
}
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")


def tile_server_source(url):
    """The CSP source of a tile URL template: its scheme and host, `{s}` a wildcard."""
    scheme, rest = url.split("://", 1)
    host = rest.split("/", 1)[0].replace("{s}", "*")
    return f"{scheme}://{host}"


# The public site's Content-Security-Policy (Django's built-in CSP). Its templates have
# no inline script, style or event handler, so no nonce is needed and pages stay
# cacheable; JSON-LD and json_script blocks are data, which CSP does not govern.
# https://docs.djangoproject.com/en/6.1/ref/csp/
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [
        CSP.SELF,
        "data:",
        tile_server_source(ATLAS_MAP_TILES["url"]),
        *MEDIA_SOURCES,
    ],
    # Embedded media come from many oEmbed providers (PeerTube has countless
    # instances): any HTTPS frame, which runs in its own origin.
    "frame-src": ["https:"],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
# Wagtail's admin uses inline scripts and styles and shows its preview in a frame of
# its own; it is only served to signed-in staff.
ATLAS_ADMIN_CSP = {
    **SECURE_CSP,
    "script-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "frame-src": [CSP.SELF, "https:"],
    "frame-ancestors": [CSP.SELF],
}
# Avatars from Gravatar would tell a third party who uses the admin, and when.
WAGTAIL_GRAVATAR_PROVIDER_URL = None

# Browser features no page of the atlas uses, refused to the page and its frames.
# https://github.com/adamchainz/django-permissions-policy
PERMISSIONS_POLICY = {
    feature: []
    for feature in [
        "accelerometer",
        "browsing-topics",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "hid",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "serial",
        "usb",
    ]
}
# Wagtail's database search; on PostgreSQL each page is stemmed in its own language, so
# "forêts" finds "forêt" and "gardens" finds "garden" (atlas/search_backend.py).
# https://www.postgresql.org/docs/current/textsearch-configuration.html
WAGTAILSEARCH_BACKENDS = {
    "default": {
        "BACKEND": "atlas.search_backend",
        "LANGUAGE_CONFIGS": {"fr": "french", "en": "english"},
    },
}
# OpenSearch, when the database's full-text search is not enough any more (millions of
# pages, many searches a second): set OPENSEARCH_URL, then run `manage.py update_index`.
# https://docs.wagtail.org/en/stable/topics/search/backends.html
if os.environ.get("OPENSEARCH_URL"):
    WAGTAILSEARCH_BACKENDS["default"] = {
        "BACKEND": "wagtail.search.backends.opensearch3",
        "URLS": [os.environ["OPENSEARCH_URL"]],
        "INDEX_PREFIX": os.environ.get("OPENSEARCH_INDEX_PREFIX", "atlas_"),
        "TIMEOUT": 5,
        "OPTIONS": {},
        "INDEX_SETTINGS": {},
    }
# Uploads: bitmap images only (an SVG can carry script), checked by Wagtail against the
# file's real format; documents of common office, text and archive types.
# https://docs.wagtail.org/en/stable/reference/settings.html#images
WAGTAILIMAGES_EXTENSIONS = ["avif", "gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
# A 50-megapixel photograph; bigger ones take too much memory to make renditions.
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 50_000_000
WAGTAILDOCS_EXTENSIONS = [
    "csv",
    "docx",
    "epub",
    "odp",
    "ods",
    "odt",
    "pdf",
    "pptx",
    "rtf",
    "txt",
    "xlsx",
    "zip",
]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
# Documents are always served by Wagtail's view, whatever the storage, which sends them
# with "Content-Security-Policy: default-src 'none'" and "X-Content-Type-Options:
# nosniff"; only PDFs open in the browser, every other type is downloaded.
# https://docs.wagtail.org/en/stable/reference/settings.html#documents
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_BLOCK_EMBEDDED_CONTENT = True
WAGTAILDOCS_INLINE_CONTENT_TYPES = ["application/pdf"]

# Translations are reviewed through the moderation workflow before they go live.
# "Translate this page" makes a draft copy that the translator edits in Wagtail's page
# editor and submits to "Relecture": wagtail-localize's synced editor can only publish,
# which Translators may not do. Moderators can still switch a page to it ("Start Synced
# translation"). https://wagtail-localize.org/stable/reference/settings/
WAGTAIL_LOCALIZE_DEFAULT_TRANSLATION_MODE = "simple"
# Otherwise a translation of a live page is published as soon as it is created.
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False
# Deleting a page disables its translation records instead of deleting them with the
# translated strings: its translations stay as they are (edited without the synced
# editor), and a page restored from "Deleted pages" finds its translations again.
WAGTAILLOCALIZE_DISABLE_ON_DELETE = True
# Machine translation is off; set e.g. {"CLASS": "wagtail_localize.machine_translators.
# deepl.DeepLTranslator", "OPTIONS": {"AUTH_KEY": ...}} in a deployment's settings.
WAGTAILLOCALIZE_MACHINE_TRANSLATOR = None

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {
        "handlers": ["console"],
        "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO"),
    },
    # Each background task logs its start and end at INFO: too chatty for the console.
    "loggers": {"django_tasks": {"level": "WARNING"}},
}
