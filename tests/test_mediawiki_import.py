"""The MediaWiki importer's reading side: XML exports parsed page by page with their
revisions, and wikitext converted to the article body, infobox fields and a report.

The samples in tests/import_samples/ were written for these tests.
"""

import io
import json
import re
from datetime import UTC, datetime
from html.parser import HTMLParser
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.core.management import CommandError, call_command
from wagtail.admin.rich_text.converters.contentstate import ContentstateConverter
from wagtail.models import Page, Revision, WorkflowState

from importers.mediawiki import (
    DELETED_CONTRIBUTOR,
    MediaWikiDumpError,
    ReportItem,
    category_names,
    convert_revision,
    parse_dump,
)
from importers.models import ImportedRecord, ImportRun
from importers.records import ImportFileError
from importers.runner import resolve_import_links
from pages.blocks import PARAGRAPH_FEATURES, ArticleBodyBlock
from pages.models import ChamberPage, CommonsPage, ConceptPage
from tests.bench.mediawiki_dump import write_dump
from tests.test_importers import (
    import_sample,
    outcomes,
    page_for,
)
from timeline.fuzzy_date import FuzzyDate

SAMPLES = Path(__file__).parent / "import_samples"
DUMP = SAMPLES / "mediawiki-communs.xml"
OLD_DUMP = SAMPLES / "mediawiki-communs-0.10.xml"

INFOBOXES = {
    "Infobox Chambre": {"ville": "commune", "création": "founded", "site": "website"}
}
# Title → source id of the records imported with them: links become import links.
IDS = {
    "Chambre des communs de Lille": "21",
    "Jardin partagé des Moulins": "22",
    "Communs numériques": "23",
}


def convert(wikitext, ids=IDS, infoboxes=INFOBOXES):
    return convert_revision(wikitext, ids.get, infoboxes)


def pages_by_title(path=DUMP, **options):
    return {page.title: page for page in parse_dump(path, **options)}


def at(*args):
    return datetime(*args, tzinfo=UTC)


# Parsing ---------------------------------------------------------------------


def test_every_page_comes_with_all_its_revisions_oldest_first():
    pages = pages_by_title()

    assert list(pages) == [
        "Chambre des communs de Lille",
        "Jardin partagé des Moulins",
        "Communs numériques",
    ]
    chamber = pages["Chambre des communs de Lille"]
    assert (chamber.id, chamber.namespace, chamber.redirect) == (11, 0, None)
    revisions = chamber.revisions
    assert [(r.id, r.parent_id, r.timestamp) for r in revisions] == [
        (101, None, at(2019, 3, 4, 9, 15)),
        (102, 101, at(2019, 6, 18, 17, 42, 10)),
        (103, 102, at(2020, 1, 10, 8)),
    ]
    assert [(r.author, r.anonymous, r.comment, r.minor) for r in revisions] == [
        ("Camille", False, "Création de la page", False),
        ("192.0.2.44", True, "Ajout du jardin", False),
        ("Léa", False, "Mise en forme, tableau des assemblées", True),
    ]
    assert chamber.revisions[0].text.startswith("La '''chambre des communs''' de Lille")
    # Escaped markup in the XML is wikitext again, whole.
    assert "<ref>Compte rendu" in chamber.latest.text
    assert chamber.latest.text.endswith("[[Catégorie:Lille]]")


def test_hidden_contributors_and_summaries_read_as_deleted_and_empty():
    garden = pages_by_title()["Jardin partagé des Moulins"]

    hidden = garden.revisions[1]
    assert (hidden.id, hidden.author, hidden.anonymous, hidden.comment) == (
        202,
        DELETED_CONTRIBUTOR,
        False,
        "",
    )
    assert [r.author for r in garden.revisions] == ["Camille", "deleted", "Sami"]


def test_redirects_are_skipped_and_handed_to_the_report():
    skipped = []
    pages = pages_by_title(skipped=skipped)

    assert "Chambre de Lille" not in pages
    assert [(page.title, page.redirect) for page in skipped] == [
        ("Chambre de Lille", "Chambre des communs de Lille")
    ]
    with_redirects = pages_by_title(include_redirects=True)
    assert with_redirects["Chambre de Lille"].redirect == "Chambre des communs de Lille"


