"""Read MediaWiki XML exports and turn wikitext into the atlas's page body.

Pure functions, no database: the importer core wires them to its records.

- `parse_dump(source)` streams the pages of an export (schemas export-0.10 and
  export-0.11, and any other export-0.N), each with all its revisions, oldest first.
- `convert_revision(wikitext, resolve, infobox_mapping)` gives the blocks of an
  `ArticleBodyBlock` (the raw `{"type", "value"}` form a StreamField accepts), the
  page fields read from configured infobox templates, and what could not be
  converted (`ReportItem`s).
- `category_names(wikitext)`: the categories a mapping may choose the page type by.
- `parse_mediawiki(file, mapping)`: the importer's parser (importers/registry.py),
  one Record per article with one RecordRevision per wiki revision.
"""

import html
import logging
import re
from dataclasses import dataclass, field
from datetime import datetime

import mwparserfromhell
from defusedxml import DefusedXmlException
from defusedxml.ElementTree import ParseError, iterparse
from django.utils.translation import gettext
from mwparserfromhell.nodes import (
    Comment,
    ExternalLink,
    Heading,
    HTMLEntity,
    Tag,
    Template,
    Text,
    Wikilink,
)

from importers.mapping import MappingError
from importers.records import ImportFileError, Record, RecordRevision, import_link

logger = logging.getLogger(__name__)

EXPORT_NAMESPACE = re.compile(r"^\{http://www\.mediawiki\.org/xml/export-0\.\d+/\}")

# What a contributor hidden by the wiki's administrators is shown as.
DELETED_CONTRIBUTOR = "deleted"

CATEGORY_PREFIXES = ("catégorie", "category")
# Namespaces whose links are not links to an article: files are not imported, and
# "fr:Page" links are interlanguage links.
TEMPLATE_PREFIXES = ("modèle", "template")
FILE_PREFIXES = ("fichier", "file", "image", "média", "media")
INTERLANGUAGE = re.compile(r"^[a-z]{2,3}(-[a-z]+)?$")

SAFE_URL = re.compile(r"^(https?|ftp|mailto):", re.IGNORECASE)
SPACES = re.compile(r"[ \t]+")
BEHAVIOUR_SWITCH = re.compile(r"__[A-Z]+__")
NUMBER = re.compile(r"^[-+−]?[\d\s  .,]*\d[\d\s  .,]*%?$")

HEADING_TAGS = {1: "h2", 2: "h2", 3: "h3"}  # deeper levels are h4
# Tags whose content is not text for readers.
DROPPED_TAGS = {"script", "style", "references", "gallery", "math", "timeline"}
LITERAL_TAGS = {"nowiki", "pre", "code", "source", "syntaxhighlight"}


class MediaWikiDumpError(ValueError):
    """The file is not a readable MediaWiki export; the message says where."""


@dataclass(frozen=True)
class MediaWikiRevision:
    id: int
    timestamp: datetime  # aware, UTC
    # The user name, the IP address of an anonymous edit, or DELETED_CONTRIBUTOR.
    author: str
    comment: str
    minor: bool
    text: str
    parent_id: int | None = None
    # True when `author` is the IP address of an edit made without an account.
    anonymous: bool = False


@dataclass
class MediaWikiPage:
    title: str
    namespace: int | None
    id: int | None
    revisions: list[MediaWikiRevision] = field(default_factory=list)
    # The target's title when the page is a redirect.
    redirect: str | None = None
    # Why the page cannot be imported (an unreadable id or timestamp), or "". Such a
    # page comes with the revisions that could be read; report and skip it.
    error: str = ""

    @property
    def latest(self):
        return self.revisions[-1] if self.revisions else None

    @property
    def categories(self):
        """The categories named in the latest revision's wikitext."""
        return category_names(self.latest.text) if self.latest else []


