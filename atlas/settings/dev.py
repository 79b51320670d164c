"""Local development: debug on, e-mails printed, a throwaway secret key."""

import os

from .base import *  # noqa: F403
from .base import env_bool

DEBUG = env_bool("DJANGO_DEBUG", default=True)
# Known to all, so good for nothing but a local database.
SECRET_KEY = "django-insecure-local-development-only"  # nosec B105
# E-mails (workflow notifications) are printed in the console.
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
# Serve static files from the apps' folders: no collectstatic needed locally.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
STATIC_ROOT = None
# A changed template shows at once: the page cache is off unless asked for.
ATLAS_PAGE_CACHE_SECONDS = int(os.environ.get("ATLAS_PAGE_CACHE_SECONDS", "0"))

try:
    from .local import *  # noqa: F403
except ImportError:
    pass
