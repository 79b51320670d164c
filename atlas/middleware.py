"""Middleware of the project."""

from django.conf import settings
from django.middleware.csp import (
    ContentSecurityPolicyMiddleware as DjangoCSPMiddleware,
)
from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware
from django.urls import is_valid_path

# Where atlas/urls.py mounts Wagtail's admin.
ADMIN_PREFIX = "/admin/"


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


class ContentSecurityPolicyMiddleware(DjangoCSPMiddleware):
    """Django's, with the admin's own policy (`ATLAS_ADMIN_CSP`) under its prefix.

    Wagtail's admin still relies on inline scripts and styles, which the public site's
    policy (`SECURE_CSP`) forbids; its pages are only seen by signed-in staff.
    """

    def process_response(self, request, response):
        if request.path_info.startswith(ADMIN_PREFIX) and not hasattr(
            response, "_csp_config"
        ):
            response._csp_config = settings.ATLAS_ADMIN_CSP
        return super().process_response(request, response)
