"""The shared StreamField blocks of every wiki page body.

A page body is an `ArticleBodyBlock`. Render it with
`{% include "pages/includes/body.html" with body=page.body %}` (or, the same thing,
`{% include_block page.body %}`): the stream's own template gives each heading the
unique anchor that `table_of_contents(page.body)` links to. Both take their anchors
from `anchored_blocks()`, the one place where anchors are made unique.
"""

from html.parser import HTMLParser

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.functional import Promise, cached_property
from django.utils.html import format_html, format_html_join
from django.utils.text import format_lazy, slugify
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.contrib.typed_table_block.blocks import (
    TypedTableBlock,
    TypedTableBlockValidationError,
)
from wagtail.embeds import blocks as embed_blocks
from wagtail.embeds import embeds
from wagtail.embeds.exceptions import EmbedException
from wagtail.images import get_image_model
from wagtail.images.blocks import ImageChooserBlock

from timeline.blocks import TimelineBlock

# Renders the block picker previews with the site's stylesheet.
PREVIEW_TEMPLATE = "pages/includes/block_preview.html"

INLINE_FEATURES = ["bold", "italic", "link", "document-link"]
PARAGRAPH_FEATURES = [*INLINE_FEATURES, "ol", "ul", "blockquote"]

HEADING_LEVELS = [
    ("h2", _("Section (h2)")),
    ("h3", _("Subsection (h3)")),
    ("h4", _("Sub-subsection (h4)")),
]

# Ids that the site's templates use outside the body (the skip link's target, the
# "See also" section), so that a heading called "Main" does not take them.
RESERVED_ANCHORS = frozenset({"main", "see-also"})
DEFAULT_ANCHOR = "section"

CALLOUT_KINDS = [("note", _("Note")), ("tip", _("Tip")), ("warning", _("Warning"))]


def language_choices():
    """The site's languages, read when the block is used so settings can change."""
    return list(settings.LANGUAGES)


def preview_paragraph(text):
    """Rich-text source for a preview value, translated when the picker shows it."""
    return format_lazy("<p>{}</p>", text)


class BodyRichTextBlock(blocks.RichTextBlock):
    """A rich-text block that also accepts a lazy translation as its value.

    Wagtail's RichText needs a real string; preview values are lazy so that editors
    see them in their own language.
    """

    def normalize(self, value):
        if isinstance(value, Promise):
            value = str(value)
        return super().normalize(value)


def year_block(**kwargs):
    return blocks.IntegerBlock(
        required=False, min_value=1000, max_value=9999, label=_("Year"), **kwargs
    )


HEADING_PREVIEW = {"text": _("Governance and rules"), "level": "h2"}
PARAGRAPH_PREVIEW = preview_paragraph(
    _(
        "A commons is a resource shared and governed by a community "
        "according to rules it sets for itself."
    )
)
SOURCE_PREVIEW = {
    "title": _("Governing the Commons"),
    "author": "Elinor Ostrom",
    "publisher": "Cambridge University Press",
    "year": 1990,
}


class HeadingValue(blocks.StructValue):
    """A heading's tag, level and anchor (derived from its text when left empty)."""

    @property
    def tag(self):
        level = self.get("level")
        return level if level in dict(HEADING_LEVELS) else "h2"

    @property
    def level_number(self):
        return int(self.tag[1])

    @property
    def anchor_id(self):
        """The anchor before de-duplication; never empty."""
        return (
            slugify(self.get("anchor") or "", allow_unicode=True)
            or slugify(self.get("text") or "", allow_unicode=True)
            or DEFAULT_ANCHOR
        )


class HeadingBlock(blocks.StructBlock):
    """A section heading: it gives its section an anchor and a contents entry."""

    text = blocks.CharBlock(label=_("Text"))
    level = blocks.ChoiceBlock(
        choices=HEADING_LEVELS,
        default="h2",
        label=_("Level"),
        help_text=_("Sections (h2) hold subsections (h3), which hold h4 headings."),
    )
    anchor = blocks.CharBlock(
        required=False,
        label=_("Anchor"),
        help_text=_(
            "The end of the link to this section (#anchor). "
            "Leave empty to make it from the text."
        ),
    )

    class Meta:
        icon = "title"
        template = "pages/blocks/heading_block.html"
        preview_template = PREVIEW_TEMPLATE
        label = _("Heading")
        description = _("A section title, listed in the table of contents.")
        value_class = HeadingValue
        preview_value = HEADING_PREVIEW


