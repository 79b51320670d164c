"""Timeline blocks: the validation editors see, the ordered list visitors read."""

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.utils import translation
from wagtail import blocks

from tests.timeline_data import date, entry, timeline
from timeline.blocks import OptionalFuzzyDateBlock, TimelineBlock, TimelineEntryBlock


def cleaned(block, raw):
    return block.clean(block.normalize(raw))


def block_errors(block, raw):
    with pytest.raises(ValidationError) as caught:
        cleaned(block, raw)
    assert isinstance(caught.value, blocks.StructBlockValidationError)
    return {name: str(error) for name, error in caught.value.block_errors.items()}


@pytest.fixture(autouse=True)
def english_interface():
    with translation.override("en"):
        yield


def test_an_entry_that_ends_before_it_starts_is_refused():
    errors = block_errors(
        TimelineEntryBlock(),
        entry("Forum", date(2016, 5), end=date(2015)),
    )
    assert "end_date" in errors
    assert "comes before" in errors["end_date"]


def test_an_entry_links_to_a_page_or_a_web_address_not_both(db, home_fr):
    errors = block_errors(
        TimelineEntryBlock(),
        entry("Forum", date(2016), page=home_fr.pk, url="https://example.org/"),
    )
    assert list(errors) == ["url"]


def test_an_impossible_day_is_named_on_the_day():
    block = TimelineEntryBlock()
    errors = block_errors(block, entry("Forum", date(2015, 2, 30)))
    assert list(errors) == ["date"]
    date_errors = block_errors(block.child_blocks["date"], date(2015, 2, 30))
    assert "February 2015 has no day 30" in date_errors["day"]


def test_an_optional_date_may_be_empty_but_not_a_month_without_a_year():
    block = OptionalFuzzyDateBlock()
    assert cleaned(block, {"year": None, "month": "", "day": None}).fuzzy_date is None
    errors = block_errors(block, {"year": None, "month": 7, "day": None})
    assert "Give the year" in errors["year"]


def test_a_timeline_renders_its_entries_in_date_order_as_an_ordered_list(db, home_fr):
    block = TimelineBlock()
    value = cleaned(
        block,
        timeline(
            entry("Second forum", date(2016, 5, 12), kind="event", page=home_fr.pk),
            entry("Founding", date(2009, circa=True)),
            entry(
                "First forum",
                date(2014, 7),
                end=date(2014, 8),
                url="https://forum.example.org/",
                text="<p>Held <b>outdoors</b>.</p>",
            ),
        )[0]["value"],
    )

    document = BeautifulSoup(block.render(value), "html.parser")

    items = document.select("ol.timeline > li")
    assert [item.h3.get_text(strip=True) for item in items] == [
        "Founding",
        "First forum",
        "Second forum",
    ]
    assert [time["datetime"] for time in items[1].find_all("time")] == [
        "2014-07",
        "2014-08",
    ]
    assert items[0].find("time").get_text() == "circa 2009"
    assert items[1].a["href"] == "https://forum.example.org/"
    assert items[1].select_one(".timeline__description b").get_text() == "outdoors"
    assert items[2].a["href"] == home_fr.url
    assert "timeline__entry--event" in items[2]["class"]
    assert document.h2.get_text() == "Étapes"


def test_a_link_to_an_unpublished_page_is_not_offered(db, home_fr):
    home_fr.unpublish()
    block = TimelineEntryBlock()
    value = cleaned(block, entry("Forum", date(2016), page=home_fr.pk))
    assert BeautifulSoup(block.render(value), "html.parser").find("a") is None