@dataclass(frozen=True)
class ReportItem:
    """Something of the wikitext that the body does not keep, for the import report."""

    UNRESOLVED_LINK = "unresolved-link"
    DROPPED_TEMPLATE = "dropped-template"
    DROPPED_FILE = "dropped-file"
    UNMAPPED_PARAMETER = "unmapped-infobox-parameter"

    kind: str
    subject: str


# Parsing the XML export -------------------------------------------------------


def parse_dump(source, *, include_redirects=False, skipped=None):
    """Yield the `MediaWikiPage`s of an export, one at a time.

    `source` is a path or a binary file. Each page is built from its own elements,
    which are then cleared, so memory holds one page whatever the dump's size.
    Redirect pages are not yielded unless `include_redirects`; when `skipped` is a
    list, they are appended to it so that the report can name them.

    A page whose data cannot be read comes with its `error` set, and the dump goes
    on. Raises `MediaWikiDumpError` naming the line and column where the XML itself
    breaks (a truncated upload, for instance); the pages before have been yielded.
    """
    # An uploaded file: no DTD and no entities (a MediaWiki export has none), so a
    # hostile one cannot expand entities or read other files.
    events = iterparse(source, events=("start", "end"), forbid_dtd=True)
    root = None
    page = None
    revisions, problems = [], []
    try:
        for event, element in events:
            name = EXPORT_NAMESPACE.sub("", element.tag)
            if root is None:
                if name == element.tag or name != "mediawiki":
                    raise MediaWikiDumpError(
                        gettext(
                            "Not a MediaWiki XML export: the root element is "
                            "%(element)s."
                        )
                        % {"element": element.tag}
                    )
                root = element
                continue
            if event == "start":
                if name == "page":
                    page, revisions, problems = element, [], []
                continue
            if name == "revision" and page is not None:
                # The parser reads ahead of its events: the title is complete.
                title = _text(page, "title") or "?"
                try:
                    revisions.append(_revision(element, title))
                except MediaWikiDumpError as problem:
                    problems.append(str(problem))
                element.clear()  # the wikitext of old revisions is the bulk of a dump
            elif name == "page":
                built = _page(element, revisions, problems)
                element.clear()
                root.clear()
                if built.redirect is not None and not include_redirects:
                    if skipped is not None:
                        skipped.append(built)
                    continue
                yield built
    except DefusedXmlException as error:
        raise MediaWikiDumpError(
            gettext("The XML export declares a DTD or entities; exports never do.")
        ) from error
    except ParseError as error:
        line, column = error.position
        raise MediaWikiDumpError(
            gettext(
                "The XML export is malformed or truncated at line %(line)s, "
                "column %(column)s."
            )
            % {"line": line, "column": column}
        ) from error
    if root is None:
        raise MediaWikiDumpError(gettext("The file is empty."))


def _child(element, name):
    for child in element:
        if EXPORT_NAMESPACE.sub("", child.tag) == name:
            return child
    return None


def _text(element, name, default=""):
    child = _child(element, name)
    return child.text or default if child is not None else default


def _integer(value, what, page_title):
    try:
        return int(value)
    except (TypeError, ValueError):
        raise MediaWikiDumpError(
            gettext("Page “%(title)s”: %(field)s is not a number: “%(value)s”.")
            % {"title": page_title, "field": what, "value": value}
        ) from None


def _revision(element, title):
    revision_id = _integer(
        _text(element, "id", None), gettext("the revision id"), title
    )
    stamp = _text(element, "timestamp")
    try:
        timestamp = datetime.fromisoformat(stamp)
    except ValueError:
        timestamp = None
    if timestamp is None or timestamp.tzinfo is None:
        raise MediaWikiDumpError(
            gettext(
                "Page “%(title)s”, revision %(revision)s: the time “%(value)s” "
                "is not an ISO 8601 time with its time zone."
            )
            % {"title": title, "revision": revision_id, "value": stamp}
        )
    parent = _text(element, "parentid", None)
    comment = _child(element, "comment")
    author, anonymous = _contributor(_child(element, "contributor"))
    return MediaWikiRevision(
        id=revision_id,
        timestamp=timestamp,
        author=author,
        anonymous=anonymous,
        comment=(comment.text or "") if comment is not None else "",
        minor=_child(element, "minor") is not None,
        text=_text(element, "text"),
        parent_id=(
            _integer(parent, gettext("the parent revision id"), title)
            if parent
            else None
        ),
    )