def test_the_older_export_schema_reads_the_same():
    (category,) = parse_dump(OLD_DUMP)

    assert (category.title, category.namespace, category.id) == (
        "Catégorie:Chambre des communs",
        14,
        5,
    )
    assert [
        (r.author, r.anonymous, r.minor, r.comment) for r in category.revisions
    ] == [
        ("Ancien", False, False, "Catégorie des chambres"),
        ("2001:db8::5", True, True, ""),
    ]
    assert category.latest.timestamp == at(2017, 1, 15, 16, 45)


def test_a_dump_opened_as_a_binary_file_is_read_too():
    with DUMP.open("rb") as file:
        assert len(list(parse_dump(file))) == 3


def test_a_truncated_dump_names_where_it_breaks_after_the_pages_before():
    data = DUMP.read_bytes()
    cut = data.index(b"<title>Communs num")  # inside the third page
    pages = []

    with pytest.raises(MediaWikiDumpError, match=r"ligne \d+, colonne \d+") as error:
        for page in parse_dump(io.BytesIO(data[:cut])):
            pages.append(page.title)

    assert pages == ["Chambre des communs de Lille", "Jardin partagé des Moulins"]
    assert "tronqué" in str(error.value)


def test_malformed_xml_names_its_line():
    broken = DUMP.read_text().replace("</comment>", "</commentaire>", 1)

    with pytest.raises(MediaWikiDumpError) as error:
        list(parse_dump(io.BytesIO(broken.encode())))

    line = broken[: broken.index("</commentaire>")].count("\n") + 1
    assert f"ligne {line}," in str(error.value)


def test_other_xml_and_entity_tricks_are_refused():
    with pytest.raises(MediaWikiDumpError, match="pas un export XML de MediaWiki"):
        list(parse_dump(io.BytesIO(b"<rss><channel/></rss>")))

    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE mediawiki [<!ENTITY a "aaaaaaaaaa">'
        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        b'<mediawiki xmlns="http://www.mediawiki.org/xml/export-0.11/">&b;</mediawiki>'
    )
    with pytest.raises(MediaWikiDumpError, match="DTD"):
        list(parse_dump(io.BytesIO(laughs)))


def test_a_page_with_unreadable_data_says_why_and_the_dump_goes_on():
    broken = (
        DUMP.read_text()
        .replace("2019-05-02T14:00:00Z", "hier")
        .replace("<id>13</id>", "<id>treize</id>")
    )

    pages = list(parse_dump(io.BytesIO(broken.encode())))

    assert [(page.title, page.error) for page in pages] == [
        ("Chambre des communs de Lille", ""),
        (
            "Jardin partagé des Moulins",
            "Page « Jardin partagé des Moulins », révision 201 : l’horodatage "
            "« hier » n’est pas une heure ISO 8601 avec son fuseau horaire.",
        ),
        (
            "Communs numériques",
            "Page « Communs numériques » : l’identifiant de page n’est pas un "
            "nombre : « treize ».",
        ),
    ]
    assert [revision.id for revision in pages[1].revisions] == [202, 203]


def test_a_generated_dump_streams_its_pages(tmp_path):
    path = tmp_path / "dump.xml"
    write_dump(path, pages=30, revisions=3)

    pages = list(parse_dump(path))

    assert len(pages) == 30
    assert {len(page.revisions) for page in pages} == {3}
    assert pages[4].title == "Commun généré 4"


# Categories ---------------------------------------------------


def test_categories_come_from_the_latest_revision_without_sort_keys():
    pages = pages_by_title()

    assert pages["Chambre des communs de Lille"].categories == [
        "Chambre des communs",
        "Lille",
    ]
    assert pages["Jardin partagé des Moulins"].categories == ["Commun"]
    assert category_names(
        "[[Category:commons_numériques]] [[:Catégorie:Lien]] [[ catégorie : Lille |L]]"
    ) == ["Commons numériques", "Lille"]


# Converting ------------------------------------------------------------------


