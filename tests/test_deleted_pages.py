"""Deleted pages are kept: found, read and restored by moderators in the admin."""

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse
from wagtail.models import Page, PageLogEntry
from wagtail_localize.models import Translation
from wagtail_localize.operations import TranslationCreator

from pages.deleted_pages import RESTORE_ACTION, snapshot_before_delete
from pages.models import CommonsIndexPage, CommonsPage, DeletedPage, RevisionNote
from pages.models.base import Source
from tests.conftest import client_for
from tests.factories import CommonsIndexPageFactory, CommonsPageFactory
from tests.test_workflow import refused

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser_client(django_user_model):
    return client_for(
        django_user_model.objects.create_superuser("admin", "admin@example.org", "pw")
    )


@pytest.fixture
def commons(make_page, users):
    """A published page with a source, then a draft change with a change note."""
    page = make_page(
        "commons",
        title="Forêt partagée",
        slug="foret-partagee",
        body=[("paragraph", "<p>Une forêt gérée en commun.</p>")],
    )
    page.wiki_sources = [Source(title="Rapport annuel")]
    page.save_revision(user=users["editor"]).publish()
    page.summary = "Un brouillon pas encore publié."
    revision = page.save_revision(user=users["editor"])
    RevisionNote.objects.create(revision=revision, note="Résumé réécrit")
    return page


def delete_in_admin(client, page):
    return client.post(reverse("wagtailadmin_pages:delete", args=[page.pk]))


def restore_in_admin(client, snapshot):
    return client.post(reverse("atlas_restore_deleted_page", args=[snapshot.pk]))


def test_deleting_in_the_admin_keeps_what_was_written(clients, users, commons):
    response = delete_in_admin(clients["moderator"], commons)

    assert response.status_code == 302
    assert not Page.objects.filter(pk=commons.pk).exists()
    snapshot = DeletedPage.objects.get(page_id=commons.pk)
    assert snapshot.title == "Forêt partagée"
    assert snapshot.page_model is CommonsPage
    assert snapshot.translation_key == commons.translation_key
    assert snapshot.was_live
    assert snapshot.deleted_by == users["moderator"]
    # The latest revision, unpublished draft included.
    assert snapshot.content["summary"] == "Un brouillon pas encore publié."
    assert [s["title"] for s in snapshot.content["wiki_sources"]] == ["Rapport annuel"]
    assert [(r["user"], r["note"]) for r in snapshot.revisions][-1] == (
        "editor",
        "Résumé réécrit",
    )
    assert len(snapshot.revisions) == 3


def test_deleting_a_subtree_keeps_each_page_under_its_parent(
    superuser_client, indexes, make_page
):
    index = indexes["commons"]
    first, second = make_page("commons", title="A"), make_page("commons", title="B")

    delete_in_admin(superuser_client, index)

    index_snapshot = DeletedPage.objects.get(page_id=index.pk)
    assert index_snapshot.deleted_with is None
    assert [s.page_id for s in index_snapshot.deleted_children.order_by("path")] == [
        first.pk,
        second.pk,
    ]


def test_the_bulk_delete_action_keeps_each_page(clients, users, make_page):
    pages = [make_page("commons", title="A"), make_page("concept", title="B")]
    url = reverse("wagtail_bulk_action", args=("wagtailcore", "page", "delete"))
    query = "&".join(f"id={page.pk}" for page in pages)

    response = clients["moderator"].post(f"{url}?{query}")

    assert response.status_code == 302
    assert not Page.objects.filter(pk__in=[page.pk for page in pages]).exists()
    snapshots = DeletedPage.objects.order_by("title")
    assert [(s.title, s.deleted_by) for s in snapshots] == [
        ("A", users["moderator"]),
        ("B", users["moderator"]),
    ]


def test_a_subtree_is_linked_whatever_order_the_signals_come_in(indexes, make_page):
    index = indexes["commons"]
    page = make_page("commons", title="A")
    # Django sends pre_delete in no set order: the page's own signal may come first.
    snapshot_before_delete(Page, Page.objects.get(pk=page.pk))

    index.delete()

    snapshot = DeletedPage.objects.get(page_id=page.pk)
    assert snapshot.deleted_with == DeletedPage.objects.get(page_id=index.pk)
    assert snapshot.parent_page_id == index.pk


def test_deleting_in_code_keeps_a_snapshot_too(indexes, make_page):
    page = make_page("commons", title="Supprimée par un script")
    index = indexes["commons"]

    page.delete()
    Page.objects.filter(pk=index.pk).delete()  # a queryset, Wagtail bypassed

    assert DeletedPage.objects.get(page_id=page.pk).deleted_by is None
    assert DeletedPage.objects.get(page_id=index.pk).deleted_children.count() == 0