class ParagraphBlock(BodyRichTextBlock):
    """Running text. Links to other pages are the wiki's links between entries."""

    def __init__(self, features=None, **kwargs):
        super().__init__(features=features or PARAGRAPH_FEATURES, **kwargs)

    class Meta:
        icon = "pilcrow"
        template = "pages/blocks/paragraph_block.html"
        preview_template = PREVIEW_TEMPLATE
        label = _("Paragraph")
        description = _("Text with links to other pages, lists and quotations.")
        preview_value = PARAGRAPH_PREVIEW


class DefinitionBlock(blocks.StructBlock):
    """A definition box: a term, what it means and where the definition comes from."""

    term = blocks.CharBlock(label=_("Term"))
    definition = BodyRichTextBlock(features=INLINE_FEATURES, label=_("Definition"))
    source = blocks.CharBlock(
        required=False,
        label=_("Source"),
        help_text=_("Who gave this definition, for example an author and a book."),
    )

    class Meta:
        icon = "help"
        template = "pages/blocks/definition_block.html"
        preview_template = PREVIEW_TEMPLATE
        label = _("Definition")
        description = _("A box that defines a term.")
        preview_value = {
            "term": _("Commons"),
            "definition": preview_paragraph(
                _("A resource, a community and the rules it gives itself.")
            ),
            "source": _("Elinor Ostrom, Governing the Commons, 1990"),
        }


class KeyFigureBlock(blocks.StructBlock):
    """One figure: what is counted, how much, and when."""

    label = blocks.CharBlock(label=_("Label"), help_text=_("What is counted."))
    value = blocks.CharBlock(label=_("Value"), help_text=_("For example: 1 200."))
    unit = blocks.CharBlock(
        required=False, label=_("Unit"), help_text=_("For example: hectares.")
    )
    year = year_block(help_text=_("The year the figure describes."))

    class Meta:
        icon = "order"
        template = "pages/blocks/key_figure_block.html"
        label = _("Key figure")
        description = _("A labelled figure, with its unit and year.")
        preview_value = {"label": _("Members"), "value": "1 200", "year": 2024}


class KeyFiguresBlock(blocks.StructBlock):
    """A few figures that sum up an initiative: members, surface, budget…"""

    heading = blocks.CharBlock(
        required=False,
        label=_("Heading"),
        help_text=_("Leave empty to show “Key figures”."),
    )
    figures = blocks.ListBlock(KeyFigureBlock(), min_num=1, label=_("Figures"))

    class Meta:
        icon = "table"
        template = "pages/blocks/key_figures_block.html"
        preview_template = PREVIEW_TEMPLATE
        label = _("Key figures")
        description = _("A short list of figures, each with its year.")
        preview_value = {
            "heading": "",
            "figures": [
                {"label": _("Members"), "value": "1 200", "unit": "", "year": 2024},
                {
                    "label": _("Shared land"),
                    "value": "35",
                    "unit": _("hectares"),
                    "year": 2023,
                },
            ],
        }


class QuoteBlock(blocks.StructBlock):
    """A quotation or testimony, with who said it and, if needed, its language."""

    quote = blocks.TextBlock(label=_("Quote"))
    attribution = blocks.CharBlock(
        required=False, label=_("Attribution"), help_text=_("Who said or wrote it.")
    )
    source = blocks.CharBlock(
        required=False,
        label=_("Role or source"),
        help_text=_("Their role, or where the quote was published."),
    )
    lang = blocks.ChoiceBlock(
        choices=language_choices,
        required=False,
        label=_("Language of the quote"),
        help_text=_("Only when the quote is not in the language of the page."),
    )

    class Meta:
        icon = "openquote"
        template = "pages/blocks/quote_block.html"
        preview_template = PREVIEW_TEMPLATE
        label = _("Quote")
        description = _("A quotation or testimony with its attribution.")
        preview_value = {
            "quote": _("The commons are what we decide to take care of together."),
            "attribution": _("A member of the chamber of commons"),
            "source": "",
            "lang": "",
        }


