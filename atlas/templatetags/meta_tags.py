"""The canonical address and OpenGraph description of the page being shown."""

from django import template
from django.utils.translation import to_locale
from wagtail.models import Locale, Page

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
        "alternates": language_alternates(page, request),
    }


def language_alternates(page, request):
    """(hreflang, absolute URL) of each live translation of the page, this one too,
    and x-default for the default language's; none when there is no translation."""
    translations = (
        page.get_translations(inclusive=True)
        .live()
        .public()
        .select_related("locale")
        .order_by("locale__language_code")
    )
    urls = {t.locale.language_code: t.get_full_url(request) for t in translations}
    if len(urls) < 2:
        return []
    alternates = list(urls.items())
    default = Locale.get_default().language_code
    if default in urls:
        alternates.append(("x-default", urls[default]))
    return alternates
