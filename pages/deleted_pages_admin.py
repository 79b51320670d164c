"""The admin's "Deleted pages" report: find a deleted page, read it, restore it.

Moderators and superusers only, like the other editorial reports.
"""

import json

from django import forms
from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist, PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.dateparse import parse_datetime
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView
from modelcluster.models import get_all_child_relations
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.fields import StreamField
from wagtail.models import COMMENTS_RELATION_NAME, Locale, Page

from pages.deleted_pages import RestoreError, restore
from pages.models import DeletedPage
from pages.pagination import paginate
from pages.roles import MODERATORS

DELETED_PAGES_PER_SCREEN = 50
# Page's own fields that an editor writes; the others are the tree's bookkeeping.
EDITED_PAGE_FIELDS = ("title", "slug", "seo_title", "search_description")


def can_manage_deleted_pages(user):
    return user.is_active and (
        user.is_superuser or user.groups.filter(name=MODERATORS).exists()
    )


class PageTypeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return capfirst(obj.model_class()._meta.verbose_name)


class DeletedPagesFilterForm(forms.Form):
    q = forms.CharField(label=gettext_lazy("Title"), required=False)
    locale = forms.ModelChoiceField(
        label=gettext_lazy("Language"),
        queryset=Locale.objects.all(),
        to_field_name="language_code",
        required=False,
        empty_label=gettext_lazy("All"),
    )
    type = PageTypeChoiceField(
        label=gettext_lazy("Page type"),
        queryset=ContentType.objects.filter(
            pk__in=DeletedPage.objects.values("content_type")
        ),
        required=False,
        empty_label=gettext_lazy("All"),
    )

    def filter(self, snapshots):
        if not self.is_valid():
            return snapshots
        if self.cleaned_data["q"]:
            snapshots = snapshots.filter(title__icontains=self.cleaned_data["q"])
        if self.cleaned_data["locale"]:
            snapshots = snapshots.filter(locale=self.cleaned_data["locale"])
        if self.cleaned_data["type"]:
            snapshots = snapshots.filter(content_type=self.cleaned_data["type"])
        return snapshots


class ModeratorsOnlyMixin:
    def dispatch(self, request, *args, **kwargs):
        if not can_manage_deleted_pages(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class DeletedPagesView(ModeratorsOnlyMixin, WagtailAdminTemplateMixin, TemplateView):
    """The deleted pages, newest deletion first, by title, language and type."""

    template_name = "pages/admin/deleted_pages.html"
    page_title = gettext_lazy("Deleted pages")
    header_icon = "bin"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        filter_form = DeletedPagesFilterForm(self.request.GET)
        snapshots = filter_form.filter(
            DeletedPage.objects.select_related(
                "locale", "content_type", "deleted_by", "deleted_with"
            )
        )
        context.update(
            filter_form=filter_form,
            snapshots=paginate(self.request, snapshots, DELETED_PAGES_PER_SCREEN),
        )
        return context


class DeletedPageView(ModeratorsOnlyMixin, WagtailAdminTemplateMixin, TemplateView):
    """One deleted page: what it said, who wrote it, and the button to restore it."""

    template_name = "pages/admin/deleted_page.html"
    header_icon = "bin"

    def setup(self, request, pk, *args, **kwargs):
        super().setup(request, pk, *args, **kwargs)
        self.snapshot = get_object_or_404(DeletedPage, pk=pk)

    def get_page_title(self):
        return self.snapshot.title

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("atlas_deleted_pages"), "label": _("Deleted pages")},
            {"url": "", "label": self.snapshot.title},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        snapshot = self.snapshot
        context.update(
            snapshot=snapshot,
            parent=Page.objects.filter(pk=snapshot.parent_page_id).first(),
            translations=Page.objects.filter(
                translation_key=snapshot.translation_key
            ).exclude(locale=snapshot.locale_id),
            deleted_children=snapshot.deleted_children.order_by("path"),
            fields=content_fields(snapshot),
            revisions=[
                {**revision, "created_at": parse_datetime(revision["created_at"])}
                for revision in snapshot.revisions
            ],
        )
        return context


def content_fields(snapshot):
    """(label, text) of each field written in the page, in the content's order.

    Structured values (StreamFields, child objects) are shown as indented JSON.
    """
    model = snapshot.page_model
    child_relations = {
        relation.get_accessor_name(): relation
        for relation in get_all_child_relations(model)
    }
    fields = []
    for name, value in snapshot.content.items():
        if name in child_relations:
            relation = child_relations[name]
            label = relation.related_model._meta.verbose_name_plural
            value = [written_values(child, relation.field.name) for child in value]
        else:
            try:
                field = model._meta.get_field(name)
            except FieldDoesNotExist:
                continue
            if field.model is Page and name not in EDITED_PAGE_FIELDS:
                continue
            label = field.verbose_name
            if isinstance(field, StreamField) and isinstance(value, str):
                value = json.loads(value)  # revisions keep StreamFields as JSON text
        if value in (None, "", [], {}) or name == COMMENTS_RELATION_NAME:
            continue
        text = (
            value
            if isinstance(value, str)
            else json.dumps(value, indent=2, ensure_ascii=False)
        )
        fields.append((capfirst(label), text))
    return fields


def written_values(child, parent_key):
    """A child object's values without its ids, order and empty fields."""
    hidden = {"pk", "sort_order", parent_key}
    return {
        name: value
        for name, value in child.items()
        if name not in hidden and value not in (None, "", [])
    }


class RestoreDeletedPageView(ModeratorsOnlyMixin, View):
    """Recreate the page (and those deleted with it) as drafts, then edit it."""

    http_method_names = ["post"]

    def post(self, request, pk):
        snapshot = get_object_or_404(DeletedPage, pk=pk)
        try:
            page, notices = restore(snapshot, request.user)
        except RestoreError as error:
            messages.error(request, str(error))
            return redirect("atlas_deleted_page", snapshot.pk)
        messages.success(
            request,
            _("“%(title)s” is restored as a draft: publish it to make it public.")
            % {"title": page.get_admin_display_title()},
        )
        for notice in notices:
            messages.warning(request, notice)
        return redirect("wagtailadmin_pages:edit", page.pk)
