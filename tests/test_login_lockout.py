"""Sign-in lockout (django-axes): failures block the user name and the address."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone

pytestmark = pytest.mark.django_db

PASSWORD = "pw-role-2026"  # the users fixture's
LOCKED_MESSAGE = "Too many failed sign-in attempts"


def sign_in(username, password, address="192.0.2.1", **headers):
    return Client().post(
        reverse("wagtailadmin_login"),
        {"username": username, "password": password},
        REMOTE_ADDR=address,
        **{"HTTP_ACCEPT_LANGUAGE": "en", **headers},
    )


def fail(times, username="editor", address="192.0.2.1", **headers):
    for attempt in range(times):
        response = sign_in(username, f"wrong-{attempt}", address, **headers)
    return response


def assert_signed_in(response):
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")


def assert_locked(response):
    assert response.status_code == 429
    assert LOCKED_MESSAGE in response.text
    assert "15 minutes" in response.text


def test_a_few_failures_do_not_lock(users):
    response = fail(settings.AXES_FAILURE_LIMIT - 1)

    assert response.status_code == 200
    assert "editor" in response.text  # the form again, with its error
    assert_signed_in(sign_in("editor", PASSWORD))


def test_failures_lock_the_user_name_from_any_address(users):
    assert_locked(fail(settings.AXES_FAILURE_LIMIT, address="192.0.2.1"))

    # The right password, from elsewhere, is refused too.
    response = sign_in("editor", PASSWORD, address="198.51.100.7")

    assert_locked(response)
    assert "_auth_user_id" not in response.client.session
    # Other accounts are not affected.
    assert_signed_in(sign_in("moderator", PASSWORD, address="198.51.100.7"))


def test_failures_under_many_names_lock_the_address(users):
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        response = sign_in(f"guess-{attempt}", "password", address="192.0.2.9")
    assert_locked(response)

    assert_locked(sign_in("editor", PASSWORD, address="192.0.2.9"))
    assert_signed_in(sign_in("editor", PASSWORD, address="198.51.100.7"))


def test_the_lockout_page_is_the_sites_in_the_visitors_language(users):
    response = fail(settings.AXES_FAILURE_LIMIT)

    assert response["Content-Type"].startswith("text/html")
    assert '<html lang="en"' in response.text
    assert 'role="alert"' in response.text
    assert reverse("wagtailadmin_password_reset") in response.text
    french = sign_in("editor", PASSWORD, HTTP_ACCEPT_LANGUAGE="fr")
    assert french.status_code == 429
    assert '<html lang="fr"' in french.text


def test_a_successful_sign_in_resets_the_count(users):
    fail(settings.AXES_FAILURE_LIMIT - 1)
    assert_signed_in(sign_in("editor", PASSWORD))

    response = fail(settings.AXES_FAILURE_LIMIT - 1)

    assert response.status_code == 200
    assert_signed_in(sign_in("editor", PASSWORD))


def test_the_lock_lifts_after_the_cool_off(users):
    fail(settings.AXES_FAILURE_LIMIT)
    AccessAttempt.objects.update(
        attempt_time=timezone.now() - settings.AXES_COOLOFF_TIME - timedelta(minutes=1)
    )

    assert_signed_in(sign_in("editor", PASSWORD))


def test_behind_a_proxy_each_client_is_counted_apart(users, settings):
    settings.ATLAS_PROXY_COUNT = 1
    proxy = "10.0.0.2"
    # The client may forge the left of the header; the proxy appends the address it
    # saw, the one that counts.
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        response = sign_in(
            f"guess-{attempt}",
            "password",
            address=proxy,
            HTTP_X_FORWARDED_FOR=f"198.51.100.{attempt}, 203.0.113.5",
        )
    assert_locked(response)

    assert_locked(
        sign_in("editor", PASSWORD, proxy, HTTP_X_FORWARDED_FOR="203.0.113.5")
    )
    assert_signed_in(
        sign_in("editor", PASSWORD, proxy, HTTP_X_FORWARDED_FOR="203.0.113.6")
    )


def test_without_a_proxy_the_header_is_ignored(users):
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        sign_in(
            f"guess-{attempt}",
            "password",
            address="192.0.2.1",
            HTTP_X_FORWARDED_FOR=f"203.0.113.{attempt}",
        )

    assert_locked(sign_in("editor", PASSWORD, address="192.0.2.1"))
