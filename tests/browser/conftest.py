"""Playwright drives Debian's Chromium (/usr/bin/chromium); no browser download."""

import os

import pytest

from tests.conftest import load_demo_atlas, require_system_tool

CHROMIUM = "/usr/bin/chromium"
# Chromium reaches for Google's services at start; this machine's network is closed.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# Playwright's sync API runs an event loop in this thread; Django's ORM calls from test
# code are still synchronous and safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    require_system_tool(CHROMIUM, "browser tests drive Debian's Chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


# Reports each Content-Security-Policy violation of every document to the test.
REPORT_CSP_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
    window.reportCspViolation(
        `${event.documentURI}: ${event.effectiveDirective} refused ${event.blockedURI}`
    );
});
"""


@pytest.fixture
def csp_violations():
    """The policy violations seen during the test; every journey must end with none."""
    seen = []
    yield seen
    assert seen == [], "Content-Security-Policy violations:\n" + "\n".join(seen)


@pytest.fixture
def page(browser, live_server, restored_site, csp_violations):
    context = browser.new_context(base_url=live_server.url, locale="fr-FR")
    context.expose_function(
        "reportCspViolation", lambda text: csp_violations.append(text)
    )
    context.add_init_script(REPORT_CSP_VIOLATIONS)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture
def demo_atlas_urls(restored_site, demo_atlas_snapshot):
    """The demo atlas, and an address of each kind of public page, in both languages.

    The first live page of each type in each locale, the search and recent changes, and
    in each locale a page's history, diff and backlinks (after a second publication).
    """
    from wagtail.models import Page

    load_demo_atlas(demo_atlas_snapshot)
    pages = Page.objects.live().public().filter(depth__gt=1).order_by("path")
    first = {}
    for page in pages:
        first.setdefault((page.content_type_id, page.locale_id), page)
    urls = sorted(page.url for page in first.values())
    # In each language, a page published twice: its history, a diff, its backlinks.
    edited = {}
    for page in first.values():
        if page.depth > 3:
            edited.setdefault(page.locale.language_code, page.specific)
    for page in edited.values():
        page.title += " (revu)"
        page.save_revision().publish()
        newer, older = page.revisions.order_by("-pk")[:2]
        urls += [
            f"{page.url}history/",
            f"{page.url}history/{older.pk}/{newer.pk}/",
            f"{page.url}links-here/",
        ]
    for language in ("fr", "en"):
        urls += [f"/{language}/search/?q=commun", f"/{language}/recent-changes/"]
    return urls


def sign_in(page, username, password):
    """Sign in through the admin's login form, as a person would."""
    page.goto("/admin/login/")
    page.get_by_label("Nom d’utilisateur").fill(username)
    page.locator("#id_password").fill(password)
    page.locator("#id_password").press("Enter")
    page.wait_for_url("**/admin/")
