"""The atlas's URLs, plus /bench/bytes/<n>/: n bytes from memory, the fastest a Django
view behind the same middleware can answer on this server."""

from functools import cache

from django.http import HttpResponse
from django.urls import path

from atlas.urls import urlpatterns as atlas_urlpatterns


@cache
def payload(size):
    return b"x" * size


def minimal_view(request, size):
    return HttpResponse(payload(size), content_type="text/html; charset=utf-8")


urlpatterns = [
    path("bench/bytes/<int:size>/", minimal_view),
    *atlas_urlpatterns,
]