class ImageValue(blocks.StructValue):
    """An image's alternative text, empty when the image is decorative."""

    @property
    def alt(self):
        return "" if self.get("decorative") else self.get("alt_text") or ""


class ImageBlock(blocks.StructBlock):
    """An image with its alternative text, caption and credit."""

    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        required=False,
        label=_("Alternative text"),
        help_text=_(
            "What the image shows, for people who cannot see it. "
            "Required unless the image is decorative."
        ),
    )
    decorative = blocks.BooleanBlock(
        required=False,
        label=_("Decorative"),
        help_text=_("Tick when the image adds nothing to the text around it."),
    )
    caption = blocks.CharBlock(required=False, label=_("Caption"))
    credit = blocks.CharBlock(
        required=False,
        label=_("Credit"),
        help_text=_("Who took the photo or made the image, and its licence."),
    )

    class Meta:
        icon = "image"
        template = "pages/blocks/image_block.html"
        preview_template = PREVIEW_TEMPLATE
        label = _("Image")
        description = _("A picture with a caption and a credit.")
        value_class = ImageValue
        preview_value = {
            "image": None,
            "alt_text": _("A shared vegetable garden"),
            "decorative": False,
            "caption": _("The shared garden in spring"),
            "credit": _("Photo: the garden's members, CC BY-SA 4.0"),
        }

    def get_preview_value(self):
        # No image can be named in code: preview with the newest one in the library.
        value = super().get_preview_value()
        value["image"] = get_image_model().objects.order_by("-created_at").first()
        return value

    def clean(self, value):
        value = super().clean(value)
        # Drafts may be saved unfinished; the rule applies when publishing.
        if self.is_deferred_validation:
            return value
        if not value["decorative"] and not (value["alt_text"] or "").strip():
            raise blocks.StructBlockValidationError(
                block_errors={
                    "alt_text": ValidationError(
                        _(
                            "Describe the image for people who cannot see it, "
                            "or tick “Decorative”."
                        )
                    )
                }
            )
        return value


# What an embed keeps of its provider's HTML: the frames, with these attributes. Scripts
# and every other element are dropped, so no provider runs code in our pages (the
# Content-Security-Policy would refuse it anyway).
FRAME_ATTRIBUTES = ("width", "height", "allow", "allowfullscreen", "referrerpolicy")


class FrameCollector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.frames = []

    def handle_starttag(self, tag, attrs):
        if tag == "iframe":
            self.frames.append(dict(attrs))


def provider_frames(html, title):
    """The provider's HTTPS iframes, rebuilt with our title as their accessible name."""
    collector = FrameCollector()
    collector.feed(html)
    frames = []
    for attributes in collector.frames:
        source = attributes.get("src") or ""
        if not source.startswith("https://"):
            continue
        kept = [
            (name, attributes[name] or "")
            for name in FRAME_ATTRIBUTES
            if name in attributes
        ]
        frames.append(
            format_html(
                '<iframe src="{}" title="{}"{}></iframe>',
                source,
                title,
                format_html_join("", ' {}="{}"', kept),
            )
        )
    return format_html_join("", "{}", ((frame,) for frame in frames))


class EmbedValue(blocks.StructValue):
    """The embedded media's HTML, or nothing when it cannot be fetched.

    Not to be confused with `wagtail.embeds.blocks.EmbedValue`, the type of the
    `embed` child, which only holds the URL.
    """

    @property
    def url(self):
        embed = self.get("embed")
        return embed.url if embed else ""

    @cached_property
    def frame_html(self):
        # The provider's HTML without Wagtail's wrapper, whose responsive mode sets
        # an inline style; atlas.css sizes the iframe instead.
        embed = self.get("embed")
        if not embed:
            return ""
        try:
            found = embeds.get_embed(embed.url, embed.max_width, embed.max_height)
        except EmbedException:
            return ""
        if not found.html:
            return ""
        return provider_frames(found.html, self.get("title") or "")


