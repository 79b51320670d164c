import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("accept_language", "expected"),
    [
        ("en-GB,en;q=0.9", "/en/"),
        ("fr-FR,fr;q=0.9,en;q=0.5", "/fr/"),
        ("de-DE,de;q=0.9", "/fr/"),
        ("", "/fr/"),
        ("not a header;;q=x", "/fr/"),
    ],
)
def test_root_redirects_to_the_visitors_language(
    client, home_fr, accept_language, expected
):
    response = client.get("/", headers={"accept-language": accept_language})

    assert response.status_code == 302
    assert response["Location"] == expected


def test_language_cookie_wins_over_accept_language(client, home_fr, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    response = client.get("/", headers={"accept-language": "fr"})

    assert response["Location"] == "/en/"


def test_unknown_language_prefix_is_not_found(client, home_fr):
    response = client.get("/de/", follow=True)

    assert response.redirect_chain == [("/fr/de/", 302)]
    assert response.status_code == 404


def test_unknown_page_answers_localised_404(client, home_fr):
    response = client.get("/en/no-such-page/")

    assert response.status_code == 404
    assert b"Page not found" in response.content
    assert b"Page introuvable" in client.get("/fr/pas-de-page/").content


def test_admin_login_is_reachable_outside_the_language_prefix(client, home_fr):
    response = client.get("/admin/login/")

    assert response.status_code == 200
    assert b'name="username"' in response.content


def test_admin_requires_login(client, home_fr):
    response = client.get("/admin/")

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
