"""The translation status matrix and the source changes of an outdated translation."""

import re

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from wagtail_localize.models import TranslationSource
from wagtail_localize.operations import TranslationCreator

from pages import translation_status
from pages.translation_status import STATUS_LABELS

pytestmark = pytest.mark.django_db

STATUS_URL = reverse("atlas_translation_status")


def matrix(client, **params):
    """The matrix as {page title: [(status, cell text) per language]}, and the page."""
    response = client.get(STATUS_URL, params)
    assert response.status_code == 200
    document = BeautifulSoup(response.content, "html.parser")
    rows = {}
    for row in table(document).tbody("tr"):
        if row.th is None:
            continue  # the "no page" row
        rows[row.th.get_text(strip=True)] = [
            (
                cell["class"][-1].removeprefix("translation-status__cell--"),
                cell_text(cell),
            )
            for cell in row("td")
        ]
    return rows, document


def table(document):
    return document.find("table", class_="translation-status")


def cell_text(cell):
    return " ".join(cell.get_text().split())


def label(status):
    """A status's label as the admin shows it (in French)."""
    with translation.override("fr"):
        return str(STATUS_LABELS[status])


def translate(page, user, locale):
    """wagtail-localize's "Translate this page": an English draft."""
    TranslationCreator(user, [locale]).create_translations(page)
    return page.get_translation(locale).specific


@pytest.fixture
def pages(make_page, users, locale_en):
    """One commons page in each status of its English translation."""
    made = {
        name: make_page("commons", title=name)
        for name in ("Manquante", "Brouillon", "En relecture", "Traduite", "Périmée")
    }
    translate(made["Brouillon"], users["translator"], locale_en)

    in_review = translate(made["En relecture"], users["translator"], locale_en)
    in_review.save_revision(user=users["translator"])
    in_review.get_workflow().start(in_review, users["translator"])

    for name in ("Traduite", "Périmée"):
        english = translate(made[name], users["translator"], locale_en)
        english.title = f"{name} (en)"
        english.save_revision().publish()

    outdated = made["Périmée"]
    outdated.summary = "Un résumé réécrit après la traduction."
    outdated.save_revision().publish()
    return made


def test_each_cell_says_the_translation_status_in_words(clients, pages):
    rows, document = matrix(clients["translator"], type="commons")

    assert {
        title: [status for status, _text in cells] for title, cells in rows.items()
    } == {
        "Manquante": ["missing"],
        "Brouillon": ["draft"],
        "En relecture": ["in_review"],
        "Traduite": ["translated"],
        "Périmée": ["outdated"],
    }
    # The status is written out, not only shown by a colour.
    for cells in rows.values():
        for status, text in cells:
            assert text.startswith(label(status))
    assert table(document).caption.get_text(strip=True)
    assert all(th["scope"] == "col" for th in table(document).thead.find_all("th"))
    assert all(th["scope"] == "row" for th in table(document).tbody.find_all("th"))


def test_shares_count_only_translated_pages(clients, pages):
    _rows, document = matrix(clients["moderator"], type="commons")

    shares = [
        li.get_text(strip=True)
        for li in document.select(".translation-status__shares li")
    ]
    # French writes a (no-break) space before the percent sign.
    assert len(shares) == 1 and re.search(r"\b20\s?%", shares[0]), "1 of 5 translated"
    assert "(20%)" in table(document).thead.get_text()


def test_cells_link_to_the_translation_and_to_translate(clients, pages, locale_en):
    _rows, document = matrix(clients["translator"], type="commons")
    links = {a["href"] for a in table(document).tbody.find_all("a")}

    draft = pages["Brouillon"].get_translation(locale_en)
    assert reverse("wagtailadmin_pages:edit", args=(draft.pk,)) in links
    assert (
        reverse(
            "wagtail_localize:submit_page_translation", args=(pages["Manquante"].pk,)
        )
        in links
    )
    changes = reverse("atlas_translation_changes", args=(pages["Périmée"].pk, "en"))
    assert changes in links
    source = TranslationSource.objects.get(object_id=pages["Périmée"].translation_key)
    sync = reverse("wagtail_localize:update_translations", args=(source.pk,))
    assert any(link.startswith(sync + "?next=") for link in links)


def test_what_changed_shows_the_source_diff_since_the_sync(clients, pages):
    url = reverse("atlas_translation_changes", args=(pages["Périmée"].pk, "en"))

    response = clients["translator"].get(url)

    assert response.status_code == 200
    assert len(response.context["comparison"]) == 1  # the summary only
    html = response.content.decode()
    assert "Un résumé réécrit après la traduction." in html
    assert "Résumé de Périmée." in html  # the synced text, struck out


def test_a_translated_page_has_nothing_to_show_as_changed(clients, pages):
    url = reverse("atlas_translation_changes", args=(pages["Traduite"].pk, "en"))

    response = clients["translator"].get(url)

    assert response.status_code == 200
    assert response.context["comparison"] == []


def test_filter_by_type_keeps_only_that_type(clients, pages, make_page):
    make_page("concept", title="Un concept")

    concepts, _document = matrix(clients["translator"], type="concept")
    everything, _document = matrix(clients["translator"])

    assert list(concepts) == ["Un concept"]
    assert {"Un concept", "Manquante", "Communs", "Glossaire"} <= set(everything)


def test_matrix_is_paginated(clients, pages, monkeypatch):
    monkeypatch.setattr(translation_status, "PAGES_PER_SCREEN", 2)

    first, _document = matrix(clients["translator"], type="commons")
    last, document = matrix(clients["translator"], type="commons", page=3)

    assert list(first) == ["Manquante", "Brouillon"]
    assert list(last) == ["Périmée"]
    # The share still counts every page, not only the screen's.
    shares = document.select_one(".translation-status__shares").get_text()
    assert re.search(r"\b20\s?%", shares)


def test_query_count_does_not_grow_with_the_pages(clients, pages, make_page):
    def count():
        with CaptureQueriesContext(connection) as queries:
            matrix(clients["translator"], type="commons")
        return len(queries)

    before = count()
    for number in range(5):
        make_page("commons", title=f"Commun {number}")

    assert count() == before


@pytest.mark.parametrize(
    ("role", "allowed"),
    [("translator", True), ("moderator", True), ("editor", False)],
)
def test_translators_and_moderators_see_the_matrix(clients, pages, role, allowed):
    status = clients[role].get(STATUS_URL).status_code
    changes = reverse("atlas_translation_changes", args=(pages["Périmée"].pk, "en"))
    menu = clients[role].get(reverse("wagtailadmin_home")).content.decode()

    assert (status == 200) is allowed
    assert (clients[role].get(changes).status_code == 200) is allowed
    assert (STATUS_URL in menu) is allowed


def test_superusers_see_the_matrix(admin_client, pages):
    assert admin_client.get(STATUS_URL).status_code == 200


def test_an_outdated_translation_is_translated_again_once_synced_and_published(
    clients, pages, locale_en
):
    outdated = pages["Périmée"]
    source = TranslationSource.objects.get(object_id=outdated.translation_key)

    response = clients["translator"].post(
        reverse("wagtail_localize:update_translations", args=(source.pk,))
    )
    assert response.status_code == 302
    rows, _document = matrix(clients["translator"], type="commons")
    assert rows["Périmée"][0][0] == "outdated", "synced, but not published yet"

    outdated.get_translation(locale_en).save_revision().publish()
    rows, _document = matrix(clients["translator"], type="commons")
    assert rows["Périmée"][0][0] == "translated"
