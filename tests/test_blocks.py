import datetime

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.template.loader import get_template, render_to_string
from django.utils import translation
from wagtail import blocks
from wagtail.embeds.embeds import get_embed_hash
from wagtail.embeds.models import Embed
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from pages.blocks import (
    ArticleBodyBlock,
    CalloutBlock,
    DefinitionBlock,
    EmbedBlock,
    HeadingBlock,
    ImageBlock,
    KeyFiguresBlock,
    MissionsBlock,
    ParagraphBlock,
    QuoteBlock,
    SourcesBlock,
    TableBlock,
    table_of_contents,
)

UNREACHABLE_VIDEO = "https://video.example.org/watch/1"


@pytest.fixture(autouse=True)
def english_interface():
    """These tests read the English labels; French ones are checked where stated."""
    with translation.override("en"):
        yield


def checked(html):
    """Rendered HTML, after checking that it carries no inline style."""
    assert "style=" not in html
    return html


def render(block, raw):
    """Validate a raw value the way the editor would, then render it."""
    value = block.clean(block.normalize(raw))
    return checked(block.render(value))


def soup(html):
    return BeautifulSoup(html, "html.parser")


def body(*pairs):
    """An ArticleBodyBlock value from (block_name, value) pairs."""
    return ArticleBodyBlock().normalize(list(pairs))


def render_body(value):
    return checked(render_to_string("pages/includes/body.html", {"body": value}))


@pytest.fixture
def image(db):
    return Image.objects.create(title="Garden", file=get_test_image_file())


def image_value(image, **fields):
    return {
        "image": image,
        "alt_text": "",
        "decorative": False,
        "caption": "",
        "credit": "",
        **fields,
    }


def test_every_block_has_a_docstring_and_picker_metadata(db):
    for block in ArticleBodyBlock().child_blocks.values():
        assert type(block).__doc__
        assert block.meta.icon != "placeholder"
        assert get_template(block.meta.template)
        assert block.label and block.get_description()
        assert block.is_previewable
        checked(block.render(block.get_preview_value()))


def test_heading_takes_its_anchor_from_its_text():
    html = render(
        HeadingBlock(),
        {"text": "Gouvernance et règles", "level": "h3", "anchor": ""},
    )

    heading = soup(html).find("h3")
    assert heading["id"] == "gouvernance-et-règles"
    assert heading.get_text() == "Gouvernance et règles"


def test_heading_anchor_is_slugified_and_never_empty():
    block = HeadingBlock()

    given = block.normalize({"text": "History", "level": "h2", "anchor": "Our Story"})
    punctuation = block.normalize({"text": "?!", "level": "h2", "anchor": ""})

    assert given.anchor_id == "our-story"
    assert punctuation.anchor_id == "section"


def test_heading_rejects_an_unknown_level():
    block = HeadingBlock()

    with pytest.raises(blocks.StructBlockValidationError) as error:
        block.clean(block.normalize({"text": "Title", "level": "h1", "anchor": ""}))

    assert "level" in error.value.block_errors


def test_table_of_contents_lists_headings_with_unique_anchors():
    value = body(
        ("heading", {"text": "History", "level": "h2"}),
        ("paragraph", "<p>Founded in 2014.</p>"),
        ("heading", {"text": "Sources", "level": "h3"}),
        ("heading", {"text": "History", "level": "h2"}),
        ("heading", {"text": "Later", "level": "h2", "anchor": "history"}),
        ("heading", {"text": "Main", "level": "h4"}),
    )

    assert table_of_contents(value) == [
        {"text": "History", "anchor": "history", "level": 2},
        {"text": "Sources", "anchor": "sources", "level": 3},
        {"text": "History", "anchor": "history-2", "level": 2},
        {"text": "Later", "anchor": "history-3", "level": 2},
        {"text": "Main", "anchor": "main-2", "level": 4},
    ]


def test_rendered_heading_ids_match_the_table_of_contents():
    value = body(
        ("heading", {"text": "History", "level": "h2"}),
        ("heading", {"text": "History", "level": "h3"}),
        ("paragraph", "<p>Text.</p>"),
        ("heading", {"text": "History", "level": "h2"}),
    )

    headings = soup(render_body(value)).select("h2, h3, h4")

    assert [h["id"] for h in headings] == [
        entry["anchor"] for entry in table_of_contents(value)
    ]
    assert [h["id"] for h in headings] == ["history", "history-2", "history-3"]


