"""wagtail-localize's translation editor made to respect page locks.

Its string-edit endpoints (edit a string or a synchronised field, upload a PO file,
machine translate, stop the translation) and its editor's "Publish" check edit rights
but not the target page's lock (wagtail-localize 1.14: `views/edit_translation.py`),
so a translator could change a page that a moderator locked, or one that is in review.
Here each is wrapped with Wagtail's own lock test (`page.get_lock().for_user`), the one
the page editor uses: a lock by someone else, a workflow task the user cannot act on,
a scheduled publication.
"""

from functools import wraps

from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from wagtail.admin.views.pages.utils import get_valid_next_url_from_request
from wagtail.models import Page
from wagtail_localize.models import Translation
from wagtail_localize.views import edit_translation


def lock_message(user, instance):
    """Why `instance` is locked for `user`, or None when the user may change it."""
    if not isinstance(instance, Page):
        return None  # snippets have no locks in wagtail-localize's editor
    lock = instance.get_lock()
    if lock is None or not lock.for_user(user):
        return None
    return lock.get_message(user) or _("This page is locked.")


def target_lock_message(user, translation_id):
    translation = get_object_or_404(Translation, id=translation_id)
    try:
        instance = translation.get_target_instance()
    except ObjectDoesNotExist:
        return None  # wagtail-localize's view answers for a missing page
    return lock_message(user, instance)


def refused_when_locked(view, api=False):
    """`view` (taking translation_id) refused while the translated page is locked.

    The editor's API calls get a 409 with the reason as JSON; form posts go back to
    where they came from with the reason as an error message.
    """

    @wraps(view)
    def guarded(request, translation_id, *args, **kwargs):
        message = target_lock_message(request.user, translation_id)
        if message is None:
            return view(request, translation_id, *args, **kwargs)
        if api:
            return JsonResponse({"detail": strip_tags(message)}, status=409)
        messages.error(request, message)
        return redirect(
            get_valid_next_url_from_request(request) or reverse("wagtailadmin_home")
        )

    return guarded


def guarded_urls():
    """wagtail-localize's addresses for these views, matched before its own."""
    translate = "localize/translate/<int:translation_id>/"
    return [
        path(
            translate + "strings/<int:string_segment_id>/edit/",
            refused_when_locked(edit_translation.edit_string_translation, api=True),
        ),
        path(
            translate + "overrides/<int:overridable_segment_id>/edit/",
            refused_when_locked(edit_translation.edit_override, api=True),
        ),
        path(
            translate + "pofile/upload/",
            refused_when_locked(edit_translation.upload_pofile),
        ),
        path(
            translate + "machine_translate/",
            refused_when_locked(edit_translation.machine_translate),
        ),
        path(
            translate + "disable/",
            refused_when_locked(edit_translation.stop_translation),
        ),
    ]


# The posts that wagtail-localize answers from the page editor (its before_edit_page
# hook) without Wagtail's lock check: publish from the translation editor, start
# a synced translation, convert to an alias.
LOCALIZE_EDIT_ACTIONS = ("localize-restart-translation", "localize-convert-to-alias")


def refuse_locked_translation_edit(request, page):
    """before_edit_page: a locked translation's editor posts nothing."""
    if request.method != "POST":
        return None
    is_localize_post = any(name in request.POST for name in LOCALIZE_EDIT_ACTIONS)
    if not is_localize_post:
        is_localize_post = Translation.objects.filter(
            source__object_id=page.translation_key,
            target_locale_id=page.locale_id,
            enabled=True,
        ).exists()
    message = lock_message(request.user, page) if is_localize_post else None
    if message is None:
        return None
    messages.error(request, message)
    return redirect("wagtailadmin_pages:edit", page.pk)
