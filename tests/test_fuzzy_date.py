"""Fuzzy dates: known to the year, the month or the day, and perhaps only roughly."""

import datetime
import json
import random

import pytest
from bs4 import BeautifulSoup
from django import forms
from django.core import serializers
from django.core.exceptions import ValidationError
from django.db import models
from django.template import Context, Template
from django.test.utils import isolate_apps
from django.utils import translation
from wagtail.blocks import StructBlockValidationError

from timeline.blocks import FuzzyDateBlock
from timeline.fields import FuzzyDateField, FuzzyDateFormField
from timeline.fuzzy_date import FuzzyDate


@pytest.fixture
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def french():
    with translation.override("fr"):
        yield


def validation_error(**parts):
    with pytest.raises(ValidationError) as caught:
        FuzzyDate(**parts)
    return caught.value


# Validation


def test_thirtieth_of_february_is_rejected(english):
    error = validation_error(year=2023, month=2, day=30)

    assert error.messages == ["February 2023 has no day 30."]
    assert error.code == "invalid_day"


def test_twenty_ninth_of_february_exists_only_in_leap_years(english):
    assert FuzzyDate(2024, 2, 29).day == 29
    assert FuzzyDate(2000, 2, 29).day == 29
    assert validation_error(year=2023, month=2, day=29).messages == [
        "February 2023 has no day 29."
    ]
    assert validation_error(year=1900, month=2, day=29).messages == [
        "February 1900 has no day 29."
    ]


def test_day_without_month_is_rejected(english):
    error = validation_error(year=2014, day=31)

    assert error.messages == ["A day needs a month."]
    assert error.code == "day_without_month"


@pytest.mark.parametrize("month", [0, 13])
def test_month_outside_1_to_12_is_rejected(english, month):
    error = validation_error(year=2014, month=month)

    assert error.messages == ["The month must be between 1 and 12."]
    assert error.code == "invalid_month"


@pytest.mark.parametrize("year", [0, -5, 10000])
def test_year_outside_1_to_9999_is_rejected(english, year):
    error = validation_error(year=year)

    assert error.messages == ["The year must be between 1 and 9999."]
    assert error.code == "invalid_year"


# Order


CHRONOLOGICAL = [
    FuzzyDate(1789, 7, 14),
    FuzzyDate(2009),
    FuzzyDate(2009, circa=True),
    FuzzyDate(2009, 1),
    FuzzyDate(2009, 1, 1),
    FuzzyDate(2009, 1, 2),
    FuzzyDate(2009, 2),
    FuzzyDate(2009, 12, 31),
    FuzzyDate(2014, 7, circa=True),
    FuzzyDate(2014, 7, 31),
]


def test_year_sorts_before_its_months_and_months_before_their_days():
    assert FuzzyDate(2014) < FuzzyDate(2014, 1) < FuzzyDate(2014, 1, 1)
    assert FuzzyDate(2014, 12, 31) < FuzzyDate(2015)
    assert FuzzyDate(2014, 7) <= FuzzyDate(2014, 7)
    assert FuzzyDate(2014, 7, 1) > FuzzyDate(2014, 7)


def test_circa_date_sorts_right_after_the_same_exact_date():
    assert FuzzyDate(2009) < FuzzyDate(2009, circa=True) < FuzzyDate(2009, 1)
    assert FuzzyDate(2009) != FuzzyDate(2009, circa=True)


def test_shuffled_dates_sort_back_into_chronological_order():
    shuffled = CHRONOLOGICAL.copy()
    random.Random(2014).shuffle(shuffled)

    assert sorted(shuffled) == CHRONOLOGICAL


def test_storage_strings_sort_like_the_sort_key():
    by_storage = sorted(CHRONOLOGICAL, key=FuzzyDate.to_storage)
    by_key = sorted(CHRONOLOGICAL, key=lambda date: date.sort_key)

    assert by_storage == by_key == CHRONOLOGICAL


