"""Moves, deletes and slug clashes keep translated pages reachable and the admin calm.

Wagtail moves a page alone, not its translations, and wagtail.contrib.redirects makes
a permanent redirect from every URL a moved or renamed live page had (its
WAGTAILREDIRECTS_AUTO_CREATE default), in each language: these tests hold that.
"""

from urllib.parse import urlencode

import pytest
from django.urls import reverse
from wagtail.models import Page
from wagtail_localize.models import StringSegment, Translation

from tests.admin_forms import form_data
from tests.factories import CommonsIndexPageFactory, publish_child

pytestmark = pytest.mark.django_db


@pytest.fixture
def garden(make_page, publish_translation, indexes):
    """A French commons page and its live English translation, with their indexes."""
    publish_translation(indexes["commons"], title="Commons", slug="commons")
    french = make_page("commons", title="Jardin", slug="jardin")
    english = publish_translation(french, title="Garden", slug="garden")
    return french, english


@pytest.fixture
def other_index(home_fr, publish_translation):
    """A second commons index, in French and English."""
    french = publish_child(home_fr, CommonsIndexPageFactory.build(slug="autres"))
    english = publish_translation(french, title="Other commons", slug="other-commons")
    return french, english


def move(client, page, destination):
    url = reverse("wagtailadmin_pages:move_confirm", args=(page.pk, destination.pk))
    response = client.post(url)
    assert response.status_code == 302
    page.refresh_from_db()


def test_moving_a_french_page_leaves_its_translation_where_it_was(
    client, clients, garden, other_index
):
    french, english = garden

    move(clients["moderator"], french, other_index[0])

    assert french.url == "/fr/autres/jardin/"
    assert client.get("/en/commons/garden/").status_code == 200
    response = client.get("/fr/communs/jardin/")
    assert response.status_code == 301 and response.url == "/fr/autres/jardin/"


def test_moving_the_translation_too_redirects_its_old_url(
    client, clients, garden, other_index
):
    french, english = garden
    move(clients["moderator"], french, other_index[0])

    move(clients["moderator"], english, other_index[1])

    assert english.url == "/en/other-commons/garden/"
    response = client.get("/en/commons/garden/")
    assert response.status_code == 301 and response.url == english.url
    assert client.get(response.url).status_code == 200


def test_renaming_a_translation_redirects_its_old_url(
    client, clients, garden, admin_client, django_capture_on_commit_callbacks
):
    _french, english = garden
    url = reverse("wagtailadmin_pages:edit", args=(english.pk,))
    data = form_data(admin_client, url)
    data.update(slug="shared-garden", **{"action-publish": "on"})

    # Wagtail signals the slug change once the transaction commits.
    with django_capture_on_commit_callbacks(execute=True):
        assert clients["moderator"].post(url, data).status_code == 302

    response = client.get("/en/commons/garden/")
    assert response.status_code == 301
    assert response.url == "/en/commons/shared-garden/"


def test_deleting_the_french_page_keeps_the_translation_live(
    client, admin_client, garden
):
    french, english = garden

    response = admin_client.post(
        reverse("wagtailadmin_pages:delete", args=(french.pk,))
    )

    assert response.status_code == 302
    assert not Page.objects.filter(pk=french.pk).exists()
    assert client.get("/en/commons/garden/").status_code == 200


def test_a_slug_clash_in_the_english_editor_is_a_field_error(
    clients, garden, make_page, publish_translation, admin_client
):
    other = publish_translation(make_page("commons", title="Forêt"), title="Forest")
    url = reverse("wagtailadmin_pages:edit", args=(other.pk,))
    data = form_data(admin_client, url)
    data.update(slug="garden", **{"action-publish": "on"})

    response = clients["moderator"].post(url, data)

    assert response.status_code == 200  # the form again, not a 500
    assert "slug" in response.context["form"].errors
    other.refresh_from_db()
    assert other.slug != "garden"


def test_a_slug_clash_in_the_translation_editor_does_not_break_publishing(
    client, clients, garden, make_page, locale_en, django_capture_on_commit_callbacks
):
    """wagtail-localize picks a free slug rather than failing: no 500, no clash."""
    french = make_page("commons", title="Verger", slug="verger")
    clients["moderator"].post(
        reverse("wagtail_localize:submit_page_translation", args=(french.pk,)),
        {"locales": [locale_en.pk]},
    )
    english = french.get_translation(locale_en)
    edit_url = reverse("wagtailadmin_pages:edit", args=(english.pk,))
    clients["moderator"].post(edit_url, {"localize-restart-translation": "on"})
    translation = Translation.objects.get(source__object_id=french.translation_key)
    slug = StringSegment.objects.get(source=translation.source, context__path="slug")
    response = clients["translator"].put(
        reverse(
            "wagtail_localize:edit_string_translation", args=(translation.pk, slug.pk)
        ),
        urlencode({"value": "garden"}),  # the slug of a live English sibling
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 201

    with django_capture_on_commit_callbacks(execute=True):
        response = clients["moderator"].post(edit_url, {"action": "publish"})

    assert response.status_code == 302
    english.refresh_from_db()
    assert english.live and english.slug != "garden"
    assert client.get("/en/commons/garden/").context["page"].title == "Garden"


def test_translating_a_page_whose_slug_is_taken_in_english(
    clients, garden, make_page, locale_en
):
    french = make_page("commons", title="Garden (le lieu)", slug="garden")

    response = clients["translator"].post(
        reverse("wagtail_localize:submit_page_translation", args=(french.pk,)),
        {"locales": [locale_en.pk]},
    )

    assert response.status_code == 302
    english = french.get_translation(locale_en)
    assert english.slug != "garden" and english.get_parent().slug == "commons"
