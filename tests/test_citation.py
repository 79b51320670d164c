"""'Cite this page': the suggested citations and the BibTeX and RIS downloads."""

import re
from datetime import UTC, date, datetime, timedelta

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone, translation

from pages.citation import Citation, bibtex_escape
from pages.models import PageAuthor

pytestmark = pytest.mark.django_db

BIBTEX_SPECIALS = {
    r"\textbackslash{}": "\\",
    r"\textasciicircum{}": "^",
    r"\textasciitilde{}": "~",
    r"\{": "{",
    r"\}": "}",
    r"\&": "&",
    r"\%": "%",
    r"\$": "$",
    r"\#": "#",
    r"\_": "_",
}


def parse_bibtex(text):
    """(entry type, key, {field: value}) of a single-entry BibTeX file, unescaped.

    Reads braced values by counting unescaped braces, as BibTeX does.
    """
    match = re.match(r"@(\w+)\{([^,]+),\n", text)
    entry_type, key = match.groups()
    fields = {}
    position = match.end()
    field = re.compile(r"\s*(\w+) = ")
    while (found := field.match(text, position)) is not None:
        name, position = found.group(1), found.end()
        if text[position] == "{":
            depth, start = 0, position
            while True:
                char = text[position]
                if char == "\\":
                    position += 2
                    continue
                depth += {"{": 1, "}": -1}.get(char, 0)
                position += 1
                if depth == 0:
                    break
            value = text[start + 1 : position - 1]
        else:
            end = re.compile(r"[,\n]").search(text, position).start()
            value, position = text[position:end], end
        fields[name] = value
        position += 1 if text[position] == "," else 0
    assert text[position:].strip() == "}", text[position:]
    return entry_type, key, fields


def unescape_bibtex(value):
    pattern = "|".join(re.escape(escaped) for escaped in BIBTEX_SPECIALS)
    return re.sub(pattern, lambda match: BIBTEX_SPECIALS[match.group(0)], value)


def parse_ris(text):
    """[(tag, value)] of an RIS record; every line is "TG  - value" ending in CR LF."""
    assert text.endswith("\r\n")
    lines = text[:-2].split("\r\n")
    parsed = []
    for line in lines:
        match = re.fullmatch(r"([A-Z][A-Z0-9])  - (.*)", line)
        assert match, line
        parsed.append(match.groups())
    return parsed


@pytest.fixture
def page(make_page):
    page = make_page("commons", title="Café & co : {100 %} des_communs #1")
    page.wiki_authors.add(PageAuthor(name="Frédéric Sultan"))
    page.wiki_authors.add(PageAuthor(name="Collectif Ø"))
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def permalink(page, revision_id):
    return f"http://testserver{page.url}history/{revision_id}/"


def test_bibtex_download_parses_back_field_by_field(client, page):
    response = client.get(page.url + "cite/bibtex/")

    assert response["Content-Type"] == "application/x-bibtex; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    entry_type, key, fields = parse_bibtex(response.content.decode())
    published = timezone.localtime(page.last_published_at).date()
    assert entry_type == "misc" and re.fullmatch(r"[a-z0-9]+", key)
    assert [
        unescape_bibtex(name.strip("{}")) for name in fields["author"].split(" and ")
    ] == [
        "Frédéric Sultan",
        "Collectif Ø",
    ]
    assert fields["title"].startswith("{") and fields["title"].endswith("}")
    assert unescape_bibtex(fields["title"][1:-1]) == page.title
    assert fields["url"] == permalink(page, page.live_revision_id)
    assert fields["howpublished"] == rf"\url{{{fields['url']}}}"
    assert fields["organization"] == "Atlas des communs"
    assert fields["year"] == str(published.year)
    assert fields["month"] == published.strftime("%b").lower()
    assert fields["date"] == published.isoformat()
    assert fields["urldate"] == timezone.localdate().isoformat()
    assert fields["language"] == "fr"


def test_bibtex_escapes_every_special_character():
    escaped = bibtex_escape("a\\b{c}d&e%f$g#h_i^j~k\nl")

    assert escaped == (
        r"a\textbackslash{}b\{c\}d\&e\%f\$g\#h\_i\textasciicircum{}j"
        r"\textasciitilde{}k l"
    )
    assert unescape_bibtex(escaped) == "a\\b{c}d&e%f$g#h_i^j~k l"


def test_ris_download_parses_back_field_by_field(client, page):
    response = client.get(page.url + "cite/ris/")

    assert response["Content-Type"] == (
        "application/x-research-info-systems; charset=utf-8"
    )
    record = parse_ris(response.content.decode())
    published = timezone.localtime(page.last_published_at).date()
    assert record[0] == ("TY", "ELEC") and record[-1] == ("ER", "")
    fields = dict(record)
    assert [value for tag, value in record if tag == "AU"] == [
        "Frédéric Sultan",
        "Collectif Ø",
    ]
    assert fields["TI"] == page.title
    assert fields["T2"] == fields["PB"] == "Atlas des communs"
    assert fields["PY"] == str(published.year)
    assert fields["DA"] == published.strftime("%Y/%m/%d/")
    assert fields["Y2"] == timezone.localdate().strftime("%Y/%m/%d/")
    assert fields["UR"] == permalink(page, page.live_revision_id)
    assert fields["LA"] == "fr"