@pytest.mark.parametrize(
    ("role", "allowed"),
    [("moderator", True), ("editor", False), ("translator", False)],
)
def test_only_moderators_see_and_restore_deleted_pages(clients, commons, role, allowed):
    commons.delete()
    snapshot = DeletedPage.objects.get()
    client = clients[role]

    list_response = client.get(reverse("atlas_deleted_pages"))
    detail_response = client.get(reverse("atlas_deleted_page", args=[snapshot.pk]))
    restore_response = restore_in_admin(client, snapshot)

    responses = (list_response, detail_response, restore_response)
    if allowed:
        assert [response.status_code for response in responses] == [200, 200, 302]
    else:
        assert all(refused(response) for response in responses)
    snapshot.refresh_from_db()
    assert (snapshot.restored_page is not None) == allowed
    # The admin's menu (its sidebar's data) offers it to them only.
    menu = client.get(reverse("wagtailadmin_home")).content.decode()
    assert (reverse("atlas_deleted_pages") in menu) == allowed


def test_anonymous_visitors_are_sent_to_the_login(commons):
    commons.delete()
    snapshot = DeletedPage.objects.get()
    urls = [
        reverse("atlas_deleted_pages"),
        reverse("atlas_deleted_page", args=[snapshot.pk]),
    ]
    for url in urls:
        response = Client().get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("wagtailadmin_login"))
    assert restore_in_admin(Client(), snapshot).url.startswith(
        reverse("wagtailadmin_login")
    )
    assert DeletedPage.objects.get().restored_at is None


def test_the_list_finds_pages_by_title_language_and_type(
    clients, commons, make_page, publish_translation
):
    english = publish_translation(make_page("concept", title="Enclosure"))
    commons.delete()
    english.delete()
    client = clients["moderator"]

    def titles(**query):
        response = client.get(reverse("atlas_deleted_pages"), query)
        return [snapshot.title for snapshot in response.context["snapshots"]]

    assert sorted(titles()) == ["Enclosure", "Forêt partagée"]
    assert titles(q="forêt") == ["Forêt partagée"]
    assert titles(locale="en") == ["Enclosure"]
    commons_type = DeletedPage.objects.get(page_id=commons.pk).content_type_id
    assert titles(type=commons_type) == ["Forêt partagée"]


def test_the_detail_shows_the_content_and_its_authors(clients, commons):
    commons.delete()
    snapshot = DeletedPage.objects.get()

    response = clients["moderator"].get(
        reverse("atlas_deleted_page", args=[snapshot.pk])
    )

    html = response.content.decode()
    assert "Un brouillon pas encore publié." in html
    assert "Rapport annuel" in html
    assert "Résumé réécrit" in html
    assert "Une forêt gérée en commun." in html  # the body, from its JSON text
    assert 'name="csrfmiddlewaretoken"' in html


def test_restore_makes_a_draft_with_the_content_and_translation_key(
    clients, users, commons
):
    index = commons.get_parent()
    delete_in_admin(clients["moderator"], commons)
    snapshot = DeletedPage.objects.get()

    response = restore_in_admin(clients["moderator"], snapshot)

    restored = CommonsPage.objects.get(translation_key=commons.translation_key)
    assert response.url == reverse("wagtailadmin_pages:edit", args=[restored.pk])
    assert restored.get_parent().pk == index.pk
    assert (restored.slug, restored.locale_id) == ("foret-partagee", commons.locale_id)
    assert not restored.live
    assert restored.summary == "Un brouillon pas encore publié."
    assert "Une forêt gérée en commun." in str(restored.body)
    assert [source.title for source in restored.wiki_sources.all()] == [
        "Rapport annuel"
    ]
    assert restored.get_latest_revision().user == users["moderator"]
    assert PageLogEntry.objects.filter(
        page=restored, action=RESTORE_ACTION, user=users["moderator"]
    ).exists()
    history_url = reverse("wagtailadmin_pages:history", args=[restored.pk])
    assert clients["moderator"].get(history_url).status_code == 200
    snapshot.refresh_from_db()
    assert snapshot.restored_page.pk == restored.pk
    # Restored once: a second post changes nothing.
    restore_in_admin(clients["moderator"], snapshot)
    assert (
        CommonsPage.objects.filter(translation_key=commons.translation_key).count() == 1
    )


def test_restore_is_a_post_with_a_csrf_token(users, commons):
    commons.delete()
    snapshot = DeletedPage.objects.get()
    url = reverse("atlas_restore_deleted_page", args=[snapshot.pk])
    client = Client(enforce_csrf_checks=True)
    client.force_login(users["moderator"])

    assert client.get(url).status_code == 405
    assert client.post(url).status_code == 403
    assert DeletedPage.objects.get().restored_at is None


