"""Roles and the "Relecture" workflow, through the admin as each kind of user."""

import importlib

import pytest
from django.apps import apps as global_apps
from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from wagtail.models import (
    GroupPagePermission,
    Locale,
    PageLogEntry,
    Workflow,
    WorkflowPage,
)
from wagtail_localize.models import Translation
from wagtail_localize.operations import TranslationCreator

from pages.models import CommonsPage
from pages.models.snippets import Category
from pages.roles import REVIEW_TASK, REVIEW_WORKFLOW, set_up_roles
from tests.admin_forms import form_data
from tests.conftest import ROLES

pytestmark = pytest.mark.django_db


def approve(client, page):
    """Approve the page's current task through the workflow action URL."""
    task_state = page.current_workflow_task_state
    url = reverse(
        "wagtailadmin_pages:workflow_action",
        args=(page.pk, "approve", task_state.pk),
    )
    return client.post(url, {"comment": ""})


def refused(response):
    """Wagtail answers 403, or sends users without admin rights to the admin home."""
    return response.status_code == 403 or (
        response.status_code == 302 and response.url == reverse("wagtailadmin_home")
    )


def test_migration_creates_the_review_workflow_on_every_home(home_fr, home_en):
    workflow = Workflow.objects.get(name=REVIEW_WORKFLOW)

    assert [task.name for task in workflow.tasks.all()] == [REVIEW_TASK]
    assert workflow.tasks.get().specific.groups.get().name == "Moderators"
    assert home_fr.get_workflow() == workflow
    assert home_en.get_workflow() == workflow


def test_setting_up_roles_again_changes_nothing(home_en):
    tables = (Group, GroupPagePermission, Workflow, WorkflowPage)
    before = [list(table.objects.order_by("pk").values()) for table in tables]

    set_up_roles(global_apps)
    call_command("setup_roles", stdout=None)

    assert [list(table.objects.order_by("pk").values()) for table in tables] == before


def test_a_new_locale_gets_translators_and_the_workflow(home_fr):
    german = Locale.objects.create(language_code="de")
    home_de = home_fr.copy_for_translation(german)

    call_command("setup_roles", stdout=None)

    assert home_de.get_workflow().name == REVIEW_WORKFLOW
    assert GroupPagePermission.objects.filter(
        group__name="Translators", page=home_de, permission__codename="change_page"
    ).exists()
    assert not GroupPagePermission.objects.filter(
        group__name="Translators", page=home_fr
    ).exists()


def test_migration_module_runs_again_without_harm(home_fr):
    migration = importlib.import_module(
        "pages.migrations.0007_roles_and_review_workflow"
    )
    before = GroupPagePermission.objects.count()

    migration.create_roles(global_apps, connection.schema_editor())

    assert GroupPagePermission.objects.count() == before