class EmbedBlock(blocks.StructBlock):
    """A video or other media from a site such as PeerTube, Vimeo or YouTube."""

    embed = embed_blocks.EmbedBlock(
        label=_("URL"), help_text=_("The address of the video's page.")
    )
    title = blocks.CharBlock(
        label=_("Title"),
        help_text=_("What the video is, for screen readers and as the link text."),
    )
    caption = blocks.CharBlock(required=False, label=_("Caption"))

    class Meta:
        icon = "media"
        template = "pages/blocks/embed_block.html"
        preview_template = PREVIEW_TEMPLATE
        label = _("Video")
        description = _(
            "A video from another site; a link to it when it cannot be shown."
        )
        value_class = EmbedValue
        preview_value = {
            "embed": "https://video.example.org/watch/1",
            "title": _("A walk through the shared garden"),
            "caption": "",
        }


class CalloutValue(blocks.StructValue):
    """The callout kind's name, read out before its content."""

    @property
    def kind_label(self):
        kinds = dict(CALLOUT_KINDS)
        return kinds.get(self.get("kind"), kinds["note"])


class CalloutBlock(blocks.StructBlock):
    """A highlighted note, tip or warning set apart from the text."""

    kind = blocks.ChoiceBlock(choices=CALLOUT_KINDS, default="note", label=_("Kind"))
    title = blocks.CharBlock(required=False, label=_("Title"))
    text = BodyRichTextBlock(features=[*INLINE_FEATURES, "ol", "ul"], label=_("Text"))

    class Meta:
        icon = "warning"
        template = "pages/blocks/callout_block.html"
        preview_template = PREVIEW_TEMPLATE
        label = _("Call-out")
        description = _("A note, tip or warning that stands out from the text.")
        value_class = CalloutValue
        preview_value = {
            "kind": "tip",
            "title": _("Taking part"),
            "text": preview_paragraph(
                _("Anyone can join the monthly meeting; no need to register.")
            ),
        }


class TableBlock(TypedTableBlock):
    """A data table with a caption and a heading for each column.

    Built on Wagtail's typed table, whose caption is part of its value. Editors pick a
    type per column; "figure" columns align right.
    """

    text = blocks.CharBlock(required=False, label=_("Text"))
    figure = blocks.CharBlock(
        required=False, label=_("Figure"), help_text=_("A number, aligned right.")
    )
    rich_text = BodyRichTextBlock(
        required=False, features=["bold", "italic", "link"], label=_("Rich text")
    )

    class Meta:
        icon = "table"
        template = "pages/blocks/table_block.html"
        preview_template = PREVIEW_TEMPLATE
        label = _("Table")
        description = _("A table of data with a caption.")
        preview_value = {
            "caption": _("Members per year"),
            "columns": [
                {"type": "text", "heading": _("Year")},
                {"type": "figure", "heading": _("Members")},
            ],
            "rows": [{"values": ["2022", "850"]}, {"values": ["2024", "1 200"]}],
        }

    def clean(self, value):
        value = super().clean(value)
        if not self.is_deferred_validation and not (value.caption or "").strip():
            raise TypedTableBlockValidationError(
                non_block_errors=[
                    ValidationError(
                        _("Add a caption: it tells readers what the table shows.")
                    )
                ]
            )
        return value


class SourceBlock(blocks.StructBlock):
    """One citation: a book, article, web page or law."""

    title = blocks.CharBlock(label=_("Title"))
    author = blocks.CharBlock(required=False, label=_("Author"))
    publisher = blocks.CharBlock(
        required=False,
        label=_("Publisher"),
        help_text=_("The publisher, journal or website."),
    )
    year = year_block()
    url = blocks.URLBlock(required=False, label=_("URL"))
    accessed = blocks.DateBlock(
        required=False,
        label=_("Accessed on"),
        help_text=_("When you last read the page at this URL."),
    )
    note = blocks.CharBlock(required=False, label=_("Note"))

    class Meta:
        icon = "doc-full"
        template = "pages/blocks/source_block.html"
        label = _("Source")
        description = _("A book, article, web page or law that the text relies on.")
        preview_value = SOURCE_PREVIEW


