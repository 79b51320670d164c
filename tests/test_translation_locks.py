"""The translation editor's endpoints respect the translated page's lock."""

from urllib.parse import urlencode

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
)
from wagtail_localize.operations import TranslationCreator

from tests.conftest import client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def translation(users, make_page, locale_en, publish_translation, indexes):
    """A French page in wagtail-localize's synced editor, its English page live."""
    publish_translation(indexes["commons"], title="Commons", slug="commons")
    page = make_page("commons", title="Jardin partagé")
    TranslationCreator(users["moderator"], [locale_en]).create_translations(page)
    translation = Translation.objects.get(source__object_id=page.translation_key)
    translation.enabled = True  # as "Start Synced translation" does
    translation.save()
    return translation


@pytest.fixture
def locked(clients, translation):
    """The English page, locked by the moderator through the admin."""
    english = translation.get_target_instance()
    response = clients["moderator"].post(
        reverse("wagtailadmin_pages:lock", args=(english.pk,))
    )
    assert response.status_code == 302
    english.refresh_from_db()
    assert english.locked
    return english


def put_string(client, translation, text="Shared garden"):
    segment = StringSegment.objects.filter(source=translation.source).first()
    url = reverse(
        "wagtail_localize:edit_string_translation", args=(translation.pk, segment.pk)
    )
    return client.put(
        url,
        urlencode({"value": text}),
        content_type="application/x-www-form-urlencoded",
    )


def translated_strings(translation):
    return StringTranslation.objects.filter(locale=translation.target_locale).count()


def test_a_string_of_an_unlocked_page_can_be_translated(clients, translation):
    assert put_string(clients["translator"], translation).status_code == 201


def test_a_string_of_a_locked_page_is_refused_with_the_reason(
    clients, translation, locked
):
    response = put_string(clients["translator"], translation)

    assert response.status_code == 409
    assert "moderator" in response.json()["detail"]  # who holds the lock
    assert translated_strings(translation) == 0


def test_whoever_locked_the_page_may_still_translate(clients, translation, locked):
    assert put_string(clients["moderator"], translation).status_code == 201


def test_a_page_in_review_is_locked_for_translators(users, clients, translation):
    english = translation.get_target_instance()
    english.save_revision(user=users["translator"])
    english.get_workflow().start(english, users["translator"])

    assert put_string(clients["translator"], translation).status_code == 409
    assert put_string(clients["moderator"], translation).status_code == 201


def test_overrides_of_a_locked_page_are_refused(clients, translation, locked):
    url = reverse("wagtail_localize:edit_override", args=(translation.pk, 1))

    response = clients["translator"].put(
        url, urlencode({"value": "x"}), content_type="application/x-www-form-urlencoded"
    )

    assert response.status_code == 409


def test_machine_translation_of_a_locked_page_changes_nothing(
    clients, translation, locked
):
    url = reverse("wagtail_localize:machine_translate", args=(translation.pk,))
    edit_url = reverse("wagtailadmin_pages:edit", args=(locked.pk,))

    response = clients["translator"].post(url, {"next": edit_url})

    assert response.status_code == 302 and response.url == edit_url
    assert translated_strings(translation) == 0
    # Unlocked, the dummy machine translator fills every string.
    clients["moderator"].post(reverse("wagtailadmin_pages:unlock", args=(locked.pk,)))
    clients["translator"].post(url, {"next": edit_url})
    assert translated_strings(translation) > 0


def test_a_po_file_cannot_be_uploaded_to_a_locked_page(clients, translation, locked):
    po = translation.export_po()
    for entry in po:
        entry.msgstr = f"EN {entry.msgid}"
    upload = SimpleUploadedFile("en.po", str(po).encode(), "text/x-gettext-translation")
    url = reverse("wagtail_localize:upload_pofile", args=(translation.pk,))

    response = clients["translator"].post(url, {"file": upload})

    assert response.status_code == 302
    assert translated_strings(translation) == 0


def test_a_locked_translation_cannot_be_stopped(clients, translation, locked):
    url = reverse("wagtail_localize:stop_translation", args=(translation.pk,))

    clients["translator"].post(url)

    translation.refresh_from_db()
    assert translation.enabled


def test_the_editor_does_not_publish_a_page_locked_by_another_moderator(
    django_user_model, translation, locked, django_capture_on_commit_callbacks
):
    other = django_user_model.objects.create_user("moderatrice", password="pw-2026")
    other.groups.add(Group.objects.get(name="Moderators"))
    url = reverse("wagtailadmin_pages:edit", args=(locked.pk,))

    revisions = locked.revisions.count()

    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(other).post(url, {"action": "publish"})

    assert response.status_code == 302 and response.url == url
    locked.refresh_from_db()
    assert not locked.live and locked.revisions.count() == revisions
    # Once unlocked, the same post publishes it.
    locked.locked = False
    locked.save(update_fields=["locked"])
    with django_capture_on_commit_callbacks(execute=True):
        client_for(other).post(url, {"action": "publish"})
    locked.refresh_from_db()
    assert locked.live


def test_sync_and_publish_immediately_spares_a_locked_translation(
    django_user_model, translation, locked, django_capture_on_commit_callbacks
):
    other = django_user_model.objects.create_user("moderatrice", password="pw-2026")
    other.groups.add(Group.objects.get(name="Moderators"))
    url = reverse("wagtail_localize:update_translations", args=(translation.source_id,))

    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(other).post(url, {"publish_translations": "on"})

    # Wagtail's admin turns the refusal into a redirect to its home, with a message.
    assert response.status_code == 302 and response.url == reverse("wagtailadmin_home")
    locked.refresh_from_db()
    assert not locked.live
    # Once unlocked, the same post publishes it.
    locked.locked = False
    locked.save(update_fields=["locked"])
    with django_capture_on_commit_callbacks(execute=True):
        client_for(other).post(url, {"publish_translations": "on"})
    locked.refresh_from_db()
    assert locked.live
