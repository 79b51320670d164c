"""The Content-Security-Policy in a real browser blocks injected script. The `page`
fixture fails any test that saw a violation (tests/browser/conftest.py), so every
journey counts them; tests/browser/test_public_pages.py visits every kind of page."""

import pytest

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
