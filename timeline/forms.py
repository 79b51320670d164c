"""Filters of the chronology, and the year fields the index pages share with it."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.models import Locale

from timeline.choices import ChronologyKind

MIN_YEAR, MAX_YEAR = 1, 9999
# "All" agrees with the filtered noun in French: toutes (catégories, régions), tous.
ALL_FEMININE = pgettext_lazy("all categories, all régions", "All")


def year_field(label):
    """An optional year, typed in a text input.

    A text input rather than type=number: a value that is not a year comes back as
    typed, beside its error, and stays valid HTML.
    """
    return forms.IntegerField(
        label=label,
        required=False,
        min_value=MIN_YEAR,
        max_value=MAX_YEAR,
        widget=forms.TextInput(
            {"inputmode": "numeric", "pattern": "[0-9]{1,4}", "size": "6"}
        ),
    )


def category_choices():
    """The categories as named in the active locale, keyed by their shared slug."""
    from pages.models import Category

    categories = Category.objects.filter(locale=Locale.get_active()).order_by("name")
    return [("", ALL_FEMININE)] + [(c.slug, c.name) for c in categories]


def theme_query(filters, page_id_field="pk"):
    """The `category` and `tag` filters as a Q, for pages or rows about pages.

    Categories are matched by translation key, so a slug names the same category in
    every locale. Tags go through the tag table: its key is the base Page, which
    taggit's own join (tags__slug) cannot follow from a page subclass.
    `page_id_field` names the page's id on the filtered rows.
    """
    from pages.models import Category, PageTag

    query = Q()
    if filters.get("category"):
        keys = Category.objects.filter(slug=filters["category"])
        query &= Q(categories__translation_key__in=keys.values("translation_key"))
    if filters.get("tag"):
        tagged = PageTag.objects.filter(tag__slug=filters["tag"])
        query &= Q(**{f"{page_id_field}__in": tagged.values("content_object_id")})
    return query


class QueryStringFilters(forms.Form):
    """Optional filters of a list, read from the query string."""

    def active_filters(self):
        """The valid, non-empty filters (invalid ones are dropped and reported)."""
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value}


class FilterForm(QueryStringFilters):
    """Filters of a list, read from the query string: category, theme and period.

    Subclasses add their own and place them with `field_order`. A period given as
    year_from/year_to the wrong way round is read as it was meant.
    """

    category = forms.ChoiceField(label=_("Category"), required=False)
    tag = forms.SlugField(
        label=_("Theme"), required=False, allow_unicode=True, max_length=100
    )
    year_from = year_field(_("From year"))
    year_to = year_field(_("To year"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = category_choices()

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("year_from"), cleaned.get("year_to")
        if start and end and start > end:
            cleaned["year_from"], cleaned["year_to"] = end, start
        return cleaned


class ChronologyFilterForm(FilterForm):
    """What the chronology shows, read from the query string."""

    ORDER_CHOICES = [("asc", _("Oldest first")), ("desc", _("Newest first"))]

    kind = forms.MultipleChoiceField(
        label=_("Kinds"),
        required=False,
        choices=ChronologyKind.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    order = forms.ChoiceField(label=_("Order"), required=False, choices=ORDER_CHOICES)

    field_order = ["kind", "category", "tag", "year_from", "year_to", "order"]
