"""Middleware of the project."""

from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware
from django.urls import is_valid_path


class LocaleMiddleware(DjangoLocaleMiddleware):
    """Django's, except that a 404 from a view outside the language prefix stays a 404.

    Django redirects every 404 without a language prefix to the same path under
    /fr/, where Wagtail's catch-all route answers for any path: a missing API
    object would become a redirect to a second 404. Paths that match no view (a page
    address without its /fr/) are still redirected.
    """

    def process_response(self, request, response):
        localised = super().process_response(request, response)
        urlconf = getattr(request, "urlconf", None)
        if (
            response.status_code == 404
            and localised is not response
            and is_valid_path(request.path_info, urlconf)
        ):
            return response
        return localised
