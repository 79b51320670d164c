"""Two-factor sign-in (wagtail-2fa): staff add a TOTP app, then give its codes."""

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

pytestmark = pytest.mark.django_db

PASSWORD = "pw-role-2026"  # the users fixture's


def code(device, steps_ahead=0):
    """The code the user's app shows; a code is accepted once, so later sign-ins in
    the same 30 seconds use the next step's (within the device's tolerance)."""
    return f"{totp(device.bin_key, drift=steps_ahead):06d}"


def add_device(client, user, password=PASSWORD):
    """Add a TOTP device as the admin's forms do: the form makes an unconfirmed
    device, whose secret the user's app reads; the first code confirms it."""
    assert client.get(reverse("wagtail_2fa_device_new")).status_code == 200
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    response = client.post(
        reverse("wagtail_2fa_device_new"),
        {"name": "Téléphone", "otp_token": code(device), "password": password},
    )
    return response, device


def sign_in(username):
    client = Client()
    response = client.post(
        reverse("wagtailadmin_login"), {"username": username, "password": PASSWORD}
    )
    assert response.status_code == 302
    return client


@pytest.fixture
def device(users):
    """A confirmed device of the editor's, as the admin leaves it."""
    return TOTPDevice.objects.create(user=users["editor"], name="App", confirmed=True)


def test_an_editor_adds_a_device_from_the_admin(users, clients):
    editor = users["editor"]

    response, device = add_device(clients["editor"], editor)

    assert response.status_code == 302
    assert response["Location"] == reverse("wagtail_2fa_device_list", args=[editor.pk])
    device.refresh_from_db()
    assert device.confirmed
    listing = clients["editor"].get(response["Location"])
    assert "Téléphone" in listing.text


@pytest.mark.parametrize(
    ("password", "wrong_code"), [("not-my-password", False), (PASSWORD, True)]
)
def test_a_device_needs_the_password_and_a_valid_code(
    users, clients, password, wrong_code
):
    client = clients["editor"]
    client.get(reverse("wagtail_2fa_device_new"))
    device = TOTPDevice.objects.get(user=users["editor"])
    token = code(device)
    if wrong_code:
        token = f"{(int(token) + 1) % 1_000_000:06d}"

    response = client.post(
        reverse("wagtail_2fa_device_new"),
        {"name": "Téléphone", "otp_token": token, "password": password},
        HTTP_ACCEPT_LANGUAGE="en",
    )

    assert response.status_code == 200
    message = "Invalid token" if wrong_code else "Invalid password"
    assert message in response.text
    assert not TOTPDevice.objects.filter(confirmed=True).exists()


def test_without_a_device_sign_in_is_unchanged(users):
    client = sign_in("editor")

    assert client.get(reverse("wagtailadmin_home")).status_code == 200


@pytest.mark.parametrize("required", [False, True])
def test_with_a_device_sign_in_asks_for_its_code(users, clients, settings, required):
    settings.WAGTAIL_2FA_REQUIRED = required
    _response, device = add_device(clients["editor"], users["editor"])

    client = sign_in("editor")
    home = reverse("wagtailadmin_home")
    response = client.get(home)

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('wagtail_2fa_auth')}?next={home}"
    code_form = client.get(response["Location"], HTTP_ACCEPT_LANGUAGE="en")
    assert "Code from your authentication app" in code_form.text
    # Nothing of the admin is reachable before the code, not even adding a device.
    for name in ("wagtailadmin_explore_root", "wagtail_2fa_device_new"):
        assert client.get(reverse(name))["Location"].startswith(
            reverse("wagtail_2fa_auth")
        )

    response = client.post(
        reverse("wagtail_2fa_auth"),
        {"otp_token": code(device, steps_ahead=1), "next": home},
    )

    assert response.status_code == 302
    assert response["Location"] == home
    assert client.get(home).status_code == 200


def test_a_wrong_code_is_refused(users, device):
    client = sign_in("editor")
    wrong = f"{(int(code(device)) + 1) % 1_000_000:06d}"

    response = client.post(
        reverse("wagtail_2fa_auth"),
        {"otp_token": wrong, "next": reverse("wagtailadmin_home")},
        HTTP_ACCEPT_LANGUAGE="en",
    )

    assert response.status_code == 200
    assert "Invalid code" in response.text
    assert client.get(reverse("wagtailadmin_home")).status_code == 302


def test_when_required_an_editor_without_device_must_add_one(users, settings):
    settings.WAGTAIL_2FA_REQUIRED = True
    client = sign_in("editor")

    response = client.get(reverse("wagtailadmin_explore_root"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtail_2fa_device_new"))
    assert client.get(response["Location"]).status_code == 200


def test_with_several_devices_the_user_picks_one(users, device):
    other = TOTPDevice.objects.create(user=users["editor"], name="Tablette")
    client = sign_in("editor")
    form = client.get(reverse("wagtail_2fa_auth"))
    assert "Tablette" in form.text

    response = client.post(
        reverse("wagtail_2fa_auth"),
        {"otp_device": other.persistent_id, "otp_token": code(other)},
    )

    assert response.status_code == 302
    assert client.get(reverse("wagtailadmin_home")).status_code == 200


def test_devices_are_reachable_from_account_and_users(users, admin_user, admin_client):
    listing = admin_client.get(reverse("wagtailusers_users:index"))
    account = admin_client.get(reverse("wagtailadmin_account"))

    assert listing.status_code == 200
    editor_devices = reverse("wagtail_2fa_device_list", args=[users["editor"].pk])
    assert editor_devices in listing.text
    own_devices = reverse("wagtail_2fa_device_list", args=[admin_user.pk])
    assert own_devices in account.text


def test_an_editor_cannot_see_another_users_devices(users, clients, device):
    response = clients["moderator"].get(
        reverse("wagtail_2fa_device_list", args=[users["editor"].pk])
    )

    # Wagtail's admin answers a refusal by sending back to its home, with a message.
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")
