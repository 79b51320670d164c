"""Display fuzzy dates in templates: `{{ page.start_date|fuzzy_date }}`."""

from django import template

register = template.Library()


@register.filter
def fuzzy_date(value):
    """The date in the active language ("juillet 2014", "circa 2009"); "" for None."""
    if value is None:
        return ""
    return value.format()


@register.filter
def fuzzy_date_iso(value):
    """The value for `<time datetime="...">`: "2014", "2014-07" or "2014-07-31"."""
    if value is None:
        return ""
    return value.html_datetime


@register.inclusion_tag("timeline/includes/date_range.html")
def date_range(start, end=None):
    """`<time>` elements for a date, or for a period when it has an end."""
    return {"start": start, "end": end if end and end != start else None}