def test_table_of_contents_of_an_empty_body_is_empty():
    assert table_of_contents(body()) == []
    assert table_of_contents(None) == []
    assert render_body(body()).strip() == ""


@pytest.mark.django_db
def test_paragraph_renders_page_links_as_wiki_links(home_fr):
    # Wagtail links to the page's translation in the active language: read it in French.
    with translation.override("fr"):
        html = render(
            ParagraphBlock(),
            f'<p>See <a linktype="page" id="{home_fr.id}">the atlas</a>.</p>',
        )

    link = soup(html).find("a")
    assert link["href"] == home_fr.url
    assert link.get_text() == "the atlas"


def test_paragraph_offers_lists_quotations_and_document_links_but_no_headings():
    features = ParagraphBlock().features

    assert {"link", "document-link", "ol", "ul", "blockquote"} <= set(features)
    assert not {"h2", "h3", "h4"} & set(features)


def test_definition_box_shows_term_definition_and_source():
    html = render(
        DefinitionBlock(),
        {
            "term": "Commun",
            "definition": "<p>Une ressource gérée par une communauté.</p>",
            "source": "Elinor Ostrom, 1990",
        },
    )

    box = soup(html).find("aside", class_="definition-box")
    assert box.find("dt").find("dfn").get_text() == "Commun"
    assert "Une ressource gérée" in box.find("dd").get_text()
    assert "Source: Elinor Ostrom, 1990" in box.get_text()


def test_definition_requires_a_term():
    block = DefinitionBlock()

    with pytest.raises(blocks.StructBlockValidationError) as error:
        block.clean(block.normalize({"term": "", "definition": "<p>Text.</p>"}))

    assert "term" in error.value.block_errors


def test_key_figures_list_label_value_unit_and_year():
    html = render(
        KeyFiguresBlock(),
        {
            "heading": "",
            "figures": [
                {"label": "Members", "value": "1 200", "unit": "", "year": 2024},
                {"label": "Land", "value": "35", "unit": "hectares", "year": None},
            ],
        },
    )

    figures = soup(html)
    assert figures.find("figcaption").get_text() == "Key figures"
    assert [dt.get_text() for dt in figures.find_all("dt")] == ["Members", "Land"]
    values = figures.find_all("dd", class_="key-figures__value")
    assert values[0].get_text() == "1 200"
    assert values[1].get_text() == "35 hectares"
    assert [dd.get_text() for dd in figures.find_all(class_="key-figures__year")] == [
        "in 2024"
    ]


def test_key_figures_reject_a_year_that_is_not_four_digits():
    block = KeyFiguresBlock()
    value = block.normalize(
        {"heading": "", "figures": [{"label": "Members", "value": "9", "year": 99}]}
    )

    with pytest.raises(ValidationError):
        block.clean(value)


def test_quote_in_another_language_carries_a_lang_attribute():
    html = render(
        QuoteBlock(),
        {
            "quote": "The commons are not a thing.",
            "attribution": "Elinor Ostrom",
            "source": "Political scientist",
            "lang": "en",
        },
    )

    figure = soup(html).find("figure")
    assert figure.find("blockquote")["lang"] == "en"
    assert "lang" not in figure.find("figcaption").attrs
    assert "Elinor Ostrom" in figure.find("figcaption").get_text()
    assert "Political scientist" in figure.find("figcaption").get_text()


def test_quote_in_the_page_language_has_no_lang_attribute():
    html = render(QuoteBlock(), {"quote": "Un commun se gouverne.", "lang": ""})

    assert not soup(html).find("blockquote").has_attr("lang")


def test_quote_language_must_be_one_of_the_site_languages():
    block = QuoteBlock()

    with pytest.raises(blocks.StructBlockValidationError) as error:
        block.clean(block.normalize({"quote": "Gemeingut.", "lang": "de"}))

    assert "lang" in error.value.block_errors


def test_image_without_alt_text_is_rejected_on_the_alt_text_field(image):
    block = ImageBlock()

    with pytest.raises(blocks.StructBlockValidationError) as error:
        block.clean(block.normalize(image_value(image, alt_text="  ")))

    assert list(error.value.block_errors) == ["alt_text"]


def test_image_without_alt_text_may_be_saved_as_a_draft(image):
    block = ImageBlock()

    value = block.clean_deferred(block.normalize(image_value(image)))

    assert value["image"] == image