def _contributor(element):
    """(name, anonymous): the user name, or the IP address of an anonymous edit."""
    if element is None or element.get("deleted") == "deleted":
        return DELETED_CONTRIBUTOR, False
    username = _text(element, "username").strip()
    if username:
        return username, False
    ip = _text(element, "ip").strip()
    return (ip, True) if ip else (DELETED_CONTRIBUTOR, False)


def _page(element, revisions, problems):
    title = _text(element, "title") or "?"
    redirect = _child(element, "redirect")
    try:
        namespace = _integer(_text(element, "ns", "0"), gettext("the namespace"), title)
        page_id = _integer(_text(element, "id", None), gettext("the page id"), title)
    except MediaWikiDumpError as problem:
        problems.append(str(problem))
        namespace = page_id = None
    if not revisions and not problems:
        problems.append(gettext("Page “%(title)s” has no revision.") % {"title": title})
    return MediaWikiPage(
        title=title,
        namespace=namespace,
        id=page_id,
        error=problems[0] if problems else "",
        # Dumps list revisions oldest first; sorting costs little and guarantees it.
        revisions=sorted(revisions, key=lambda revision: revision.timestamp),
        redirect=redirect.get("title", "") if redirect is not None else None,
    )


# Titles, categories and page types ------------------------------------------


def normalize_title(title):
    """A title as MediaWiki compares it: "_" is a space, the first letter a capital."""
    title = " ".join(title.replace("_", " ").split())
    return title[:1].upper() + title[1:]


def _split_prefix(title):
    """("catégorie", "X") for "Catégorie:X", ("", title) without a namespace."""
    prefix, colon, rest = title.partition(":")
    if not colon:
        return "", title
    return prefix.strip().lower(), rest.strip()


def category_names(wikitext):
    """The categories a wikitext puts its page in, in order, without sort keys."""
    names = []
    for link in mwparserfromhell.parse(wikitext or "").filter_wikilinks():
        title = str(link.title).strip()
        prefix, name = _split_prefix(title)
        if prefix in CATEGORY_PREFIXES and name:
            name = normalize_title(name)
            if name not in names:
                names.append(name)
    return names


# Converting wikitext ---------------------------------------------------------


def convert_revision(wikitext, resolve, infobox_mapping=None):
    """Convert one revision's wikitext.

    `resolve(title)` gives the source id of the record a wiki title is imported as
    (the link becomes an import link, see importers.records.import_link), or None
    when the title is not imported (the link is kept as text and reported);
    `infobox_mapping` is `{template name: {parameter: page field}}`.

    Returns `(body_blocks, fields, report_items)`: the blocks as
    `{"type": …, "value": …}` dicts for the article body, the page fields read
    from the infobox templates, and the `ReportItem`s of what was not kept.
    """
    converter = _Converter(resolve, infobox_mapping or {})
    converter.walk(mwparserfromhell.parse(wikitext or "").nodes)
    converter.flush()
    return converter.blocks, converter.fields, converter.report


@dataclass
class _Line:
    markers: str = ""  # "*", "#", ";" and ":" of a list item, outermost first
    parts: list = field(default_factory=list)


def escape(text):
    return html.escape(text, quote=False)


