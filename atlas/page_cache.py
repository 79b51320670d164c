"""Public pages served from the cache to anonymous visitors.

A cached response is stored with the generation tokens it was rendered under, read
from the cache *before* the view touched the database. Invalidating is setting a new
token, after the transaction commits, so a render that raced a publication is stored
under the old token and never served. Three kinds of token:

- one per URL path (a page and every route under it: history, citations…), changed
  when that page or a page it shows (links, relations, backlinks) changes;
- `all`, which every aggregate view (home, indexes, chronology, map, feeds, sitemap)
  depends on, changed by any publication;
- `tree`, which every entry depends on, changed when URLs or the page tree change
  (moves, slugs, deletions, view restrictions, categories, images).

Only GET requests without a session cookie (logged-in users, visitors who unlocked a
password-protected page) are cached, and only responses a view marked cacheable:
Wagtail pages (a `before_serve_page` hook) and the views decorated with
`cache_for_visitors`. Previews are served under /admin/ and never marked.
"""

import hashlib
import logging
import uuid
from functools import wraps

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse
from django.utils.cache import patch_cache_control

logger = logging.getLogger(__name__)

SITE = "site"
ALL = "atlas:gen:all"
TREE = "atlas:gen:tree"
# Pagination is the only query parameter whose variants are cached: a filter or search
# string could be anything, and each would take a cache entry.
CACHED_PARAMETERS = {"page"}
# Headers stored with the body; the others are set again by the outer middleware.
STORED_HEADERS = (
    "Content-Type",
    "Content-Language",
    "Content-Disposition",
    "Link",
    "Vary",
    "X-Frame-Options",
    "Last-Modified",
    "ETag",
)
HIT_HEADER = "X-Atlas-Cache"


def page_cache():
    return caches[settings.ATLAS_PAGE_CACHE_ALIAS]


def path_token(path):
    return "atlas:gen:path:" + hashlib.sha256(path.encode()).hexdigest()[:32]


def path_prefixes(path):
    """'/fr/a/b/' → ['/fr/', '/fr/a/', '/fr/a/b/']: the pages a URL can belong to."""
    parts = [part for part in path.split("/") if part]
    return ["/" + "/".join(parts[:depth]) + "/" for depth in range(1, len(parts) + 1)]


def entry_key(request):
    address = f"{request.get_host()}{request.path}?{request.META.get('QUERY_STRING')}"
    return "atlas:page:" + hashlib.sha256(address.encode()).hexdigest()


def caches_per_page(page_class):
    """Pages showing their own content (wiki pages) are cached until it changes;
    the others (home, indexes, views) until any publication."""
    return getattr(page_class, "cached_per_page", False)


def mark_page_cacheable(request, page, page_path):
    mark_cacheable(request, page_path if caches_per_page(page.specific_class) else SITE)


def mark_cacheable(request, scope):
    """Let the middleware cache this response: `scope` is a page's path, or SITE."""
    request.atlas_cache_scope = scope


def cache_for_visitors(view):
    """Cache a view's responses to anonymous visitors until any publication."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        mark_cacheable(request, SITE)
        return view(request, *args, **kwargs)

    return wrapper


def is_cacheable_request(request):
    return (
        settings.ATLAS_PAGE_CACHE_SECONDS > 0
        and request.method == "GET"
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and set(request.GET) <= CACHED_PARAMETERS
    )


def is_cacheable_response(request, response):
    cache_control = response.get("Cache-Control", "")
    return (
        getattr(request, "atlas_cache_scope", None) is not None
        and response.status_code == 200
        and not response.streaming
        and not response.cookies
        and "private" not in cache_control
        and "no-store" not in cache_control
    )


class PageCacheMiddleware:
    """Serves and stores cached public responses (see the module's docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_cacheable_request(request):
            return self.get_response(request)
        key = entry_key(request)
        token_keys = [TREE, ALL, *map(path_token, path_prefixes(request.path))]
        try:
            # One round trip: the entry and every token it may depend on.
            found = page_cache().get_many([key, *token_keys])
        except Exception:
            # A cache that is down slows pages down; it must not break them.
            logger.warning("The page cache cannot be read.", exc_info=True)
            return self.get_response(request)
        entry = found.get(key)
        if entry and all(found.get(k) == v for k, v in entry["tokens"].items()):
            return shared_caching(cached_response(entry))
        response = self.get_response(request)
        if is_cacheable_response(request, response):
            self.store(key, request, response, found)
            response[HIT_HEADER] = "miss"
            shared_caching(response)
        return response

    def store(self, key, request, response, tokens_before):
        scope = request.atlas_cache_scope
        if scope != SITE and scope not in path_prefixes(request.path):
            return  # Its token was not read before the render.
        depends_on = [TREE, ALL] if scope == SITE else [TREE, path_token(scope)]
        entry = {
            # Tokens as they were before the view read anything: None if never set.
            "tokens": {k: tokens_before.get(k) for k in depends_on},
            "status": response.status_code,
            "headers": [(h, response[h]) for h in STORED_HEADERS if h in response],
            "content": response.content,
        }
        try:
            page_cache().set(key, entry, settings.ATLAS_PAGE_CACHE_SECONDS)
        except Exception:
            logger.warning("The page cache cannot be written.", exc_info=True)


def shared_caching(response):
    """Let a CDN keep the response too, when one is configured to be purged."""
    if settings.ATLAS_CDN_SECONDS > 0:
        patch_cache_control(response, public=True, s_maxage=settings.ATLAS_CDN_SECONDS)
    return response


def cached_response(entry):
    response = HttpResponse(entry["content"], status=entry["status"])
    for header, value in entry["headers"]:
        response[header] = value
    response[HIT_HEADER] = "hit"
    return response


def new_token():
    return uuid.uuid4().hex


def invalidate_paths(paths):
    """Every cached response of these pages (and the routes under them) goes stale."""
    if paths:
        page_cache().set_many({path_token(p): new_token() for p in paths}, None)


def invalidate_aggregates():
    page_cache().set(ALL, new_token(), None)


def invalidate_everything():
    page_cache().set_many({ALL: new_token(), TREE: new_token()}, None)