def test_image_renders_a_responsive_rendition_with_caption_and_credit(image):
    html = render(
        ImageBlock(),
        image_value(
            image,
            alt_text="A shared garden",
            caption="The garden in spring",
            credit="Jeanne Martin",
        ),
    )

    figure = soup(html).find("figure")
    img = figure.find("img")
    assert img["alt"] == "A shared garden"
    assert img["width"] and img["height"]
    assert img["sizes"] == "(max-width: 800px) 100vw, 800px"
    assert len(img["srcset"].split(",")) == 3
    caption = figure.find("figcaption").get_text()
    assert "The garden in spring" in caption
    assert "Credit: Jeanne Martin" in caption


def test_decorative_image_renders_an_empty_alt(image):
    html = render(ImageBlock(), image_value(image, alt_text="Ignored", decorative=True))

    assert soup(html).find("img")["alt"] == ""


@pytest.mark.django_db
def test_embed_that_cannot_be_fetched_renders_a_link():
    block = EmbedBlock()
    value = block.normalize(
        {"embed": UNREACHABLE_VIDEO, "title": "A walk in the garden", "caption": ""}
    )

    html = checked(block.render(value))

    link = soup(html).find("figure").find("a")
    assert link["href"] == UNREACHABLE_VIDEO
    assert link.get_text() == "A walk in the garden"
    assert "iframe" not in html


@pytest.mark.django_db
def test_embed_that_cannot_be_fetched_is_rejected_on_the_embed_field():
    block = EmbedBlock()
    value = block.normalize({"embed": UNREACHABLE_VIDEO, "title": "A walk"})

    with pytest.raises(blocks.StructBlockValidationError) as error:
        block.clean(value)

    assert list(error.value.block_errors) == ["embed"]


@pytest.mark.django_db
def test_embed_names_its_iframe_with_the_title():
    Embed.objects.create(
        url=UNREACHABLE_VIDEO,
        hash=get_embed_hash(UNREACHABLE_VIDEO),
        type="video",
        html='<iframe src="https://video.example.org/embed/1" title="Player"></iframe>',
    )

    html = render(
        EmbedBlock(),
        {"embed": UNREACHABLE_VIDEO, "title": "A walk & a talk", "caption": "2024"},
    )

    figure = soup(html).find("figure")
    assert figure.find("iframe")["title"] == "A walk & a talk"
    assert figure.find("figcaption").get_text() == "2024"


@pytest.mark.django_db
def test_embed_keeps_only_the_providers_https_frames():
    Embed.objects.create(
        url=UNREACHABLE_VIDEO,
        hash=get_embed_hash(UNREACHABLE_VIDEO),
        type="rich",
        html=(
            '<blockquote onmouseover="steal()">A post</blockquote>'
            '<script src="https://provider.example.org/widget.js"></script>'
            '<iframe src="http://video.example.org/plain"></iframe>'
            '<iframe src="javascript:alert(1)"></iframe>'
            '<iframe src="https://video.example.org/embed/1" onload="steal()" '
            'width="640" height="360" allowfullscreen style="border:0"></iframe>'
        ),
    )

    html = render(EmbedBlock(), {"embed": UNREACHABLE_VIDEO, "title": "A post"})

    frame = soup(html).find("figure").find("div")
    assert [str(child) for child in frame.children] == [
        '<iframe allowfullscreen="" height="360" '
        'src="https://video.example.org/embed/1" title="A post" width="640">'
        "</iframe>"
    ]


def test_callout_announces_its_kind_to_screen_readers():
    html = render(
        CalloutBlock(),
        {"kind": "warning", "title": "Closed in August", "text": "<p>Come back.</p>"},
    )

    callout = soup(html).find("aside")
    assert callout["class"] == ["callout", "callout--warning"]
    assert callout.find(class_="visually-hidden").get_text() == "Warning"
    assert callout.find(class_="callout__title").get_text() == "Closed in August"


def test_callout_rejects_an_unknown_kind():
    block = CalloutBlock()

    with pytest.raises(blocks.StructBlockValidationError) as error:
        block.clean(block.normalize({"kind": "danger", "text": "<p>Text.</p>"}))

    assert "kind" in error.value.block_errors


def table_value(caption="Members per year"):
    return {
        "caption": caption,
        "columns": [
            {"type": "text", "heading": "Year"},
            {"type": "figure", "heading": "Members"},
        ],
        "rows": [{"values": ["2022", "850"]}, {"values": ["2024", "1 200"]}],
    }