def test_a_page_and_its_translation_go_live_only_once_moderated(
    client, users, clients, indexes, locale_en, publish_translation
):
    publish_translation(indexes["commons"], title="Commons", slug="commons")

    # An editor writes a commons page and submits it for review.
    add_url = reverse(
        "wagtailadmin_pages:add", args=("pages", "commonspage", indexes["commons"].pk)
    )
    data = form_data(clients["editor"], add_url)
    data.update(
        title="Jardin partagé",
        slug="jardin-partage",
        summary="Un jardin cultivé ensemble.",
        status="active",
    )
    data["action-submit"] = "on"
    response = clients["editor"].post(add_url, data)
    assert response.status_code == 302
    page = CommonsPage.objects.get(slug="jardin-partage")
    assert not page.live and page.workflow_in_progress
    assert client.get("/fr/communs/jardin-partage/").status_code == 404
    # Moderators are told that a page awaits their review.
    assert any(message.to == ["moderator@example.org"] for message in mail.outbox)

    # The editor can neither publish it nor approve it.
    edit_url = reverse("wagtailadmin_pages:edit", args=(page.pk,))
    data = form_data(clients["editor"], edit_url)
    data["action-publish"] = "on"
    clients["editor"].post(edit_url, data)
    page.refresh_from_db()
    assert not page.live
    assert refused(approve(clients["editor"], page))

    # A moderator approves it: it is public in French, and the editor is told.
    mail.outbox.clear()
    assert approve(clients["moderator"], page).status_code == 302
    page.refresh_from_db()
    assert page.live
    assert client.get(page.url).status_code == 200
    assert any(message.to == ["editor@example.org"] for message in mail.outbox)

    # A translator cannot change the French page.
    assert refused(clients["translator"].get(edit_url))

    # The translator translates it ("Translate this page"), edits and submits the draft.
    translate_url = reverse("wagtail_localize:submit_page_translation", args=(page.pk,))
    assert clients["translator"].get(translate_url).status_code == 200
    response = clients["translator"].post(translate_url, {"locales": [locale_en.pk]})
    english = page.get_translation(locale_en).specific
    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_pages:edit", args=(english.pk,))
    assert not english.live

    english_edit_url = reverse("wagtailadmin_pages:edit", args=(english.pk,))
    data = form_data(clients["translator"], english_edit_url)
    data.update(title="Shared garden", slug="shared-garden")
    data["action-submit"] = "on"
    assert clients["translator"].post(english_edit_url, data).status_code == 302
    english.refresh_from_db()
    assert english.workflow_in_progress and not english.live
    assert client.get("/en/commons/shared-garden/").status_code == 404
    assert refused(approve(clients["translator"], english))

    # Once a moderator approves it, it answers under /en/.
    assert approve(clients["moderator"], english).status_code == 302
    english.refresh_from_db()
    assert english.live and english.title == "Shared garden"
    assert english.url == "/en/commons/shared-garden/"
    assert client.get(english.url).status_code == 200


def test_a_rejected_page_stays_a_draft_and_its_author_is_told(
    users, clients, make_page
):
    page = make_page("commons", title="Commun")
    page.title = "Commun révisé"
    page.save_revision(user=users["editor"])
    page.get_workflow().start(page, users["editor"])
    mail.outbox.clear()

    task_state = page.current_workflow_task_state
    url = reverse(
        "wagtailadmin_pages:workflow_action", args=(page.pk, "reject", task_state.pk)
    )
    clients["moderator"].post(url, {"comment": "Sources, s’il vous plaît."})

    page.refresh_from_db()
    assert page.title == "Commun" and not page.workflow_in_progress
    assert [message.to for message in mail.outbox] == [["editor@example.org"]]


@pytest.fixture
def synced_translation(users, make_page, locale_en):
    """A French page and its English draft in wagtail-localize's synced editor."""
    page = make_page("commons", title="Commun")
    TranslationCreator(users["moderator"], [locale_en]).create_translations(page)
    # As a moderator's "Start Synced translation" does.
    Translation.objects.filter(
        source__object_id=page.translation_key, target_locale=locale_en
    ).update(enabled=True)
    return Translation.objects.get(source__object_id=page.translation_key)


def test_sync_and_publish_immediately_is_for_those_who_may_publish(
    clients, synced_translation, django_capture_on_commit_callbacks
):
    url = reverse(
        "wagtail_localize:update_translations", args=(synced_translation.source_id,)
    )
    english = synced_translation.get_target_instance()

    response = clients["translator"].post(url, {"publish_translations": "on"})
    english.refresh_from_db()
    assert refused(response) and not english.live

    # wagtail-localize publishes once the transaction commits.
    with django_capture_on_commit_callbacks(execute=True):
        response = clients["moderator"].post(url, {"publish_translations": "on"})
    english.refresh_from_db()
    assert response.status_code == 302 and english.live


def test_translators_cannot_publish_from_the_translation_editor(
    clients, synced_translation
):
    """wagtail-localize's synced editor has its own publish button, checked too."""
    english = synced_translation.get_target_instance()
    url = reverse("wagtailadmin_pages:edit", args=(english.pk,))

    assert "wagtail-localize" in clients["translator"].get(url).content.decode()
    response = clients["translator"].post(url, {"action": "publish"})

    english.refresh_from_db()
    assert refused(response) and not english.live


