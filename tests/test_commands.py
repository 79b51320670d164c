from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.http import HttpRequest

pytestmark = pytest.mark.django_db


def test_demo_users_are_refused_without_debug(settings):
    settings.DEBUG = False

    with pytest.raises(CommandError, match="DEBUG"):
        call_command("create_demo_users")
    assert not get_user_model().objects.exists()


def test_demo_admin_is_created_once(settings, client):
    settings.DEBUG = True

    call_command("create_demo_users")
    call_command("create_demo_users")

    assert get_user_model().objects.filter(is_superuser=True).count() == 1
    # django-axes checks every sign-in against its request.
    assert client.login(request=HttpRequest(), username="admin", password="atlas-demo")


def test_demo_users_have_one_account_per_role(settings, client):
    settings.DEBUG = True

    call_command("create_demo_users")
    call_command("create_demo_users")

    User = get_user_model()
    for username, group in [
        ("editrice", "Editors"),
        ("moderateur", "Moderators"),
        ("traductrice", "Translators"),
    ]:
        user = User.objects.get(username=username)
        assert list(user.groups.values_list("name", flat=True)) == [group]
        assert not user.is_superuser
        assert client.login(
            request=HttpRequest(), username=username, password="atlas-demo"
        )


def test_demo_users_print_the_admin_address_of_the_served_site(settings):
    settings.DEBUG = True
    output = StringIO()

    call_command(
        "create_demo_users", "--site-url", "http://127.0.0.1:8765/", stdout=output
    )

    assert "Admin: http://127.0.0.1:8765/admin/ — user «admin»" in output.getvalue()
