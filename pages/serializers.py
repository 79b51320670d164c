"""API serializer fields for the values of the wiki's own types."""

from django.utils import translation
from rest_framework import serializers
from wagtail.api.utils import get_full_url

from pages.visibility import is_public


class FuzzyDateSerializer(serializers.Field):
    """A `FuzzyDate` as {"iso": "2014-07", "display": "juillet 2014"}.

    `iso` is EDTF (a trailing "~" when circa), for machines; `display` is the date
    as the page shows it, in the page's own language rather than the API client's.
    """

    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)

    def get_attribute(self, instance):
        fuzzy_date = super().get_attribute(instance)
        if fuzzy_date is None:
            return None
        locale = getattr(instance, "locale", None)
        return fuzzy_date, locale.language_code if locale else None

    def to_representation(self, value):
        fuzzy_date, language_code = value
        with translation.override(language_code or translation.get_language()):
            display = fuzzy_date.format()
        return {"iso": fuzzy_date.isoformat(), "display": display}


class PageLinkSerializer(serializers.Field):
    """A link to another page, or null when that page is not public.

    The HTML page hides links to drafts and restricted pages (`relation`); the API
    must not leak their titles either.
    """

    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, page):
        if not is_public(page):
            return None
        request = self.context["request"]
        router = self.context["router"]
        return {
            "id": page.pk,
            "type": page.specific_class._meta.label,
            "title": page.title,
            "html_url": page.get_full_url(request),
            "detail_url": get_full_url(
                request, router.get_object_detail_urlpath(type(page), page.pk)
            ),
        }
