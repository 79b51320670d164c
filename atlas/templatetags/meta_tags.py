"""The canonical address and OpenGraph description of the page being shown."""

from django import template
from django.utils.translation import to_locale
from wagtail.models import Page

from pages.models import WikiPage
from pages.structured_data import social_image_url

register = template.Library()

# OpenGraph names a locale with its territory; the atlas writes British English.
OPENGRAPH_LOCALES = {"fr": "fr_FR", "en": "en_GB"}


def opengraph_locale(language_code):
    return OPENGRAPH_LOCALES.get(language_code, to_locale(language_code))


@register.inclusion_tag("components/page_meta.html", takes_context=True)
def page_meta(context):
    """Canonical link and OpenGraph tags for a Wagtail page; nothing elsewhere."""
    page = context.get("page")
    if not isinstance(page, Page):
        return {}
    request = context["request"]
    description = page.search_description or getattr(page, "summary", "")
    return {
        "canonical_url": page.get_full_url(request),
        "title": page.seo_title or page.title,
        "description": description,
        "type": "article" if isinstance(page, WikiPage) else "website",
        "locale": opengraph_locale(page.locale.language_code),
        "image_url": social_image_url(page, request),
    }
