"""Local development: debug on, e-mails printed, a throwaway secret key."""

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

try:
    from .local import *  # noqa: F403
except ImportError:
    pass