def test_sort_key_puts_unknown_parts_first():
    assert FuzzyDate(2014).sort_key == (2014, 0, 0, False)
    assert FuzzyDate(2014, 7, 31, circa=True).sort_key == (2014, 7, 31, True)


def test_fuzzy_dates_do_not_compare_with_other_types():
    assert FuzzyDate(2014) != "2014"
    with pytest.raises(TypeError):
        FuzzyDate(2014) < 2015  # noqa: B015


@pytest.mark.parametrize(
    ("date", "precision"),
    [
        (FuzzyDate(2014), "year"),
        (FuzzyDate(2014, 7), "month"),
        (FuzzyDate(2014, 7, 31, circa=True), "day"),
    ],
)
def test_precision_is_the_smallest_known_unit(date, precision):
    assert date.precision == precision


# Storage


@pytest.mark.parametrize(
    ("date", "stored"),
    [
        (FuzzyDate(2014, 7, 31), "2014-07-31"),
        (FuzzyDate(2014, 7), "2014-07-00"),
        (FuzzyDate(2009, circa=True), "2009-00-00~"),
        (FuzzyDate(800, 1, 2), "0800-01-02"),
    ],
)
def test_storage_string_pads_unknown_parts_and_round_trips(date, stored):
    assert date.to_storage() == stored
    assert FuzzyDate.from_storage(stored) == date


@pytest.mark.parametrize(
    "stored",
    ["", "2014", "2014-07", "2014-7-01", "2014-07-00~~", "abcd-00-00", "2023-02-30"],
)
def test_malformed_storage_string_raises_value_error(stored):
    with pytest.raises(ValueError):
        FuzzyDate.from_storage(stored)


# Data files


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("2014", FuzzyDate(2014)),
        ("2014-07", FuzzyDate(2014, 7)),
        ("2014-07-31", FuzzyDate(2014, 7, 31)),
        ("  800 ", FuzzyDate(800)),
        ("~2009", FuzzyDate(2009, circa=True)),
        ("~ 2009", FuzzyDate(2009, circa=True)),
        ("c. 2009", FuzzyDate(2009, circa=True)),
        ("c.2009-06", FuzzyDate(2009, 6, circa=True)),
        ("circa 2009", FuzzyDate(2009, circa=True)),
        ("Circa 2009", FuzzyDate(2009, circa=True)),
        ("vers 1900", FuzzyDate(1900, circa=True)),
        ("2009~", FuzzyDate(2009, circa=True)),
    ],
)
def test_from_string_reads_what_people_write(text, date):
    assert FuzzyDate.from_string(text) == date


def test_from_string_reads_what_yaml_makes_of_unquoted_dates():
    assert FuzzyDate.from_string(2014) == FuzzyDate(2014)
    assert FuzzyDate.from_string(datetime.date(2014, 7, 31)) == FuzzyDate(2014, 7, 31)


@pytest.mark.parametrize("text", ["July 2014", "2014/07", "circa", "", "12345"])
def test_from_string_names_the_input_it_cannot_read(english, text):
    with pytest.raises(ValidationError) as caught:
        FuzzyDate.from_string(text)

    assert caught.value.code == "invalid"
    assert f"“{text}” is not a date" in caught.value.messages[0]


def test_from_string_explains_an_impossible_date(english):
    with pytest.raises(ValidationError) as caught:
        FuzzyDate.from_string("2023-02-30")

    assert caught.value.messages == [
        "“2023-02-30” is not a valid date: February 2023 has no day 30."
    ]
    assert caught.value.code == "invalid_day"


def test_isoformat_round_trips_through_from_string():
    for date in CHRONOLOGICAL:
        assert FuzzyDate.from_string(date.isoformat()) == date


# Bounds and machine-readable forms