def test_the_sample_chamber_becomes_headings_paragraphs_lists_and_a_table():
    chamber = pages_by_title()["Chambre des communs de Lille"]

    body, fields, report = convert(chamber.latest.text)

    assert body == [
        {
            "type": "paragraph",
            "value": (
                "<p>La <b>chambre des communs</b> de Lille réunit les <i>communs</i> "
                'de la métropole, comme le <a data-import-ref="22">jardin des '
                "Moulins</a>. (Compte rendu de l'assemblée du 4 mars 2019.)</p>"
            ),
        },
        {"type": "heading", "value": {"text": "Missions", "level": "h2"}},
        {
            "type": "paragraph",
            "value": (
                "<p>Elle s'appuie sur les "
                '<a data-import-ref="23">communs numériques</a> '
                "et sur la Maison des communs.</p>"
                "<ul><li>Cartographier les communs"
                "<ul><li>quartier par quartier</li></ul></li>"
                "<li>Tenir une assemblée ouverte</li></ul>"
                "<ol><li>Accueillir</li><li>Décider ensemble</li></ol>"
            ),
        },
        {"type": "heading", "value": {"text": "Assemblées", "level": "h3"}},
        {
            "type": "table",
            "value": {
                "caption": "Assemblées par année",
                "columns": [
                    {"type": "figure", "heading": "Année"},
                    {"type": "figure", "heading": "Participants"},
                    {"type": "rich_text", "heading": "Lieu"},
                ],
                "rows": [
                    {
                        "values": [
                            "2019",
                            "40",
                            '<p><a data-import-ref="22">'
                            "Jardin partagé des Moulins</a></p>",
                        ]
                    },
                    {"values": ["2020", "65", "<p>Salle des fêtes</p>"]},
                ],
            },
        },
        {"type": "heading", "value": {"text": "Liens", "level": "h2"}},
        {
            "type": "paragraph",
            "value": (
                '<p>Voir le <a href="https://chambre.communs.example">site de la '
                'chambre</a> et <a href="https://communs.example/lille">'
                "https://communs.example/lille</a>.</p>"
            ),
        },
    ]
    assert fields == {
        "commune": "Lille",
        "founded": "2019",
        "website": "https://chambre.communs.example",
    }
    assert report == [
        ReportItem(ReportItem.UNMAPPED_PARAMETER, "Infobox Chambre: couleur"),
        ReportItem(ReportItem.UNRESOLVED_LINK, "Maison des communs"),
        ReportItem(ReportItem.DROPPED_TEMPLATE, "Ébauche"),
    ]
    # The stream block reads every block back.
    assert [child.block_type for child in ArticleBodyBlock().to_python(body)] == [
        "paragraph",
        "heading",
        "paragraph",
        "heading",
        "table",
        "heading",
        "paragraph",
    ]


def test_links_to_pages_not_imported_stay_text_and_are_reported():
    body, _, report = convert(
        "Voir [[Page absente]], [[page_absente#Histoire|son histoire]], "
        "[[Communs numériques#Exemples|les exemples]] et "
        "[[Fichier:Carte.png|vignette]]."
    )

    assert body[0]["value"] == (
        "<p>Voir Page absente, son histoire, "
        '<a data-import-ref="23">les exemples</a> et .</p>'
    )
    assert report == [
        ReportItem(ReportItem.UNRESOLVED_LINK, "Page absente"),
        ReportItem(ReportItem.UNRESOLVED_LINK, "Page absente"),
        ReportItem(ReportItem.DROPPED_FILE, "Carte.png"),
    ]


def test_heading_levels_and_a_table_without_caption_or_header():
    body, _, _ = convert(
        "= Haut =\n==== Détail ====\n{|\n| Lille || '''oui'''\n|-\n| Roubaix\n|}"
    )

    assert body == [
        {"type": "heading", "value": {"text": "Haut", "level": "h2"}},
        {"type": "heading", "value": {"text": "Détail", "level": "h4"}},
        {
            "type": "table",
            "value": {
                "caption": "Détail",  # the section's title stands in for a caption
                "columns": [
                    {"type": "text", "heading": ""},
                    {"type": "rich_text", "heading": ""},
                ],
                "rows": [
                    {"values": ["Lille", "<p><b>oui</b></p>"]},
                    {"values": ["Roubaix", "<p></p>"]},
                ],
            },
        },
    ]


def test_html_tables_and_divisions_convert_like_their_wikitext():
    body, _, _ = convert(
        "<TABLE><caption>Membres</caption><tr><th>Ville</th><th>Membres</th></tr>"
        "<TR><td>Lille</td><td>40</td></TR></TABLE>\n<div>Un\n\ndeux</div>trois"
    )

    assert body == [
        {
            "type": "table",
            "value": {
                "caption": "Membres",
                "columns": [
                    {"type": "text", "heading": "Ville"},
                    {"type": "figure", "heading": "Membres"},
                ],
                "rows": [{"values": ["Lille", "40"]}],
            },
        },
        {"type": "paragraph", "value": "<p>Un</p><p>deux</p><p>trois</p>"},
    ]


