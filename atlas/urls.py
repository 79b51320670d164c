from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from atlas import two_factor, views
from atlas.api import (
    PublicDocumentsAPIViewSet,
    PublicImagesAPIViewSet,
    PublicPagesAPIViewSet,
)
from atlas.page_cache import cache_for_visitors
from atlas.sitemap import TranslatedSitemap
from pages import views as page_views
from pages.recent_changes import RecentChangesFeed

api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PublicPagesAPIViewSet)
api_router.register_endpoint("images", PublicImagesAPIViewSet)
api_router.register_endpoint("documents", PublicDocumentsAPIViewSet)

# Admin, documents, health, the open data, the sitemap and robots.txt stay outside the
# language prefix: they have one URL, whatever the visitor's language.
urlpatterns = [
    # Ahead of wagtail-2fa's own view at the same address and name, whose form refuses
    # every code (atlas/two_factor.py).
    path("admin/2fa/auth", two_factor.LoginView.as_view(), name="wagtail_2fa_auth"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("health/", views.health, name="health"),
    path("api/v2/", api_router.urls),
    path(
        "data/map.geojson",
        cache_for_visitors(page_views.map_geojson),
        name="map_geojson",
    ),
    path(
        "sitemap.xml",
        cache_for_visitors(sitemap),
        {"sitemaps": {"pages": TranslatedSitemap}},
        name="sitemap",
    ),
    path("robots.txt", views.robots_txt, name="robots_txt"),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Public pages live under /fr/ and /en/; `/` is redirected by LocaleMiddleware to the
# visitor's language (cookie, then Accept-Language, then French).
urlpatterns += i18n_patterns(
    path("search/", views.search, name="search"),
    path(
        "recent-changes/",
        cache_for_visitors(page_views.recent_changes),
        name="recent_changes",
    ),
    path(
        "recent-changes/feed/",
        cache_for_visitors(RecentChangesFeed()),
        name="recent_changes_feed",
    ),
    path("search/suggest/", views.search_suggestions, name="search_suggestions"),
    # One description per language: each searches its own locale's pages.
    path("opensearch.xml", views.opensearch_description, name="opensearch"),
    # Wagtail's page serving comes last: it answers every path left.
    path("", include(wagtail_urls)),
)
