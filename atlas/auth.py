"""Sign-in protection: the client's address for django-axes, and its lockout page."""

import math

from axes.helpers import get_cool_off
from django.conf import settings
from django.shortcuts import render


def client_ip_address(request):
    """The address of whoever sent the request, through ATLAS_PROXY_COUNT proxies.

    Each proxy appends the address it received the request from to X-Forwarded-For,
    so the client is the entry written by the outermost of our proxies: the
    ATLAS_PROXY_COUNT-th from the right. Entries further left come from the client
    and can be forged. Without proxies (or a header too short to have passed through
    them all) the address is the connection's own.
    """
    count = settings.ATLAS_PROXY_COUNT
    forwarded = [
        address.strip()
        for address in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if address.strip()
    ]
    if count and len(forwarded) >= count:
        return forwarded[-count]
    return request.META.get("REMOTE_ADDR")


def lockout_response(request, original_response=None, credentials=None):
    """The page shown instead of the sign-in form while sign-in is locked."""
    cool_off = get_cool_off(request)
    minutes = math.ceil(cool_off.total_seconds() / 60) if cool_off else None
    return render(
        request,
        "atlas/lockout.html",
        {"minutes": minutes},
        status=settings.AXES_HTTP_RESPONSE_CODE,
    )