@pytest.mark.parametrize(
    ("date", "earliest", "latest"),
    [
        (FuzzyDate(2014), datetime.date(2014, 1, 1), datetime.date(2014, 12, 31)),
        (FuzzyDate(2024, 2), datetime.date(2024, 2, 1), datetime.date(2024, 2, 29)),
        (FuzzyDate(2023, 2), datetime.date(2023, 2, 1), datetime.date(2023, 2, 28)),
        (
            FuzzyDate(2014, 7, 31, circa=True),
            datetime.date(2014, 7, 31),
            datetime.date(2014, 7, 31),
        ),
    ],
)
def test_earliest_and_latest_are_the_first_and_last_day_covered(date, earliest, latest):
    assert date.earliest() == earliest
    assert date.latest() == latest


@pytest.mark.parametrize(
    ("date", "iso", "html"),
    [
        (FuzzyDate(2014), "2014", "2014"),
        (FuzzyDate(2014, 7), "2014-07", "2014-07"),
        (FuzzyDate(2014, 7, 31), "2014-07-31", "2014-07-31"),
        (FuzzyDate(2009, circa=True), "2009~", "2009"),
        (FuzzyDate(800), "0800", "0800"),
    ],
)
def test_isoformat_is_edtf_and_html_datetime_drops_the_circa(date, iso, html):
    assert date.isoformat() == iso
    assert date.html_datetime == html


# Display


@pytest.mark.parametrize(
    ("date", "text"),
    [
        (FuzzyDate(2014, 7, 31), "31 juillet 2014"),
        (FuzzyDate(2014, 7), "juillet 2014"),
        (FuzzyDate(2014), "2014"),
    ],
)
def test_date_displays_in_french(french, date, text):
    assert str(date) == text
    assert date.format() == text


@pytest.mark.parametrize(
    ("date", "text"),
    [
        (FuzzyDate(2014, 7, 31), "July 31, 2014"),
        (FuzzyDate(2014, 7), "July 2014"),
        (FuzzyDate(2014), "2014"),
    ],
)
def test_date_displays_in_english(english, date, text):
    assert str(date) == text


def test_circa_date_says_circa_in_english(english):
    assert str(FuzzyDate(2009, circa=True)) == "circa 2009"
    assert str(FuzzyDate(2014, 7, circa=True)) == "circa July 2014"


def test_circa_date_keeps_the_date_in_french(french):
    assert "2009" in str(FuzzyDate(2009, circa=True))
    assert "juillet 2014" in str(FuzzyDate(2014, 7, circa=True))


def test_template_filters_give_the_text_and_the_datetime_value(french):
    template = Template(
        "{% load timeline_tags %}"
        '<time datetime="{{ date|fuzzy_date_iso }}">{{ date|fuzzy_date }}</time>'
        "[{{ missing|fuzzy_date }}{{ missing|fuzzy_date_iso }}]"
    )

    html = template.render(Context({"date": FuzzyDate(2014, 7, 31), "missing": None}))

    assert html == '<time datetime="2014-07-31">31 juillet 2014</time>[]'


# Form field


class DateForm(forms.Form):
    date = FuzzyDateFormField(label="Date", required=False)


class RequiredDateForm(forms.Form):
    date = FuzzyDateFormField(label="Date")


def form_data(year="", month="", day="", circa=False):
    data = {"date_year": year, "date_month": month, "date_day": day}
    if circa:
        data["date_circa"] = "on"
    return data


def test_form_field_builds_a_fuzzy_date():
    form = DateForm(data=form_data("2014", "7", "31", circa=True))

    assert form.is_valid(), form.errors
    assert form.cleaned_data["date"] == FuzzyDate(2014, 7, 31, circa=True)


def test_form_field_builds_a_year_only_date():
    form = DateForm(data=form_data("2009"))

    assert form.is_valid(), form.errors
    assert form.cleaned_data["date"] == FuzzyDate(2009)


def test_form_field_reports_an_impossible_day(english):
    form = DateForm(data=form_data("2023", "2", "30"))

    assert not form.is_valid()
    assert form.errors["date"] == ["February 2023 has no day 30."]