def test_paragraphs_breaks_and_other_templates():
    body, fields, report = convert(
        "Un\ndeux<br>trois\n\n{{Citation nécessaire}} {{#if:x|y}}quatre __NOTOC__"
    )

    assert body == [
        {"type": "paragraph", "value": "<p>Un deux<br/>trois</p><p>quatre</p>"}
    ]
    assert fields == {}
    assert report == [
        ReportItem(ReportItem.DROPPED_TEMPLATE, "Citation nécessaire"),
        ReportItem(ReportItem.DROPPED_TEMPLATE, "#if:x"),
    ]


def test_definitions_quotes_and_template_names_as_mediawiki_reads_them():
    body, fields, report = convert(
        "; Terme\n: définition\n<blockquote>Une '''citation'''</blockquote>\nfin "
        "{{Modèle:infobox_Chambre|ville=Roubaix}} {{Infobox chambre|ville=Gand}}"
    )

    assert body == [
        {
            "type": "paragraph",
            "value": (
                "<p><b>Terme</b></p><p>définition</p>"
                "<blockquote>Une <b>citation</b></blockquote><p>fin</p>"
            ),
        }
    ]
    # Only a title's first letter ignores case.
    assert fields == {"commune": "Roubaix"}
    assert report == [ReportItem(ReportItem.DROPPED_TEMPLATE, "Infobox chambre")]


def test_the_editor_keeps_the_converted_rich_text_as_it_is():
    chamber = pages_by_title()["Chambre des communs de Lille"]
    body, _, _ = convert(
        chamber.latest.text + "\nUn<br>deux\n; Terme\n<blockquote>Cité</blockquote>",
        ids={},  # page links need pages in the database: tested by rendering below
    )
    editor = ContentstateConverter(features=PARAGRAPH_FEATURES)

    for block in body:
        if block["type"] == "paragraph":
            html = block["value"]
            round_trip = editor.to_database_format(editor.from_database_format(html))
            assert re.sub(r' data-block-key="\w+"', "", round_trip) == html


class TagCollector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags = set()
        self.attributes = set()

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        self.attributes.update(name for name, _ in attrs)


HOSTILE = """== <script>alert(1)</script>Titre ==
<script>alert(2)</script> <b onclick="alert(3)">gras</b> <img src=x onerror=alert(4)>
<nowiki><script>alert(5)</script></nowiki> [javascript:alert(6) clic]
[[Communs numériques|<span onmouseover="alert(7)">lien</span>]] & &lt;i&gt;
[https://exemple.org/"onmouseover="alert(8) texte]
{|
! <iframe src="https://x">
|-
| <style>body{}</style>[[x|<script>alert(9)</script>]]
|}
{{Infobox Chambre|ville=<script>alert(10)</script>Lille}}
"""


def test_html_in_wikitext_never_reaches_the_body_as_html():
    body, fields, _ = convert(HOSTILE)

    collector = TagCollector()
    for block in body:
        if block["type"] == "paragraph":
            collector.feed(block["value"])
        if block["type"] == "table":
            for row in block["value"]["rows"]:
                for value in row["values"]:
                    collector.feed(value)
    assert collector.tags <= {"p", "b", "a", "br"}
    assert collector.attributes <= {"href", "data-import-ref"}
    paragraph = next(b["value"] for b in body if b["type"] == "paragraph")
    assert "&lt;script&gt;alert(5)&lt;/script&gt;" in paragraph  # nowiki: shown
    assert "[javascript:alert(6) clic]" in paragraph
    assert "&amp; &lt;i&gt;" in paragraph
    # A quote ends a URL: the rest is the link's text, escaped.
    assert (
        '<a href="https://exemple.org/">"onmouseover="alert(8) texte</a>' in paragraph
    )
    assert body[0] == {"type": "heading", "value": {"text": "Titre", "level": "h2"}}
    assert fields == {"commune": "Lille"}
    assert "alert(1)" not in str(body) and "alert(2)" not in str(body)


