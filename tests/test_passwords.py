"""Weak passwords are refused, with the reason, where the admin sets a password."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.test.utils.form_data import querydict_from_html

pytestmark = pytest.mark.django_db

PASSWORD = "pw-role-2026"  # the users fixture's
STRONG = "lichen-estuaire-47-boussole"
WEAK = [
    ("court", "This password is too short"),
    ("azerty123", "This password is too common"),
    ("20262027", "This password is entirely numeric"),
]


def form_with(client, url, field):
    """The admin form at `url` that has `field`, filled as shown."""
    html = client.get(url).text
    index = 0
    while True:
        data = querydict_from_html(html, form_index=index)
        if field in data:
            return data
        index += 1


def create_user(admin_client, password):
    url = reverse("wagtailusers_users:add")
    data = form_with(admin_client, url, "password1")
    data.update(
        {
            "username": "camille",
            "email": "camille@example.org",
            "first_name": "Camille",
            "last_name": "Durand",
            "password1": password,
            "password2": password,
        }
    )
    return admin_client.post(url, data, HTTP_ACCEPT_LANGUAGE="en")


def change_password(client, new_password):
    url = reverse("wagtailadmin_account")
    data = form_with(client, url, "password-new_password1")
    data.update(
        {
            # The account form requires a name, which the users fixture leaves out.
            "name_email-first_name": "Édith",
            "name_email-last_name": "Martin",
            "password-old_password": PASSWORD,
            "password-new_password1": new_password,
            "password-new_password2": new_password,
        }
    )
    return client.post(url, data, HTTP_ACCEPT_LANGUAGE="en")


@pytest.mark.parametrize(("password", "reason"), WEAK)
def test_creating_a_user_refuses_a_weak_password(admin_client, password, reason):
    response = create_user(admin_client, password)

    assert response.status_code == 200
    assert reason in response.text
    assert not get_user_model().objects.filter(username="camille").exists()


def test_creating_a_user_accepts_a_strong_password(admin_client):
    response = create_user(admin_client, STRONG)

    assert response.status_code == 302
    assert get_user_model().objects.get(username="camille").check_password(STRONG)


@pytest.mark.parametrize(("password", "reason"), [*WEAK, ("editor2026", "similar")])
def test_changing_ones_password_refuses_a_weak_one(users, clients, password, reason):
    response = change_password(clients["editor"], password)

    assert response.status_code == 200
    assert reason in response.text
    users["editor"].refresh_from_db()
    assert users["editor"].check_password(PASSWORD)


def test_changing_ones_password_accepts_a_strong_one(users, clients):
    response = change_password(clients["editor"], STRONG)

    assert response.status_code == 302
    users["editor"].refresh_from_db()
    assert users["editor"].check_password(STRONG)
