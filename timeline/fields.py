"""A model field and a form field for `FuzzyDate`."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.fields import BLANK_CHOICE_LABEL
from django.utils.dates import MONTHS
from django.utils.translation import gettext_lazy as _

from timeline.fuzzy_date import FuzzyDate

STORAGE_LENGTH = len("2014-07-31~")


class FuzzyDateWidget(forms.MultiWidget):
    """Year, month, day and circa inputs, each with a visible label.

    The labelled inputs sit in a plain `<div>`: Django's form templates already wrap a
    `MultiWidget` in a `<fieldset>` (`use_fieldset`), and Wagtail's FieldPanel puts
    the field's own label above it.
    """

    template_name = "timeline/widgets/fuzzy_date.html"

    def __init__(self, attrs=None):
        widgets = {
            "year": forms.NumberInput(attrs={"min": 1, "max": 9999}),
            "month": forms.Select(choices=[("", BLANK_CHOICE_LABEL), *MONTHS.items()]),
            "day": forms.NumberInput(attrs={"min": 1, "max": 31}),
            "circa": forms.CheckboxInput(),
        }
        super().__init__(widgets, attrs)

    def decompress(self, value):
        if value is None:
            return [None, None, None, False]
        return [value.year, value.month, value.day, value.circa]


class FuzzyDateDescriptor:
    """Turns whatever is assigned (a revision's string, a form value) into a FuzzyDate.

    Wagtail restores pages from revision JSON by plain assignment, so without this a
    page could carry its date as a storage string.
    """

    def __init__(self, field):
        self.field = field

    def __get__(self, instance, owner=None):
        if instance is None:
            return self
        return instance.__dict__.get(self.field.attname)

    def __set__(self, instance, value):
        instance.__dict__[self.field.attname] = self.field.to_python(value)


class FuzzyDateFormField(forms.MultiValueField):
    """Builds a `FuzzyDate` from the widget's parts; the date itself validates them."""

    widget = FuzzyDateWidget
    default_error_messages = {
        "year_required": _("Enter a year."),
    }

    def __init__(self, **kwargs):
        # Every part is optional here: `compress` decides what is missing, because an
        # unticked circa box counts as a value and hides an empty field from Django.
        fields = (
            forms.IntegerField(required=False),
            forms.TypedChoiceField(
                choices=list(MONTHS.items()),
                coerce=int,
                empty_value=None,
                required=False,
            ),
            forms.IntegerField(required=False),
            forms.BooleanField(required=False),
        )
        super().__init__(fields, require_all_fields=False, **kwargs)

    def compress(self, data_list):
        """Return a FuzzyDate, or None when nothing was entered and none is required.

        The ValidationError raised by `FuzzyDate` for an impossible date (30 February)
        becomes this field's error.
        """
        year, month, day, circa = data_list or (None, None, None, False)
        if year is None:
            if month is None and day is None and not circa:
                if self.required:
                    raise ValidationError(
                        self.error_messages["required"], code="required"
                    )
                return None
            raise ValidationError(
                self.error_messages["year_required"], code="year_required"
            )
        return FuzzyDate(year, month, day, circa)


class FuzzyDateField(models.CharField):
    """A `FuzzyDate` stored as text in date order: "2014-07-00", "2009-00-00~".

    The database can therefore ORDER BY it and filter by range, with FuzzyDate values
    or storage strings. For an optional date use `blank=True, null=True`: no date is
    stored as NULL.
    """

    description = _("Date known to the year, the month or the day")

    def __init__(self, *args, **kwargs):
        kwargs.pop("max_length", None)
        super().__init__(*args, **kwargs)
        # Set after CharField.__init__, which would otherwise add a MaxLengthValidator
        # that calls len() on the Python value, a FuzzyDate.
        self.max_length = STORAGE_LENGTH

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        del kwargs["max_length"]
        return name, path, args, kwargs

    def from_db_value(self, value, expression, connection):
        if not value:
            return None
        return FuzzyDate.from_storage(value)

    def contribute_to_class(self, cls, name, *args, **kwargs):
        super().contribute_to_class(cls, name, *args, **kwargs)
        setattr(cls, name, FuzzyDateDescriptor(self))

    def to_python(self, value):
        """Accept a FuzzyDate, a storage string (loaddata) or a hand-written date."""
        if not value:
            return None
        if isinstance(value, FuzzyDate):
            return value
        try:
            return FuzzyDate.from_storage(value)
        except ValueError:
            return FuzzyDate.from_string(value)

    def get_prep_value(self, value):
        if value is None or value == "":
            return None
        if isinstance(value, str):
            value = FuzzyDate.from_storage(value)
        return value.to_storage()

    def value_to_string(self, obj):
        return self.get_prep_value(self.value_from_object(obj))

    def formfield(self, **kwargs):
        # Skip CharField.formfield: a MultiValueField takes no max_length.
        return models.Field.formfield(
            self, **{"form_class": FuzzyDateFormField, **kwargs}
        )
