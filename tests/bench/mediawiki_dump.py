"""A generated MediaWiki export (schema export-0.11) of any size, for the importer's
speed and memory measurements and its streaming test.

Each page links to the previous and the next one (the last link points at a page that
is not in the dump), has a heading, a list, a table, an infobox and a category; each
revision adds a paragraph, so the latest text is the longest.
"""

from datetime import UTC, datetime, timedelta
from xml.sax.saxutils import escape

HEADER = """<mediawiki xmlns="http://www.mediawiki.org/xml/export-0.11/" \
version="0.11" xml:lang="fr">
  <siteinfo><sitename>Wiki généré</sitename><case>first-letter</case></siteinfo>
"""
START = datetime(2015, 1, 1, tzinfo=UTC)


def page_title(number):
    return f"Commun généré {number}"


def wikitext(number, revision):
    paragraphs = "\n\n".join(
        f"Paragraphe {n} : le commun est ''entretenu'' par ses membres, voir "
        f"[[{page_title(number + 1)}|le suivant]] et "
        f"[https://exemple.org/{n} la source]."
        for n in range(revision + 1)
    )
    infobox = (
        f"{{{{Infobox Commun|ville=Ville {number % 50}"
        f"|création={2000 + number % 20}}}}}"
    )
    return f"""{infobox}
Le '''{page_title(number)}''' suit le [[{page_title(number - 1)}]].

== Gouvernance ==
{paragraphs}
* Assemblée mensuelle
** ouverte à tous
# Décider
# Faire

== Chiffres ==
{{| class="wikitable"
|+ Membres
! Année !! Membres
|-
| 2020 || {number % 300}
|-
| 2021 || {number % 300 + 10}
|}}

[[Catégorie:Commun]]"""


def page_xml(number, revisions):
    parts = [
        "  <page>\n",
        f"    <title>{escape(page_title(number))}</title>\n",
        f"    <ns>0</ns>\n    <id>{number + 1}</id>\n",
    ]
    for revision in range(revisions):
        revision_id = number * revisions + revision + 1
        stamp = START + timedelta(days=number, hours=revision)
        parts.append(
            f"    <revision><id>{revision_id}</id>"
            f"<timestamp>{stamp:%Y-%m-%dT%H:%M:%SZ}</timestamp>"
            f"<contributor><username>Auteur {revision}</username><id>{revision}</id>"
            f"</contributor><comment>Révision {revision}</comment>"
            f"<model>wikitext</model><format>text/x-wiki</format>"
            f'<text xml:space="preserve">{escape(wikitext(number, revision))}</text>'
            f"</revision>\n"
        )
    parts.append("  </page>\n")
    return "".join(parts)


def write_dump(path, pages=5000, revisions=3):
    """Write a dump of `pages` pages with `revisions` revisions each to `path`."""
    with open(path, "w", encoding="utf-8") as file:
        file.write(HEADER)
        for number in range(pages):
            file.write(page_xml(number, revisions))
        file.write("</mediawiki>\n")