class _Converter:
    def __init__(self, resolve, infobox_mapping):
        self.resolve = resolve
        self.infoboxes = {
            normalize_title(name): parameters
            for name, parameters in infobox_mapping.items()
        }
        self.blocks = []
        self.fields = {}
        self.report = []
        self.lines = [_Line()]
        self.last_heading = ""

    # Block level: headings and tables end the running text.

    def walk(self, nodes):
        for node in nodes:
            tag = str(node.tag).lower() if isinstance(node, Tag) else None
            if isinstance(node, Heading):
                self.flush()
                self.heading(node)
            elif tag == "table":
                self.flush()
                self.table(node)
            elif tag in ("li", "dt", "dd"):
                line = self.lines[-1]
                if "".join(line.parts).strip():  # a marker in mid-line is text
                    line.parts.append(escape(str(node)))
                else:
                    line.markers += str(node.wiki_markup or "*")
            elif tag in ("div", "center", "p"):
                self.new_paragraph()
                self.walk(node.contents.nodes if node.contents else [])
                self.new_paragraph()
            elif tag == "blockquote" and node.contents:
                self.new_paragraph()
                self.lines[-1].markers = ">"
                self.lines[-1].parts.append(self.inline(node.contents.nodes))
                self.new_paragraph()
            elif isinstance(node, Text):
                self.text(str(node))
            else:
                self.lines[-1].parts.append(self.inline([node]))

    def text(self, text):
        first, *rest = BEHAVIOUR_SWITCH.sub("", text).split("\n")
        self.lines[-1].parts.append(escape(first))
        for piece in rest:
            self.lines.append(_Line(parts=[escape(piece)]))

    def new_paragraph(self):
        # A blank line ends the paragraph; what follows goes on the next line.
        self.lines.append(_Line())
        self.lines.append(_Line())

    def heading(self, node):
        text = self.plain(node.title.nodes)
        if text:
            self.last_heading = text
            level = HEADING_TAGS.get(node.level, "h4")
            self.blocks.append(
                {"type": "heading", "value": {"text": text, "level": level}}
            )

    def flush(self):
        """Turn the lines gathered since the last heading or table into a paragraph."""
        html_text = "".join(_paragraphs(self.lines))
        if html_text:
            self.blocks.append({"type": "paragraph", "value": html_text})
        self.lines = [_Line()]

    def table(self, node):
        caption = ""
        rows = []  # each a list of (is_header, html, plain)
        for child in node.contents.nodes if node.contents else []:
            if not isinstance(child, Tag):
                continue
            if str(child.tag).lower() == "caption":
                caption = self.plain(child.contents.nodes if child.contents else [])
            elif str(child.tag).lower() == "tr":
                cells = [c for c in child.contents.nodes if isinstance(c, Tag)]
                rows.append([self.cell(cell) for cell in cells if _is_cell(cell)])
            elif _is_cell(child):
                # Cells before the first "|-" form a row; "|+" is the caption.
                plain = self.plain(child.contents.nodes)
                if not rows and child.wiki_markup == "|" and plain.startswith("+"):
                    caption = plain[1:].strip()
                    continue
                if not rows:
                    rows.append([])
                rows[-1].append(self.cell(child))
        rows = [row for row in rows if row]
        if not rows:
            return
        width = max(len(row) for row in rows)
        rows = [row + [(False, "", "")] * (width - len(row)) for row in rows]
        header = rows[0] if all(is_header for is_header, _, _ in rows[0]) else None
        body = rows[1:] if header else rows
        columns = []
        for index in range(width):
            cells = [row[index] for row in body]
            columns.append(
                {
                    "type": _column_type(cells),
                    "heading": header[index][2] if header else "",
                }
            )
        values = [
            [
                f"<p>{cell_html}</p>" if column["type"] == "rich_text" else plain
                for column, (_, cell_html, plain) in zip(columns, row, strict=True)
            ]
            for row in body
        ]
        self.blocks.append(
            {
                "type": "table",
                "value": {
                    # A table needs a caption to be published; the section it is in
                    # is the best guess when the wiki gave none.
                    "caption": caption or self.last_heading,
                    "columns": columns,
                    "rows": [{"values": row} for row in values],
                },
            }
        )

    def cell(self, cell):
        nodes = cell.contents.nodes if cell.contents else []
        is_header = str(cell.tag).lower() == "th"
        return is_header, self.inline(nodes).strip(), self.plain(nodes)

    # Inline level.

    def inline(self, nodes):
        return "".join(self.inline_node(node) for node in nodes)

    def inline_node(self, node):
        if isinstance(node, Text):
            return escape(BEHAVIOUR_SWITCH.sub("", str(node)).replace("\n", " "))
        if isinstance(node, HTMLEntity):
            return escape(node.normalize())
        if isinstance(node, Comment):
            return ""
        if isinstance(node, Wikilink):
            return self.wikilink(node)
        if isinstance(node, ExternalLink):
            return self.external_link(node)
        if isinstance(node, Template):
            self.template(node)
            return ""
        if isinstance(node, Tag):
            return self.tag(node)
        # Arguments ({{{1}}}) and anything newer: their source, as text.
        return escape(str(node))

    def tag(self, node):
        name = str(node.tag).lower()
        contents = node.contents.nodes if node.contents else []
        if name in DROPPED_TAGS:
            return ""
        if name == "br":
            return "<br/>"
        if name in LITERAL_TAGS:
            return escape(str(node.contents or ""))
        inner = self.inline(contents)
        if name in ("b", "strong"):
            return f"<b>{inner}</b>" if inner.strip() else inner
        if name in ("i", "em"):
            return f"<i>{inner}</i>" if inner.strip() else inner
        if name == "ref":
            # Footnotes are the wiki's sources: kept in the text, in parentheses,
            # rather than lost; editors can move them to a Sources block.
            return f" ({inner.strip()})" if inner.strip() else ""
        if name in ("li", "dt", "dd", "tr", "td", "th", "table"):
            return escape(str(node.wiki_markup or "")) + inner
        # Any other HTML tag: its content, without the tag and its attributes.
        return inner

    def wikilink(self, node):
        target = str(node.title).strip()
        text = self.inline(node.text.nodes).strip() if node.text else ""
        colon_link = target.startswith(":")
        target = target.lstrip(":").strip()
        prefix, rest = _split_prefix(target)
        if not colon_link:
            if prefix in CATEGORY_PREFIXES:
                return ""  # the page's categories, read by category_names()
            if prefix in FILE_PREFIXES:
                self.report.append(ReportItem(ReportItem.DROPPED_FILE, rest))
                return ""
            if INTERLANGUAGE.match(prefix) and rest:
                return ""
        title, _, _section = target.partition("#")
        title = normalize_title(title)
        # Wagtail's page links have no anchor: "[[Page#section]]" links to the page.
        text = text or escape(target)
        source_id = self.resolve(title) if title else None
        if source_id is None:
            if title:
                self.report.append(ReportItem(ReportItem.UNRESOLVED_LINK, title))
            return text
        return import_link(source_id, text)

    def external_link(self, node):
        url = str(node.url).strip()
        text = self.inline(node.title.nodes).strip() if node.title else ""
        if not SAFE_URL.match(url):
            return escape(str(node))
        return f'<a href="{html.escape(url)}">{text or escape(url)}</a>'

    def template(self, node):
        prefix, rest = _split_prefix(str(node.name).strip())
        name = normalize_title(rest if prefix in TEMPLATE_PREFIXES else str(node.name))
        parameters = self.infoboxes.get(name)
        if parameters is None:
            self.report.append(ReportItem(ReportItem.DROPPED_TEMPLATE, name))
            return
        for parameter in node.params:
            key = str(parameter.name).strip()
            page_field = parameters.get(key)
            if page_field is None:
                self.report.append(
                    ReportItem(ReportItem.UNMAPPED_PARAMETER, f"{name}: {key}")
                )
                continue
            value = self.plain(parameter.value.nodes)
            if value:
                self.fields[page_field] = value

    def plain(self, nodes):
        """The text of some wikitext without markup, as a reader would see it."""
        converter = _Converter(self.resolve, {})
        text = html.unescape(re.sub(r"<[^>]*>", "", converter.inline(nodes)))
        return " ".join(text.split())


