"""sitemap.xml: every live, public page of every language, with its translations.

Wagtail's sitemap lists the site root's tree only, which is the default language's;
the other languages' trees hang beside it, as translations of the root.
"""

from collections import defaultdict

from django.conf import settings
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page


class TranslatedSitemap(Sitemap):
    def site_pages(self):
        root = self.get_wagtail_site().root_page
        pages = Page.objects.none()
        for home in root.get_translations(inclusive=True):
            pages |= Page.objects.descendant_of(home, inclusive=True)
        return pages.live().public()

    def items(self):
        return self.site_pages().order_by("path").defer_streamfields().specific()

    def alternates_by_location(self):
        """For each page's address, its translations' as hreflang alternates.

        Pages with no live translation have none. "x-default" points to the
        default language's page, for visitors of any other language.
        """
        groups = defaultdict(dict)
        for page in self.site_pages().select_related("locale"):
            location = page.get_full_url(self.request)
            groups[page.translation_key][page.locale.language_code] = location
        alternates = {}
        for locations in groups.values():
            if len(locations) < 2:
                continue
            links = [
                {"lang_code": code, "location": location}
                for code, location in sorted(locations.items())
            ]
            if settings.LANGUAGE_CODE in locations:
                links.append(
                    {
                        "lang_code": "x-default",
                        "location": locations[settings.LANGUAGE_CODE],
                    }
                )
            for location in locations.values():
                alternates[location] = links
        return alternates

    def _urls(self, page, protocol, domain):
        # Django's template writes `alternates` as <xhtml:link rel="alternate">.
        urls = super()._urls(page, protocol, domain)
        alternates = self.alternates_by_location()
        for url in urls:
            url["alternates"] = alternates.get(url["location"], [])
        return urls