class SourcesBlock(blocks.StructBlock):
    """The numbered list of sources a page relies on."""

    heading = blocks.CharBlock(
        required=False,
        label=_("Heading"),
        help_text=_("Leave empty to show “Sources”."),
    )
    sources = blocks.ListBlock(SourceBlock(), min_num=1, label=_("Sources"))

    class Meta:
        icon = "list-ol"
        template = "pages/blocks/sources_block.html"
        preview_template = PREVIEW_TEMPLATE
        label = _("Sources")
        description = _("A numbered list of citations.")
        preview_value = {
            "heading": "",
            "sources": [SOURCE_PREVIEW],
        }


class ArticleBodyBlock(blocks.StreamBlock):
    """The body of every wiki page.

    Add a block type with one more line here; its template is used as is.
    """

    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    definition = DefinitionBlock()
    key_figures = KeyFiguresBlock()
    quote = QuoteBlock()
    image = ImageBlock()
    embed = EmbedBlock()
    callout = CalloutBlock()
    table = TableBlock()
    timeline = TimelineBlock()
    sources = SourcesBlock()

    class Meta:
        icon = "doc-full"
        template = "pages/blocks/article_body_block.html"
        label = _("Body")
        description = _("The text of the page, block by block.")
        preview_value = [
            ("heading", HEADING_PREVIEW),
            ("paragraph", PARAGRAPH_PREVIEW),
        ]

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["body_blocks"] = anchored_blocks(value)
        return context


class MissionBlock(blocks.StructBlock):
    """One mission of a chamber of commons: a title and the actions it covers."""

    title = blocks.CharBlock(label=_("Title"))
    actions = blocks.ListBlock(
        blocks.CharBlock(label=_("Action")), min_num=1, label=_("Actions")
    )

    class Meta:
        icon = "tick"
        template = "pages/blocks/mission_block.html"
        preview_template = PREVIEW_TEMPLATE
        label = _("Mission")
        description = _("A mission and the list of actions it covers.")
        preview_value = {
            "title": _("Bring people together"),
            "actions": [
                _("Hold an open assembly every month"),
                _("Map the commons of the area"),
            ],
        }


class MissionsBlock(blocks.StreamBlock):
    """The missions of a chamber of commons, each a titled list."""

    mission = MissionBlock()

    class Meta:
        icon = "list-ul"
        template = "pages/blocks/missions_block.html"
        label = _("Missions")
        description = _("The chamber's missions, each with its actions.")


def unique_anchor(anchor, used):
    """`anchor`, or `anchor-2`, `anchor-3`… for the first one not in `used`."""
    candidate, number = anchor, 1
    while candidate in used:
        number += 1
        candidate = f"{anchor}-{number}"
    return candidate


def anchored_blocks(body):
    """Pair each block of a body with its heading anchor (None for other blocks).

    Anchors are unique within the body: a second "history" heading gets "history-2".
    The body template renders these ids and `table_of_contents()` links to them, so
    both always agree.
    """
    used = set(RESERVED_ANCHORS)
    pairs = []
    for child in body or []:
        anchor = None
        if isinstance(child.block, HeadingBlock):
            anchor = unique_anchor(child.value.anchor_id, used)
            used.add(anchor)
        pairs.append((child, anchor))
    return pairs


def table_of_contents(body):
    """The headings of a body as `{"text", "anchor", "level"}` dicts, in order.

    `level` is 2, 3 or 4, as in h2, h3, h4.
    """
    return [
        {
            "text": child.value["text"],
            "anchor": anchor,
            "level": child.value.level_number,
        }
        for child, anchor in anchored_blocks(body)
        if anchor is not None
    ]
