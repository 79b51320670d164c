"""The admin form of wiki pages."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from pages.models.history import CHANGE_NOTE_MAX_LENGTH


class WikiPageForm(WagtailAdminPageForm):
    """Adds the change note, which is not a page field: it belongs to one revision.

    `save()` leaves it on the page object, and `WikiPage.save_revision()` stores it
    against the revision the admin view saves next. Wagtail's after_edit_page hook
    would be too late: the publish action reloads the page before calling it.
    """

    change_note = forms.CharField(
        label=_("Change note"),
        max_length=CHANGE_NOTE_MAX_LENGTH,
        required=False,
        help_text=_(
            "Optional: what you changed and why, in a few words. Shown in the "
            "page's public history."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A note describes one change: never prefill it from an earlier one.
        self.initial["change_note"] = ""

    def save(self, commit=True):
        page = super().save(commit=commit)
        page.pending_change_note = self.cleaned_data.get("change_note", "").strip()
        return page
