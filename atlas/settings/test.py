"""Test settings: fast hashing, plain static storage, no HTTPS redirect."""

import os

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "tests-only-secret-key-not-for-production"  # nosec B105
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
STATIC_ROOT = None
WAGTAILADMIN_BASE_URL = "http://testserver"
# wagtail-localize's dummy backend: machine translation without network.
WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
    "CLASS": "wagtail_localize.machine_translators.dummy.DummyTranslator",
}
# Tests commit nothing (each runs in a transaction that is rolled back), so the page
# cache, invalidated when a transaction commits, would serve what a test just changed.
# tests/test_page_cache.py and the load tests turn it on, with commits.
ATLAS_PAGE_CACHE_SECONDS = int(os.environ.get("ATLAS_PAGE_CACHE_SECONDS", "0"))
