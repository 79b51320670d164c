"""Editors create every page type in the admin; bad input is explained, not lost."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from wagtail.models import GroupPagePermission, Page

from pages import models
from tests.admin_forms import form_data

pytestmark = pytest.mark.django_db

REQUIRED_FIELDS = {
    "commons": {"status": "active"},
    "chamber": {"status": "active"},
    "actor": {"kind": "association"},
    "concept": {
        "definition": "Une ressource partagée et gouvernée par une communauté."
    },
    "event": {"kind": "forum", "start_date_year": "2019", "start_date_month": "10"},
    "text": {"kind": "manifesto"},
}


@pytest.fixture
def editor_client(client, django_user_model, home_fr):
    """A user who may add and edit pages under the home, but not publish them."""
    group = Group.objects.create(name="Test editors")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    for codename in ("add_page", "change_page"):
        GroupPagePermission.objects.create(
            group=group,
            page=home_fr,
            permission=Permission.objects.get(codename=codename),
        )
    user = django_user_model.objects.create_user("editrice", password="pw-editor-2026")
    user.groups.add(group)
    client.force_login(user)
    return client


def add_form(client, page_type, parent):
    content_type = {
        "commons": "commonspage",
        "chamber": "chamberpage",
        "actor": "actorpage",
        "concept": "conceptpage",
        "event": "eventpage",
        "text": "textpage",
    }[page_type]
    url = reverse("wagtailadmin_pages:add", args=("pages", content_type, parent.pk))
    return url, form_data(client, url)


@pytest.mark.parametrize("page_type", list(REQUIRED_FIELDS))
def test_editor_creates_each_page_type_as_a_draft(editor_client, indexes, page_type):
    url, data = add_form(editor_client, page_type, indexes[page_type])
    data["title"] = f"Nouvelle page {page_type}"
    data["slug"] = f"nouvelle-page-{page_type}"
    data["summary"] = "Un résumé court."
    for name, value in REQUIRED_FIELDS[page_type].items():
        data[name] = value

    response = editor_client.post(url, data)

    assert response.status_code == 302, response.context["form"].errors
    page = Page.objects.get(slug=f"nouvelle-page-{page_type}").specific
    assert page.get_parent().pk == indexes[page_type].pk
    assert not page.live
    assert page.summary == "Un résumé court."


def test_invalid_location_is_explained_and_the_input_kept(editor_client, indexes):
    url, data = add_form(editor_client, "commons", indexes["commons"])
    data.update(
        {
            "title": "Jardin",
            "slug": "jardin",
            "summary": "Un jardin partagé.",
            "status": "active",
            "latitude": "48.5",
            "longitude": "",
        }
    )

    response = editor_client.post(url, data)

    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors["longitude"] == [
        "Indiquez la latitude et la longitude, ou aucune des deux."
    ]
    assert 'value="Un jardin partagé."' in response.content.decode()
    assert not models.CommonsPage.objects.filter(slug="jardin").exists()


def test_impossible_date_and_long_summary_are_explained(editor_client, indexes):
    url, data = add_form(editor_client, "event", indexes["event"])
    data.update(
        {
            "title": "Forum",
            "slug": "forum",
            "summary": "x" * 301,
            "kind": "forum",
            "start_date_year": "2023",
            "start_date_month": "2",
            "start_date_day": "30",
        }
    )

    response = editor_client.post(url, data)

    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "summary" in errors
    assert "30" in str(errors["start_date"])


def test_editor_cannot_put_a_commons_under_the_wrong_index(editor_client, indexes):
    url = reverse(
        "wagtailadmin_pages:add", args=("pages", "commonspage", indexes["text"].pk)
    )

    response = editor_client.get(url)

    # Wagtail's admin turns PermissionDenied into a redirect with a message.
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")