def test_form_field_reports_a_day_without_month(english):
    form = DateForm(data=form_data("2014", "", "31"))

    assert form.errors["date"] == ["A day needs a month."]


def test_form_field_asks_for_a_year_when_only_a_month_is_given(english):
    form = DateForm(data=form_data("", "7"))

    assert form.errors["date"] == ["Enter a year."]


def test_form_field_reports_a_year_out_of_range(english):
    form = DateForm(data=form_data("0"))

    assert form.errors["date"] == ["The year must be between 1 and 9999."]


@pytest.mark.parametrize("data", [{}, form_data()])
def test_empty_optional_form_field_gives_none(data):
    form = DateForm(data=data)

    assert form.is_valid(), form.errors
    assert form.cleaned_data["date"] is None


def test_empty_required_form_field_is_an_error(english):
    form = RequiredDateForm(data=form_data())

    assert form.errors["date"] == ["This field is required."]


def test_widget_labels_each_of_its_four_inputs(english):
    soup = BeautifulSoup(str(DateForm()["date"]), "html.parser")

    def labelled(text):
        label = soup.find("label", string=text)
        return soup.find(id=label["for"])

    assert labelled("Year")["name"] == "date_year"
    assert labelled("Year")["type"] == "number"
    assert labelled("Month").name == "select"
    assert labelled("Month")["name"] == "date_month"
    assert labelled("Day")["name"] == "date_day"
    assert (labelled("Day")["min"], labelled("Day")["max"]) == ("1", "31")
    assert labelled("circa")["type"] == "checkbox"
    assert labelled("circa")["name"] == "date_circa"
    assert len(soup.find_all(["input", "select"])) == 4


def test_widget_offers_a_blank_month_and_localised_month_names(french):
    soup = BeautifulSoup(str(DateForm()["date"]), "html.parser")
    options = soup.find("select").find_all("option")

    assert options[0]["value"] == ""
    assert [option.text for option in options[1:3]] == ["janvier", "février"]
    assert len(options) == 13


def test_widget_shows_the_initial_date():
    form = DateForm(initial={"date": FuzzyDate(2014, 7, circa=True)})
    soup = BeautifulSoup(str(form["date"]), "html.parser")

    assert soup.find("input", attrs={"name": "date_year"})["value"] == "2014"
    assert soup.find("option", selected=True)["value"] == "7"
    assert soup.find("input", attrs={"name": "date_circa"}).has_attr("checked")


def test_form_wraps_the_date_parts_in_a_fieldset(english):
    soup = BeautifulSoup(DateForm().as_div(), "html.parser")

    assert soup.find("fieldset").find("legend").text.strip() == "Date:"
    assert soup.find("fieldset").find("input", attrs={"name": "date_year"})


def test_widget_renders_inside_the_wagtail_admin_field_wrapper():
    template = Template("{% load wagtailadmin_tags %}{% formattedfield form.date %}")

    html = template.render(Context({"form": DateForm()}))

    wrapper = BeautifulSoup(html, "html.parser").find(class_="w-field__wrapper")
    for label in wrapper.find_all("label", class_="fuzzy-date__label"):
        assert wrapper.find(id=label["for"])
    assert len(wrapper.find_all("label", class_="fuzzy-date__label")) == 4


# Model field


def test_model_field_converts_to_and_from_the_database_value():
    field = FuzzyDateField(blank=True, null=True)
    date = FuzzyDate(2014, 7, circa=True)

    assert field.get_prep_value(date) == "2014-07-00~"
    assert field.get_prep_value("2014-07-00~") == "2014-07-00~"
    assert field.from_db_value("2014-07-00~", None, None) == date
    assert field.to_python("2014-07-00~") == date
    assert field.to_python(date) is date


def test_model_field_stores_no_date_as_null():
    field = FuzzyDateField(blank=True, null=True)

    assert field.get_prep_value(None) is None
    assert field.get_prep_value("") is None
    assert field.from_db_value(None, None, None) is None
    assert field.to_python(None) is None
    assert field.to_python("") is None