def test_the_restored_page_is_public_only_once_published(clients, client, commons):
    url = commons.url
    commons.delete()
    restore_in_admin(clients["moderator"], DeletedPage.objects.get())
    restored = CommonsPage.objects.get(translation_key=commons.translation_key)

    assert client.get(url).status_code == 404
    restored.get_latest_revision().publish()
    assert client.get(url).status_code == 200


def test_a_taken_slug_gets_a_suffix_and_a_message(clients, commons):
    index = commons.get_parent()
    commons.delete()
    index.add_child(instance=CommonsPageFactory.build(slug="foret-partagee"))

    response = restore_in_admin(clients["moderator"], DeletedPage.objects.get())

    restored = CommonsPage.objects.get(translation_key=commons.translation_key)
    assert restored.slug == "foret-partagee-1"
    messages = [str(message) for message in get_messages(response.wsgi_request)]
    assert any("foret-partagee-1" in message for message in messages)


def test_restoring_a_subtree_brings_back_its_pages_in_order(
    superuser_client, clients, indexes, make_page
):
    index = indexes["commons"]
    make_page("commons", title="A"), make_page("commons", title="B")
    delete_in_admin(superuser_client, index)

    restore_in_admin(clients["moderator"], DeletedPage.objects.get(page_id=index.pk))

    restored_index = CommonsIndexPage.objects.get()
    assert restored_index.get_parent().pk == index.get_parent().pk
    children = restored_index.get_children().specific()
    assert [child.title for child in children] == ["A", "B"]
    assert not any(child.live for child in [restored_index, *children])


def test_a_page_whose_parent_is_gone_goes_back_to_its_section(
    superuser_client, clients, indexes, make_page, home_fr
):
    page = make_page("commons", title="Orpheline")
    delete_in_admin(superuser_client, indexes["commons"])
    new_index = CommonsIndexPageFactory(parent=home_fr, slug="communs-bis")

    restore_in_admin(clients["moderator"], DeletedPage.objects.get(page_id=page.pk))

    assert CommonsPage.objects.get(title="Orpheline").get_parent().pk == new_index.pk


def test_deleting_the_english_translation_leaves_the_french_page(
    clients, commons, publish_translation, locale_en
):
    english = publish_translation(commons, title="Shared forest")

    delete_in_admin(clients["moderator"], english)

    commons.refresh_from_db()
    assert commons.live and commons.title == "Forêt partagée"
    restore_in_admin(clients["moderator"], DeletedPage.objects.get())
    assert commons.get_translation(locale_en).title == "Shared forest"


def test_deleting_the_french_source_keeps_its_synced_translation(
    clients, users, commons, locale_en, locale_fr
):
    TranslationCreator(users["moderator"], [locale_en]).create_translations(commons)
    Translation.objects.filter(source__object_id=commons.translation_key).update(
        enabled=True
    )
    english = commons.get_translation(locale_en)
    english.title = "Shared forest"
    english.save_revision().publish()

    delete_in_admin(clients["moderator"], commons)

    english.refresh_from_db()
    assert english.live and english.title == "Shared forest"
    # No longer synced from a missing source: edited in Wagtail's own editor.
    translation = Translation.objects.get(source__object_id=commons.translation_key)
    assert not translation.enabled
    edit_url = reverse("wagtailadmin_pages:edit", args=[english.pk])
    assert clients["moderator"].get(edit_url).status_code == 200

    restore_in_admin(clients["moderator"], DeletedPage.objects.get())
    assert english.get_translation(locale_fr).title == "Forêt partagée"


def test_a_deleted_translation_can_be_translated_again(
    clients, users, commons, locale_en
):
    translate_url = reverse(
        "wagtail_localize:submit_page_translation", args=(commons.pk,)
    )
    clients["moderator"].post(translate_url, {"locales": [locale_en.pk]})
    delete_in_admin(clients["moderator"], commons.get_translation(locale_en))

    response = clients["moderator"].post(translate_url, {"locales": [locale_en.pk]})

    assert response.status_code == 302
    english = commons.get_translation(locale_en)
    assert english.title == "Forêt partagée"

    # The old translation restored beside the new one: unlinked, with a warning.
    response = restore_in_admin(clients["moderator"], DeletedPage.objects.get())
    restored = DeletedPage.objects.get().restored_page
    assert restored.translation_key != commons.translation_key
    assert commons.get_translation(locale_en).pk == english.pk
    messages = [str(message) for message in get_messages(response.wsgi_request)]
    assert any("n’est plus liée à ses traductions" in m for m in messages)
