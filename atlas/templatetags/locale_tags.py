"""The language switcher: one link per language, to the same content when it exists."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language, get_language_info
from wagtail.models import Locale, Page, Site

from pages.visibility import is_public

register = template.Library()


@register.inclusion_tag("components/language_switcher.html", takes_context=True)
def language_switcher(context):
    """Link each language to this page's public translation, else to its home.

    A page with no translation yet links to the other locale's home and says so, so
    switching language never lands on a 404. Views that are not pages (search) keep
    their path and swap the language prefix.
    """
    request = context["request"]
    page = context.get("page")
    current = get_language()
    locales = {locale.language_code: locale for locale in Locale.objects.all()}
    site = Site.find_for_request(request)

    links = []
    for code, _name in settings.LANGUAGES:
        url, translated = None, True
        locale = locales.get(code)
        if isinstance(page, Page) and locale is not None:
            translation = page.get_translation_or_none(locale)
            if not is_public(translation):
                translated = False
                translation = site and site.root_page.get_translation_or_none(locale)
            if is_public(translation):
                url = translation.get_url(request)
        links.append(
            {
                "code": code,
                "name": get_language_info(code)["name_local"],
                "url": url or translate_url(request.get_full_path(), code),
                "is_current": code == current,
                "translated": translated,
            }
        )
    return {"links": links}


@register.simple_tag
def content_language(page):
    """The language of `page`'s own text when it is not the page's language, else "".

    An alias in another language's tree (wagtail-localize's synchronised trees, before
    anyone translates it) shows its source's text: that text is marked with its
    language, so that screen readers and hyphenation read it right.
    """
    if not isinstance(page, Page) or not page.alias_of_id:
        return ""
    source_code = page.alias_of.locale.language_code
    return source_code if source_code != get_language() else ""