def test_table_has_a_caption_and_column_headers():
    html = render(TableBlock(), table_value())

    table = soup(html).find("table")
    assert table.find("caption").get_text() == "Members per year"
    headers = table.find("thead").find_all("th")
    assert [th.get_text() for th in headers] == ["Year", "Members"]
    assert {th["scope"] for th in headers} == {"col"}
    assert [td.get_text() for td in table.find("tbody").find_all("td")] == [
        "2022",
        "850",
        "2024",
        "1 200",
    ]


def test_table_scrolls_in_a_named_focusable_region():
    region = soup(render(TableBlock(), table_value())).find(class_="data-table")

    assert region["role"] == "region"
    assert region["aria-label"] == "Members per year"
    assert region["tabindex"] == "0"


def test_table_without_caption_is_rejected():
    block = TableBlock()

    with pytest.raises(ValidationError):
        block.clean(block.normalize(table_value(caption=" ")))


def sources_value(**source):
    return {"heading": "", "sources": [{"title": "Governing the Commons", **source}]}


def test_sources_render_author_linked_title_publisher_and_year(settings):
    settings.USE_THOUSAND_SEPARATOR = True
    html = render(
        SourcesBlock(),
        sources_value(
            author="Elinor Ostrom",
            publisher="Cambridge University Press",
            year=1990,
            url="https://example.org/governing-the-commons",
            note="Chapter 3.",
        ),
    )

    sources = soup(html)
    assert sources.find("h2").get_text() == "Sources"
    item = sources.find("ol").find("li")
    link = item.find("cite").find("a")
    assert link["href"] == "https://example.org/governing-the-commons"
    assert link.get_text() == "Governing the Commons"
    text = " ".join(item.get_text().split())
    assert text == (
        "Elinor Ostrom, Governing the Commons, Cambridge University Press, 1990. "
        "Chapter 3."
    )


def test_source_without_url_renders_an_unlinked_title():
    item = soup(render(SourcesBlock(), sources_value())).find("li")

    assert item.find("cite").get_text() == "Governing the Commons"
    assert item.find("a") is None


@pytest.mark.parametrize(
    ("language", "expected"),
    [("en", "Accessed on March 3, 2024"), ("fr", "3 mars 2024")],
)
def test_source_accessed_date_is_localised(language, expected):
    with translation.override(language):
        html = render(SourcesBlock(), sources_value(accessed=datetime.date(2024, 3, 3)))

    accessed = soup(html).find("time")
    assert accessed["datetime"] == "2024-03-03"
    assert expected in accessed.get_text()


def test_sources_require_a_title():
    block = SourcesBlock()

    with pytest.raises(ValidationError):
        block.clean(block.normalize({"heading": "", "sources": [{"title": ""}]}))


def test_missions_render_each_title_and_its_actions():
    html = render(
        MissionsBlock(),
        [("mission", {"title": "Gather", "actions": ["Monthly assembly", "Map"]})],
    )

    mission = soup(html).find(class_="mission")
    assert mission.find("h3").get_text() == "Gather"
    assert [li.get_text() for li in mission.find_all("li")] == [
        "Monthly assembly",
        "Map",
    ]


@pytest.mark.django_db
def test_article_body_renders_every_block_through_the_body_template(image):
    value = body(
        ("heading", {"text": "History", "level": "h2"}),
        ("paragraph", "<p>Founded in 2014.</p>"),
        ("definition", {"term": "Commons", "definition": "<p>Shared.</p>"}),
        ("key_figures", {"figures": [{"label": "Members", "value": "12"}]}),
        ("quote", {"quote": "Together.", "attribution": "A member"}),
        ("image", image_value(image, alt_text="The garden")),
        ("embed", {"embed": UNREACHABLE_VIDEO, "title": "A walk"}),
        ("callout", {"kind": "note", "text": "<p>Open to all.</p>"}),
        ("table", table_value()),
        ("sources", sources_value()),
        ("heading", {"text": "History", "level": "h2"}),
    )

    page = soup(render_body(value))

    wiki_body = page.find("div", class_="wiki-body")
    assert [h2["id"] for h2 in wiki_body.find_all("h2", class_="wiki-heading")] == [
        "history",
        "history-2",
    ]
    for selector in [
        ".rich-text",
        ".definition-box",
        ".key-figures",
        ".quote",
        ".image-figure img",
        ".embed-figure a",
        ".callout--note",
        ".data-table caption",
        ".sources li",
    ]:
        assert wiki_body.select_one(selector), selector
    # The same markup as {% include_block page.body %}.
    assert render_body(value).strip() == value.render_as_block().strip()