@pytest.mark.django_db
def test_a_converted_body_renders_in_a_published_page(client, make_page):
    garden = make_page("commons", title="Jardin partagé des Moulins")
    chamber = pages_by_title()["Chambre des communs de Lille"]
    body, _, _ = convert(chamber.latest.text)
    # What the runner does once the garden's record has its page.
    body, waiting = resolve_import_links(body, {"22": garden.pk}.get)
    assert waiting == {"23": "communs numériques"}
    page = make_page("chamber", title=chamber.title, body=body)

    response = client.get(page.url)

    assert response.status_code == 200
    article = BeautifulSoup(response.content, "html.parser")
    assert article.find("a", string="jardin des Moulins")["href"] == garden.url
    table = article.find("table")
    assert table.find("caption").get_text(strip=True) == "Assemblées par année"
    assert [td.get_text(strip=True) for td in table.find("tbody").find_all("td")] == [
        "2019",
        "40",
        "Jardin partagé des Moulins",
        "2020",
        "65",
        "Salle des fêtes",
    ]
    item = article.find(string="Cartographier les communs").find_parent("li")
    nested = item.find("ul")
    assert nested.get_text(strip=True) == "quartier par quartier"
    assert article.find("a", href="https://chambre.communs.example")
    assert "Maison des communs" in article.get_text()


# Importing -------------------------------------------------------------------

WIKI = "wiki-communs"


def import_dump(content=None, **options):
    return import_sample("mediawiki", DUMP.name, "mediawiki.yaml", content, **options)


def latest(source_id):
    return page_for(WIKI, source_id)


@pytest.mark.django_db
def test_a_dump_becomes_pages_with_their_whole_history(import_atlas):
    report = import_dump(user=import_atlas["editor"])

    assert outcomes(report) == {"11": "created", "12": "created", "13": "created"}
    chamber, garden, digital = latest("11"), latest("12"), latest("13")
    assert isinstance(chamber, ChamberPage) and isinstance(garden, CommonsPage)
    assert isinstance(digital, ConceptPage)
    assert (chamber.commune, chamber.website) == (
        "Lille",
        "https://chambre.communs.example",
    )
    assert chamber.founded == FuzzyDate.from_string("2019")
    # Links to pages later in the dump, and through a redirect, are page links.
    links = {
        a.get_text(): a.get("id")
        for block in chamber.body
        if block.block_type == "paragraph"
        for a in BeautifulSoup(block.value.source, "html.parser").find_all("a")
        if a.get("linktype") == "page"
    }
    assert links == {
        "jardin des Moulins": str(garden.pk),
        "communs numériques": str(digital.pk),
    }
    assert "data-import-ref" not in json.dumps(chamber.body.get_prep_value())
    # Every revision, dated and signed as in the wiki, the link completed in it too.
    history = Revision.objects.filter(object_id=str(chamber.pk)).order_by("created_at")
    assert [(r.created_at, r.change_note.note) for r in history] == [
        (
            at(2019, 3, 4, 9, 15),
            "Création de la page — Camille (Importé depuis wiki-communs)",
        ),
        (
            at(2019, 6, 18, 17, 42, 10),
            "Ajout du jardin — un contributeur anonyme (Importé depuis wiki-communs)",
        ),
        (
            at(2020, 1, 10, 8),
            "Mise en forme, tableau des assemblées — Léa (Importé depuis wiki-communs)",
        ),
    ]
    second = history[1].as_object()
    assert f'linktype="page" id="{garden.pk}"' in second.body[0].value.source
    hidden = Revision.objects.filter(object_id=str(garden.pk)).order_by("created_at")[1]
    assert (
        hidden.change_note.note
        == "un contributeur masqué (Importé depuis wiki-communs)"
    )
    # What the body could not keep is in the report.
    line = report.lines[0]
    assert "Maison des communs" in line.message and "Ébauche" in line.message
    assert "Infobox Chambre: couleur" in line.message
    # Drafts submitted to review, one email to the moderators for all of them.
    assert not chamber.live
    assert WorkflowState.objects.filter(status="in_progress").count() == 3
    assert [message.to for message in mail.outbox] == [["moderator@example.org"]]
    assert mail.outbox[0].subject == (
        "3 pages importées depuis wiki-communs attendent une relecture"
    )
    assert f"/admin/pages/{garden.pk}/edit/" in mail.outbox[0].body
    assert f"/admin/imports/{report.run.pk}/" in mail.outbox[0].body


