"""The open data API (Wagtail API v2) under /api/v2/: pages, images, documents.

Wagtail's endpoints already keep to live pages outside view restrictions and to
media outside restricted collections; these add what a public endpoint needs here:
a 400 rather than a 500 for whatever a visitor types in the query string.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import NoReverseMatch
from django.utils import translation
from django.utils.translation import get_language
from wagtail.api.v2.filters import SearchFilter
from wagtail.api.v2.pagination import WagtailPagination
from wagtail.api.v2.serializers import PageHtmlUrlField, PageSerializer
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

from atlas.search import clean_query


class WordSearchFilter(SearchFilter):
    """Wagtail's `?search=`, on the words of the query only, like the site's search.

    SQLite's full-text backend hands quotes and operators to FTS5, where they are
    syntax errors. With `?locale=`, the words are stemmed in that language, as the
    pages of that locale are indexed (atlas/search_backend.py).
    """

    def filter_queryset(self, request, queryset, view):
        if "search" not in request.GET:
            return super().filter_queryset(request, queryset, view)
        query = request.GET.copy()
        query["search"] = clean_query(query["search"])
        # DRF reads GET from the Django request it wraps.
        request._request.GET = query
        language = query.get("locale")
        if language not in dict(settings.LANGUAGES):
            language = get_language()
        with translation.override(language):
            return super().filter_queryset(request, queryset, view)


def with_word_search(filter_backends):
    return [
        WordSearchFilter if backend is SearchFilter else backend
        for backend in filter_backends
    ]


class MalformedFiltersAreBadRequests:
    """Answer 400 when a filter value does not fit its field.

    Wagtail checks integers and booleans, but passes other values (a date, a
    latitude, a fuzzy date) straight to the database field, which raises. NUL
    characters are refused first: PostgreSQL fails the query on them (`?locale=`).
    """

    def filter_queryset(self, queryset):
        lists = self.request.GET.lists()
        if any("\x00" in value for _name, values in lists for value in values):
            raise BadRequestError("query parameters cannot contain NUL characters")
        try:
            return super().filter_queryset(queryset)
        except (ValueError, ValidationError) as error:
            raise BadRequestError(f"filter error: {error}") from error


class EmptyPastTheEndPagination(WagtailPagination):
    """Wagtail's `?offset=&limit=`, answering no items for an offset past the end.

    The database refuses an offset beyond a 64-bit integer (a 500 otherwise); any
    offset past the last item gives the same empty list.
    """

    def paginate_queryset(self, queryset, request, view=None):
        items = super().paginate_queryset(queryset, request, view)
        # The parent has checked that the offset is a non-negative integer.
        if int(request.GET.get("offset", 0)) >= self.total_count:
            return []
        return items


class RequestPageHtmlUrlField(PageHtmlUrlField):
    """The page's address, with the site root paths read once per request: Wagtail's
    field reads them from the cache for each page (a query each on a database cache)."""

    def to_representation(self, page):
        try:
            return page.get_full_url(self.context.get("request"))
        except NoReverseMatch:
            return None


class PublicPageSerializer(PageSerializer):
    html_url = RequestPageHtmlUrlField(read_only=True)


class PublicPagesAPIViewSet(MalformedFiltersAreBadRequests, PagesAPIViewSet):
    """Live, public pages of every locale (`?locale=en` keeps one)."""

    base_serializer_class = PublicPageSerializer
    pagination_class = EmptyPastTheEndPagination
    filter_backends = with_word_search(PagesAPIViewSet.filter_backends)

    def find_object(self, queryset, request):
        # No page's path holds a NUL, which PostgreSQL refuses in a query (a 500).
        if "\x00" in request.GET.get("html_path", ""):
            return None
        return super().find_object(queryset, request)

    def get_queryset(self):
        queryset = super().get_queryset().select_related("locale")
        # With one `type`, the listing holds that model's pages: fetch the
        # relations it serialises once for the whole list, not once per page.
        if queryset.model is not self.model:
            queryset = queryset.prefetch_related(
                *getattr(queryset.model, "export_prefetch", ())
            )
        return queryset


class PublicImagesAPIViewSet(MalformedFiltersAreBadRequests, ImagesAPIViewSet):
    """Images outside collections with a view restriction."""

    pagination_class = EmptyPastTheEndPagination
    filter_backends = with_word_search(ImagesAPIViewSet.filter_backends)


class PublicDocumentsAPIViewSet(MalformedFiltersAreBadRequests, DocumentsAPIViewSet):
    """Documents outside collections with a view restriction."""

    pagination_class = EmptyPastTheEndPagination
    filter_backends = with_word_search(DocumentsAPIViewSet.filter_backends)
