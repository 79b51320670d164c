"""schema.org JSON-LD in a wiki page's head."""

from django import template

from pages.structured_data import json_ld_script, page_json_ld

register = template.Library()


@register.simple_tag(takes_context=True)
def page_json_ld_script(context, page):
    """The page's schema.org description as a JSON-LD script element, or nothing."""
    data = page_json_ld(page, context["request"])
    return json_ld_script(data) if data else ""