@pytest.mark.django_db
def test_a_published_import_reads_as_a_wiki_with_history(import_atlas, client):
    through_redirect = "Voir la [[Chambre de Lille|chambre lilloise]].\n"
    redirect_link = DUMP.read_bytes().replace(
        b"[[Cat\xc3\xa9gorie:Concept]]",
        f"{through_redirect}[[Catégorie:Concept]]".encode(),
    )
    import_dump(redirect_link, publish=True)
    chamber, garden, digital = latest("11"), latest("12"), latest("13")

    page = BeautifulSoup(client.get(chamber.url).content, "html.parser")
    assert page.find("a", string="jardin des Moulins")["href"] == garden.url
    assert page.find("caption").get_text(strip=True) == "Assemblées par année"
    concept = BeautifulSoup(client.get(digital.url).content, "html.parser")
    assert concept.find("a", string="chambre lilloise")["href"] == chamber.url
    history = client.get(chamber.url + "history/").content.decode()
    for author in ("Camille", "un contributeur anonyme", "Léa"):
        assert author in history
    assert "192.0.2.44" not in history
    assert mail.outbox == []  # published: nobody to ask
    # Indexed once at the end of the import: search and "links here" know them.
    found = client.get("/fr/search/", {"q": "assemblée"}).content.decode()
    assert "Jardin partagé des Moulins" in found
    links_here = client.get(garden.url + "links-here/").content.decode()
    assert "Chambre des communs de Lille" in links_here


@pytest.mark.django_db
def test_re_runs_update_only_what_changed_and_never_an_edited_page(import_atlas):
    import_dump(publish=True)
    assert set(outcomes(import_dump(publish=True)).values()) == {"unchanged"}

    garden = latest("12")
    garden.summary = "Résumé revu par une éditrice."
    garden.save_revision(user=import_atlas["editor"]).publish()
    newer = (
        DUMP.read_bytes()
        .replace(b"chaque mois.", b"chaque mois, au local.")
        .replace(b"Lille de la m\xc3\xa9tropole.", b"Lille et de la m\xc3\xa9tropole.")
    )
    report = import_dump(newer, publish=True)

    assert outcomes(report) == {"11": "unchanged", "12": "conflict", "13": "unchanged"}
    assert latest("12").summary == "Résumé revu par une éditrice."


@pytest.mark.django_db
def test_a_dry_run_reports_the_import_and_writes_nothing(import_atlas):
    pages_before = Page.objects.count()

    report = import_dump(dry_run=True)

    assert outcomes(report) == {"11": "created", "12": "created", "13": "created"}
    assert Page.objects.count() == pages_before
    assert not ImportedRecord.objects.exists() and not ImportRun.objects.exists()
    # Links to pages later in the dump would be made: not reported as lost.
    assert "Jardin partagé" not in report.lines[0].message
    assert "Maison des communs" in report.lines[0].message


@pytest.mark.django_db
def test_links_to_a_page_left_out_are_kept_as_text_and_said(import_atlas):
    # The garden is in no category the mapping knows: left out, and the links to
    # it (which waited for its page) become text.
    content = DUMP.read_bytes().replace(b":Commun]]", b":Divers]]")

    report = import_dump(content, publish=True)

    assert outcomes(report) == {"11": "created", "12": "skipped", "13": "created"}
    chamber = latest("11")
    assert "data-import-ref" not in json.dumps(chamber.body.get_prep_value())
    assert "jardin des Moulins" in chamber.body[0].value.source
    assert "linktype" not in chamber.body[0].value.source.split("Moulins")[0]
    assert (
        "liens gardés en texte, leurs pages n’ont pas été importées : "
        "Jardin partagé des Moulins"
    ) in report.lines[0].message
    old = Revision.objects.filter(object_id=str(chamber.pk)).order_by("created_at")
    assert "data-import-ref" not in json.dumps([r.content for r in old])


@pytest.mark.django_db
def test_a_truncated_dump_writes_nothing(import_atlas):
    content = DUMP.read_bytes()

    with pytest.raises(ImportFileError, match="ligne"):
        import_dump(content[: len(content) // 2])
    assert not ImportedRecord.objects.exists()


@pytest.mark.django_db
def test_unusable_parser_options_are_mapping_errors(import_atlas, tmp_path):
    mapping_file = tmp_path / "wiki.yaml"
    mapping_file.write_text(
        "source: wiki\npage_type: commons\nfields: {title: title}\n"
        "options: {namespaces: principal, infoboxes: Infobox Chambre}\n",
        encoding="utf-8",
    )

    with pytest.raises(CommandError) as error:
        call_command("import_records", "mediawiki", str(DUMP), mapping=mapping_file)

    assert "options.namespaces" in str(error.value)
    assert "options.infoboxes" in str(error.value)
    assert not ImportedRecord.objects.exists()