def _is_cell(tag):
    return str(tag.tag).lower() in ("td", "th")


def _column_type(cells):
    """ "figure" when every filled cell is a number, "rich_text" when markup must be
    kept, else "text"."""
    filled = [(cell_html, plain) for _, cell_html, plain in cells if plain]
    if any("<" in cell_html for cell_html, _ in filled):
        return "rich_text"
    if filled and all(NUMBER.match(plain) for _, plain in filled):
        return "figure"
    return "text"


def _paragraphs(lines):
    """The HTML of lines of wikitext: paragraphs split by blank lines, and lists."""
    out = []
    paragraph = []
    items = []

    def close_paragraph():
        if paragraph:
            out.append(f"<p>{' '.join(paragraph)}</p>")
            paragraph.clear()

    def close_list():
        if items:
            out.append(_list_html(items))
            items.clear()

    for line in lines:
        # Removed markup (categories, templates) leaves runs of spaces.
        content = SPACES.sub(" ", "".join(line.parts)).strip()
        kinds = ["ul" if mark == "*" else "ol" for mark in line.markers if mark in "*#"]
        if kinds:
            close_paragraph()
            items.append((kinds, content))
            continue
        close_list()
        if not content:
            close_paragraph()
        elif line.markers:
            # Quotations, definition terms and indented lines stand on their own.
            close_paragraph()
            if line.markers == ">":
                out.append(f"<blockquote>{content}</blockquote>")
            elif ";" in line.markers:
                out.append(f"<p><b>{content}</b></p>")
            else:
                out.append(f"<p>{content}</p>")
        else:
            paragraph.append(content)
    close_list()
    close_paragraph()
    return out


