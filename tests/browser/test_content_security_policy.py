"""The Content-Security-Policy in a real browser: it blocks injected script, and no page
of the demo atlas breaks it. The `page` fixture fails any test that saw a violation
(tests/browser/conftest.py), so every journey counts them too."""

import pytest
from django.core.management import call_command
from wagtail.models import Page

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

INJECT_INLINE_SCRIPT = """() => {
    const script = document.createElement("script");
    script.textContent = "window.injected = true;";
    document.body.append(script);
}"""


def test_an_injected_inline_script_is_refused_and_reported(page, csp_violations):
    page.goto("/fr/")
    page.evaluate(INJECT_INLINE_SCRIPT)
    page.wait_for_timeout(200)  # the violation event is delivered asynchronously

    assert page.evaluate("window.injected") is None
    assert any("script-src" in violation for violation in csp_violations)
    csp_violations.clear()


@pytest.fixture
def one_page_of_each_type(restored_site):
    """The address of the first live page of each type of the demo, in each locale."""
    call_command("load_demo", verbosity=0)
    first = {}
    for page in Page.objects.live().public().filter(depth__gt=1).order_by("path"):
        first.setdefault((page.content_type_id, page.locale_id), page.url)
    return sorted(first.values())


def test_no_page_type_of_the_demo_atlas_breaks_the_policy(
    page, one_page_of_each_type, csp_violations
):
    page.route("**/tile.openstreetmap.org/**", lambda route: route.abort())
    urls = [
        *one_page_of_each_type,
        "/fr/search/?q=communs",
        "/en/search/?q=commons",
        "/fr/recent-changes/",
    ]
    assert len(urls) > 20
    for url in urls:
        response = page.goto(url)
        assert response.status == 200, url
        page.wait_for_load_state("load")
        assert csp_violations == [], url
