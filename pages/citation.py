"""Suggested citations of a wiki page's revision: APA 7, Chicago, BibTeX and RIS."""

import re
from dataclasses import dataclass
from datetime import date, datetime

from django.utils import timezone
from django.utils.dateformat import format as format_date
from django.utils.html import format_html
from django.utils.translation import gettext, pgettext

SITE_NAME = "Atlas des communs"

BIBTEX_SPECIALS = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "^": r"\textasciicircum{}",
    "~": r"\textasciitilde{}",
}
BIBTEX_SPECIAL = re.compile("|".join(re.escape(char) for char in BIBTEX_SPECIALS))
MONTHS = ("jan", "feb", "mar", "apr", "may", "jun")
MONTHS += ("jul", "aug", "sep", "oct", "nov", "dec")


def bibtex_escape(text):
    """Text safe in a braced BibTeX field: LaTeX specials escaped, one line."""
    text = " ".join(str(text).split())
    return BIBTEX_SPECIAL.sub(lambda match: BIBTEX_SPECIALS[match.group(0)], text)


def ris_value(text):
    """RIS has one tag per line: no line breaks inside a value."""
    return " ".join(str(text).split())


def join_names(names, last_separator):
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + last_separator + names[-1]


@dataclass
class Citation:
    """One revision of a page as a reference: who, what, where, when.

    `authors` are the page's authors ("Fiche written by"); an empty list cites the
    site itself as the author. `accessed` is passed in (today, in the views).
    """

    authors: list
    title: str
    url: str
    published: datetime | date
    accessed: date
    language: str
    key: str

    @property
    def published_date(self):
        if isinstance(self.published, datetime):
            return timezone.localtime(self.published).date()
        return self.published

    @property
    def author_names(self):
        return self.authors or [SITE_NAME]

    def apa(self):
        """APA 7, web page with a retrieval date (wiki pages change over time)."""
        authors = join_names(self.author_names, ", & ")
        published = format_date(self.published_date, pgettext("APA date", "Y, F j"))
        accessed = format_date(self.accessed, pgettext("APA date", "F j, Y"))
        # When the site is the author, APA leaves the site name out.
        site = "" if not self.authors else format_html(" {}.", SITE_NAME)
        return format_html(
            "{}. ({}). <cite>{}</cite>.{} {}",
            authors,
            published,
            self.title,
            site,
            gettext("Retrieved %(date)s, from %(url)s")
            % {"date": accessed, "url": self.url},
        )

    def chicago(self):
        """Chicago (notes and bibliography), bibliography entry of a web page."""
        names = self.author_names
        # Two authors: "A and B"; more: "A, B, and C" (the serial comma).
        last = gettext(" and ") if len(names) == 2 else gettext(", and ")
        authors = join_names(names, last)
        modified = format_date(self.published_date, pgettext("Chicago date", "F j, Y"))
        accessed = format_date(self.accessed, pgettext("Chicago date", "F j, Y"))
        return format_html(
            "{}. “{}.” <cite>{}</cite>. {}. {}. {}.",
            authors,
            self.title,
            SITE_NAME,
            gettext("Last modified %(date)s") % {"date": modified},
            gettext("Accessed %(date)s") % {"date": accessed},
            self.url,
        )

    def bibtex(self):
        # Each name in its own braces: BibTeX keeps it whole instead of guessing a
        # first and last name (organisations, actors' page titles). The title's extra
        # braces keep its capitals.
        authors = " and ".join(
            f"{{{bibtex_escape(name)}}}" for name in self.author_names
        )
        published = self.published_date
        fields = [
            ("author", f"{{{authors}}}"),
            ("title", f"{{{{{bibtex_escape(self.title)}}}}}"),
            ("howpublished", f"{{\\url{{{self.url}}}}}"),
            ("url", f"{{{self.url}}}"),
            ("organization", f"{{{SITE_NAME}}}"),
            ("year", f"{{{published.year}}}"),
            ("month", MONTHS[published.month - 1]),  # a BibTeX macro, unbraced
            ("date", f"{{{published.isoformat()}}}"),
            ("urldate", f"{{{self.accessed.isoformat()}}}"),
            ("language", f"{{{self.language}}}"),
        ]
        body = ",\n".join(f"  {name} = {value}" for name, value in fields)
        return f"@misc{{{self.key},\n{body}\n}}\n"

    def ris(self):
        published = self.published_date
        lines = [("TY", "ELEC")]
        lines += [("AU", ris_value(name)) for name in self.author_names]
        lines += [
            ("TI", ris_value(self.title)),
            ("T2", SITE_NAME),
            ("PB", SITE_NAME),
            ("PY", str(published.year)),
            ("DA", published.strftime("%Y/%m/%d/")),
            ("Y2", self.accessed.strftime("%Y/%m/%d/")),
            ("UR", self.url),
            ("LA", self.language),
            ("ER", ""),
        ]
        # The RIS specification: "TAG  - value", lines ending in CR LF.
        return "".join(f"{tag}  - {value}\r\n" for tag, value in lines)