# Each group and each admin action that matters; README's table mirrors this one.
MATRIX = {
    # action: (Editors, Moderators, Translators)
    "add_page_fr": (True, True, False),
    "edit_page_fr": (True, True, False),
    "publish_fr": (False, True, False),
    "add_page_en": (True, True, True),
    "edit_page_en": (True, True, True),
    "publish_en": (False, True, False),
    "approve_task": (False, True, False),
    "edit_category": (False, True, False),
    "translate_page": (True, True, True),
    "translation_status": (False, True, True),
    "manage_users": (False, False, False),
}


@pytest.fixture
def tree(users, indexes, make_page, publish_translation, locale_en):
    french = make_page("commons", title="Commun")
    english_index = publish_translation(indexes["commons"], title="Commons")
    english = publish_translation(french, title="Commons page")
    return {"fr": french, "en": english, "en_index": english_index}


def publish(client, page, admin_client):
    """Post the page's edit form with "Publish"; True when the change went live."""
    url = reverse("wagtailadmin_pages:edit", args=(page.pk,))
    # Read as an administrator: the tested user may not even open the form.
    data = form_data(admin_client, url)
    data["title"] = "Published by the tested user"
    data["action-publish"] = "on"
    response = client.post(url, data)
    page.refresh_from_db()
    return page.title == "Published by the tested user" and not refused(response)


def perform(action, client, tree, users, admin_client):
    """Do action as the client's user: True when allowed, False when refused."""
    french, english = tree["fr"], tree["en"]
    if action == "add_page_fr":
        parent = french.get_parent()
    elif action == "add_page_en":
        parent = tree["en_index"]
    if action in {"add_page_fr", "add_page_en"}:
        url = reverse(
            "wagtailadmin_pages:add", args=("pages", "commonspage", parent.pk)
        )
        response = client.get(url)
    elif action == "edit_page_fr":
        response = client.get(reverse("wagtailadmin_pages:edit", args=(french.pk,)))
    elif action == "edit_page_en":
        response = client.get(reverse("wagtailadmin_pages:edit", args=(english.pk,)))
    elif action == "publish_fr":
        return publish(client, french, admin_client)
    elif action == "publish_en":
        return publish(client, english, admin_client)
    elif action == "approve_task":
        french.save_revision(user=users["editor"])
        french.get_workflow().start(french, users["editor"])
        response = approve(client, french)
        french.refresh_from_db()
        return not refused(response) and not french.workflow_in_progress
    elif action == "edit_category":
        category = Category.objects.first()
        response = client.get(
            reverse("wagtailsnippets_pages_category:edit", args=(category.pk,))
        )
    elif action == "translate_page":
        response = client.get(
            reverse("wagtail_localize:submit_page_translation", args=(french.pk,))
        )
    elif action == "translation_status":
        response = client.get(reverse("atlas_translation_status"))
    elif action == "manage_users":
        response = client.get(reverse("wagtailusers_users:index"))
    if refused(response):
        return False
    assert response.status_code == 200, (action, response.status_code)
    return True


@pytest.mark.parametrize(
    ("action", "role"),
    [(action, role) for action in MATRIX for role in ROLES],
)
def test_permission_matrix(action, role, users, clients, tree, admin_client):
    expected = MATRIX[action][list(ROLES).index(role)]

    assert perform(action, clients[role], tree, users, admin_client) is expected


def test_publishing_is_logged_against_moderators_only(clients, tree, admin_client):
    publish(clients["moderator"], tree["fr"], admin_client)
    publish(clients["editor"], tree["fr"], admin_client)

    publishers = set(
        PageLogEntry.objects.filter(
            page=tree["fr"], action="wagtail.publish", user__isnull=False
        ).values_list("user__username", flat=True)
    )
    assert publishers == {"moderator"}