def test_model_field_reads_hand_written_dates_and_rejects_nonsense(english):
    field = FuzzyDateField()

    assert field.to_python("c. 2014-07") == FuzzyDate(2014, 7, circa=True)
    with pytest.raises(ValidationError):
        field.to_python("July 2014")


def test_model_field_validates_a_fuzzy_date():
    field = FuzzyDateField()

    assert field.clean(FuzzyDate(2014, 7, 31), None) == FuzzyDate(2014, 7, 31)


def test_model_field_deconstructs_without_max_length():
    name, path, args, kwargs = FuzzyDateField(
        "founded", blank=True, null=True
    ).deconstruct()

    assert path == "timeline.fields.FuzzyDateField"
    assert kwargs == {"verbose_name": "founded", "blank": True, "null": True}
    assert FuzzyDateField(*args, **kwargs).max_length == 11


def test_model_field_edits_with_the_fuzzy_date_form_field():
    optional = FuzzyDateField(blank=True, null=True).formfield()
    required = FuzzyDateField().formfield()

    assert isinstance(optional, FuzzyDateFormField)
    assert not optional.required
    assert required.required


@isolate_apps("timeline")
def test_model_field_round_trips_through_the_json_serializer():
    class Dated(models.Model):
        date = FuzzyDateField()
        no_date = FuzzyDateField(blank=True, null=True)

        class Meta:
            app_label = "timeline"

        def __str__(self):
            return str(self.date)

    date = FuzzyDate(2014, 7, circa=True)
    dumped = serializers.serialize("json", [Dated(date=date, no_date=None)])
    fields = json.loads(dumped)[0]["fields"]

    assert fields == {"date": "2014-07-00~", "no_date": None}
    # loaddata gives each field's serialised value to to_python.
    assert Dated._meta.get_field("date").to_python(fields["date"]) == date
    assert Dated._meta.get_field("no_date").to_python(fields["no_date"]) is None


# Block


block = FuzzyDateBlock()


def block_value(year=None, month=None, day=None, circa=False):
    return block.to_python({"year": year, "month": month, "day": day, "circa": circa})


def test_block_attaches_an_impossible_day_to_the_day_child(english):
    with pytest.raises(StructBlockValidationError) as caught:
        block.clean(block_value(2023, 2, 30))

    assert list(caught.value.block_errors) == ["day"]
    assert caught.value.block_errors["day"].messages == ["February 2023 has no day 30."]


def test_block_attaches_a_day_without_month_to_the_day_child(english):
    with pytest.raises(StructBlockValidationError) as caught:
        block.clean(block_value(2014, "", 31))

    assert caught.value.block_errors["day"].messages == ["A day needs a month."]


def test_block_requires_a_year():
    with pytest.raises(StructBlockValidationError) as caught:
        block.clean(block_value(None, 7))

    assert list(caught.value.block_errors) == ["year"]


def test_block_value_gives_its_fuzzy_date():
    value = block.clean(block_value(2014, "7", None, circa=True))

    assert value.fuzzy_date == FuzzyDate(2014, 7, circa=True)


def test_block_value_without_a_year_has_no_date():
    value = block_value()

    assert value.fuzzy_date is None
    assert str(value) == ""


def test_block_value_displays_localised(english):
    value = block_value(2014, 7, 31)

    assert str(value) == value.display == "July 31, 2014"


@pytest.mark.parametrize(
    ("value", "html"),
    [
        (block_value(2014, 7), '<time datetime="2014-07">juillet 2014</time>'),
        (
            block_value(2014, 7, 31),
            '<time datetime="2014-07-31">31 juillet 2014</time>',
        ),
    ],
)
def test_block_renders_a_time_element(french, value, html):
    assert block.render(value).strip() == html


def test_block_renders_a_circa_date_with_a_plain_datetime(english):
    html = block.render(block_value(1900, circa=True)).strip()

    assert html == '<time datetime="1900">circa 1900</time>'
