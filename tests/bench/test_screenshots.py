"""Screenshots of the demo atlas's home page on a phone and a desktop, made on demand
(`make screenshots`) into test-artifacts/screenshots/, never committed."""

from pathlib import Path

import pytest
from django.core.management import call_command

from tests.browser.conftest import (  # noqa: F401  (fixtures)
    browser,
    csp_violations,
    page,
)

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
WIDTHS = [375, 1280]


def test_home_page_screenshots(page, restored_site):  # noqa: F811
    call_command("load_demo", verbosity=0)
    page.route("**/tile.openstreetmap.org/**", lambda route: route.abort())
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        page.goto("/fr/")
        path = SCREENSHOTS / f"home-{width}.png"
        page.screenshot(path=path, full_page=True)
        print(f"{path} ({path.stat().st_size / 1024:.0f} KB)")