def _list_html(items):
    """Nested <ul>/<ol> from (["ul", "ol"…], html) items, as Wagtail stores them."""
    out = []
    stack = []
    for kinds, content in items:
        same = 0
        while same < min(len(stack), len(kinds)) and stack[same] == kinds[same]:
            same += 1
        while len(stack) > same:
            out.append(f"</li></{stack.pop()}>")
        if len(stack) == len(kinds):
            out.append("</li>")
        while len(stack) < len(kinds):
            out.append(f"<{kinds[len(stack)]}>")
            stack.append(kinds[len(stack)])
            if len(stack) < len(kinds):
                out.append("<li>")  # a "**" item with no "*" item before it
        out.append(f"<li>{content}")
    while stack:
        out.append(f"</li></{stack.pop()}>")
    return "".join(out)


# Records for the importer -----------------------------------------------------

# Source fields of a wiki page's record, for the mapping (beside the parameters of
# the infobox templates the mapping reads, named as in the wiki).
TITLE, BODY, LEAD = "title", "body", "lead"  # lead: the first paragraph's text
CATEGORIES, NAMESPACE = "categories", "namespace"


def parse_mediawiki(file, mapping):
    """Yield one Record per wiki page of the namespaces to import, with its history.

    The dump is read twice: first for every title (and redirect) it holds, so that
    a link to a page later in the file is an import link the runner resolves, then
    for the pages themselves. `mapping.options` may give `namespaces` (the numbers
    to import; articles, 0, by default) and `infoboxes` (the templates whose
    parameters are source fields; the others are dropped and reported).
    """
    namespaces, infobox_names = _options(mapping.options)
    infoboxes = {
        name: {parameter: parameter for parameter in mapping.fields.values()}
        for name in infobox_names
    }
    source_ids = _source_ids(file, namespaces)
    file.seek(0)

    def resolve(title):
        return source_ids.get(title)

    for page in _read(file):
        if page.error:  # reported even when its namespace is not imported
            yield Record(str(page.id or page.title), {}, error=page.error)
            continue
        if page.redirect is not None or page.namespace not in namespaces:
            continue
        try:
            record = _record(page, resolve, infoboxes)
        except Exception as error:  # wikitext no parser expected: skip the page
            logger.exception("Conversion of the wiki page %s failed", page.title)
            message = gettext("The wikitext cannot be converted: %(error)s")
            record = Record(str(page.id), {}, error=message % {"error": error})
        yield record


