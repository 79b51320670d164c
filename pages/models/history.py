"""What a page's public history stores beside Wagtail's own revisions."""

from django.db import models
from django.utils.translation import gettext_lazy as _

CHANGE_NOTE_MAX_LENGTH = 255


class RevisionNote(models.Model):
    """An editor's short change note on one revision ("sources added", "typo").

    Kept beside the revision rather than on the page: a page field would be copied
    into every later revision and offered for translation by wagtail-localize.
    """

    revision = models.OneToOneField(
        "wagtailcore.Revision",
        verbose_name=_("revision"),
        on_delete=models.CASCADE,
        related_name="change_note",
    )
    note = models.CharField(_("change note"), max_length=CHANGE_NOTE_MAX_LENGTH)

    class Meta:
        verbose_name = _("change note")
        verbose_name_plural = _("change notes")

    def __str__(self):
        return self.note
