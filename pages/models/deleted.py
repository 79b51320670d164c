"""What is kept of a deleted page: Wagtail deletes its revisions along with it."""

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _


class DeletedPage(models.Model):
    """A snapshot of a page taken just before it was deleted, to restore it from.

    One per deleted page; the pages deleted with an ancestor point to its snapshot
    (`deleted_with`), so that restoring it brings the subtree back in order. Restored
    snapshots are kept, with the page they became.
    """

    page_id = models.PositiveIntegerField(_("page id"), unique=True)
    deleted_with = models.ForeignKey(
        "self",
        verbose_name=_("deleted with"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="deleted_children",
    )
    parent_page_id = models.PositiveIntegerField(_("parent page id"), null=True)
    # The place in the tree: sibling order when a subtree is restored.
    path = models.CharField(_("path"), max_length=255)
    url_path = models.TextField(_("address"), blank=True)
    content_type = models.ForeignKey(
        "contenttypes.ContentType",
        verbose_name=_("page type"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    locale = models.ForeignKey(
        "wagtailcore.Locale",
        verbose_name=_("language"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    translation_key = models.UUIDField(_("translation key"))
    title = models.CharField(_("title"), max_length=255)
    slug = models.SlugField(_("slug"), max_length=255, allow_unicode=True)
    was_live = models.BooleanField(_("was published"))
    # The latest revision's content (drafts included), as Wagtail stores revisions.
    content = models.JSONField(_("content"), encoder=DjangoJSONEncoder)
    # Each revision's date, author and change note, oldest first: the attribution.
    revisions = models.JSONField(
        _("revisions"), default=list, encoder=DjangoJSONEncoder
    )
    deleted_at = models.DateTimeField(_("deleted at"), default=timezone.now)
    deleted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("deleted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    restored_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("restored page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    restored_at = models.DateTimeField(_("restored at"), null=True, blank=True)
    restored_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("restored by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("deleted page")
        verbose_name_plural = _("deleted pages")
        ordering = ["-deleted_at", "path"]

    def __str__(self):
        return self.title

    @property
    def page_model(self):
        return self.content_type.model_class()

    @property
    def page_type_name(self):
        return capfirst(self.page_model._meta.verbose_name)