def _record(page, resolve, infoboxes):
    revisions, report = [], []
    for revision in page.revisions:
        blocks, infobox_fields, report = convert_revision(
            revision.text, resolve, infoboxes
        )
        fields = {
            **infobox_fields,
            TITLE: page.title,
            BODY: blocks,
            LEAD: _lead(blocks),
            CATEGORIES: category_names(revision.text),
            NAMESPACE: page.namespace,
        }
        revisions.append(
            RecordRevision(
                revision.timestamp,
                author=_display_name(revision),
                note=revision.comment,
                fields=fields,
            )
        )
    # What the latest revision could not keep; older ones are history.
    return Record(
        str(page.id),
        revisions[-1].fields,
        revisions=revisions,
        warnings=_warnings(report),
    )


def _options(options):
    """(namespace numbers, infobox template names); MappingError when unusable."""
    namespaces = options.get("namespaces", [0])
    infoboxes = options.get("infoboxes", [])
    errors = []
    try:
        if not isinstance(namespaces, list):
            raise TypeError
        namespaces = {int(number) for number in namespaces}
    except (TypeError, ValueError):
        errors.append(gettext("options.namespaces must be a list of numbers."))
    if not isinstance(infoboxes, list) or not all(
        isinstance(name, str) for name in infoboxes
    ):
        errors.append(gettext("options.infoboxes must be a list of template names."))
    if errors:
        raise MappingError(errors)
    return namespaces, infoboxes


def _read(file):
    try:
        yield from parse_dump(file, include_redirects=True)
    except MediaWikiDumpError as error:
        raise ImportFileError(
            gettext("The MediaWiki export cannot be read: %(error)s") % {"error": error}
        ) from None


def _source_ids(file, namespaces):
    """{title: source id} of the pages to import, redirects leading to their target."""
    source_ids, redirects = {}, {}
    for page in _read(file):
        title = normalize_title(page.title)
        if page.redirect is not None:
            redirects[title] = normalize_title(page.redirect)
        elif page.namespace in namespaces and not page.error:
            source_ids[title] = str(page.id)
    for title, target in redirects.items():
        for _hop in range(5):  # a redirect to a redirect, as wikis have
            target = redirects.get(target, target)
        if target in source_ids:
            source_ids.setdefault(title, source_ids[target])
    return source_ids


def _lead(blocks):
    """The text of the body's first paragraph (a concept's definition, say)."""
    for block in blocks:
        if block["type"] == "paragraph":
            first = block["value"].split("</p>", 1)[0]
            return " ".join(html.unescape(re.sub(r"<[^>]*>", "", first)).split())
    return ""


def _display_name(revision):
    # An anonymous edit is signed by its IP address: personal data, not shown.
    if revision.anonymous:
        return gettext("an anonymous contributor")
    if revision.author == DELETED_CONTRIBUTOR:
        return gettext("a hidden contributor")
    return revision.author


def _warnings(report):
    labels = {
        ReportItem.UNRESOLVED_LINK: gettext(
            "links to pages not imported kept as text: %s"
        ),
        ReportItem.DROPPED_TEMPLATE: gettext("templates left out: %s"),
        ReportItem.DROPPED_FILE: gettext("files left out: %s"),
        ReportItem.UNMAPPED_PARAMETER: gettext("infobox parameters left out: %s"),
    }
    warnings = []
    for kind, label in labels.items():
        subjects = list(dict.fromkeys(i.subject for i in report if i.kind == kind))
        if subjects:
            warnings.append(label % ", ".join(subjects))
    return warnings