def test_an_older_published_revision_can_be_cited(client, page):
    old_revision = page.live_revision
    page.title = "Nouveau titre"
    page.save_revision().publish()

    ris = dict(parse_ris(client.get(page.url + "cite/ris/").content.decode()))
    old_ris = dict(
        parse_ris(
            client.get(
                page.url + f"cite/ris/?revision={old_revision.pk}"
            ).content.decode()
        )
    )

    assert ris["TI"] == "Nouveau titre"
    assert old_ris["TI"] == old_revision.as_object().title
    assert old_ris["UR"] == permalink(page, old_revision.pk)


def test_a_draft_cannot_be_cited(client, page):
    page.title = "Brouillon"
    draft = page.save_revision()

    assert client.get(page.url + f"cite/bibtex/?revision={draft.pk}").status_code == 404


def test_a_page_without_authors_is_cited_under_the_site_name(client, make_page):
    page = make_page("concept", title="Communs")

    fields = dict(parse_ris(client.get(page.url + "cite/ris/").content.decode()))
    _type, _key, bibtex = parse_bibtex(
        client.get(page.url + "cite/bibtex/").content.decode()
    )

    assert fields["AU"] == "Atlas des communs"
    assert bibtex["author"] == "{Atlas des communs}"


def cite_section(response):
    return BeautifulSoup(response.content, "html.parser").find("details", id="cite")


def test_the_page_suggests_apa_and_chicago_citations(client, page):
    section = cite_section(client.get(page.url))
    url = permalink(page, page.live_revision_id)

    apa = section.find(id="cite-apa").text
    chicago = section.find(id="cite-chicago").text
    assert apa.startswith(f"Frédéric Sultan, & Collectif Ø. ({timezone.now().year}, ")
    assert f"). {page.title}. Atlas des communs. " in apa and apa.endswith(url)
    # A French page: "et" joins two authors.
    assert chicago.startswith(f"Frédéric Sultan et Collectif Ø. “{page.title}.” ")
    assert "Atlas des communs." in chicago and chicago.endswith(f"{url}.")
    assert section.find("a", href=url)
    assert section.find("a", type="application/x-bibtex")["href"] == (
        page.url + "cite/bibtex/"
    )


def test_an_old_version_cites_itself(client, page):
    old_revision = page.live_revision
    page.title = "Nouveau titre"
    page.save_revision().publish()

    section = cite_section(client.get(f"{page.url}history/{old_revision.pk}/"))

    url = permalink(page, old_revision.pk)
    assert url in section.find(id="cite-apa").text
    assert "Nouveau titre" not in section.text
    assert section.find("a", type="application/x-research-info-systems")["href"] == (
        page.url + f"cite/ris/?revision={old_revision.pk}"
    )


def test_citation_styles_format_dates_and_authors():
    citation = Citation(
        authors=["Ada", "Bea", "Cy"],
        title="Les communs",
        url="https://example.org/fr/x/history/3/",
        published=datetime(2024, 3, 5, 12, tzinfo=UTC),
        accessed=date(2025, 1, 9),
        language="fr",
        key="atlas1v3",
    )

    with translation.override("en"):
        assert str(citation.apa()) == (
            "Ada, Bea, &amp; Cy. (2024, March 5). <cite>Les communs</cite>. Atlas des "
            "communs. Retrieved January 9, 2025, from "
            "https://example.org/fr/x/history/3/"
        )
        assert str(citation.chicago()) == (
            "Ada, Bea, and Cy. “Les communs.” <cite>Atlas des communs</cite>. Last "
            "modified March 5, 2024. Accessed January 9, 2025. "
            "https://example.org/fr/x/history/3/."
        )
        citation.authors = ["Ada", "Bea"]
        assert str(citation.chicago()).startswith("Ada and Bea. “Les communs.”")
    citation.authors = []
    with translation.override("en"):
        # The site as author is not repeated as the site name (APA).
        assert str(citation.apa()).startswith(
            "Atlas des communs. (2024, March 5). <cite>Les communs</cite>. Retrieved"
        )


def test_titles_are_escaped_in_the_html_citations():
    citation = Citation(
        authors=["<b>Ada</b>"],
        title="<script>x</script>",
        url="https://example.org/",
        published=date(2024, 1, 1),
        accessed=date(2024, 1, 2) + timedelta(days=1),
        language="fr",
        key="k",
    )

    assert "<script>" not in str(citation.apa())
    assert "<b>" not in str(citation.chicago())
