"""The benchmark server: the test settings with the page cache on, plus a minimal
view (urls.py) to compare the atlas's throughput with."""

from atlas.settings.test import *  # noqa: F403

ROOT_URLCONF = "tests.bench.urls"
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "ERROR"}}
