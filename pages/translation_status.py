"""The translation status matrix: each French page × each other language.

wagtail-localize leaves a site-wide overview to each site. A cell says whether the
page's translation is missing, a draft, in review, outdated (the source was published
again since the translation was last synced with it) or translated. For an outdated
one, a second view shows what changed in the source: Wagtail's own comparison of the
source's revision that was synced and its live one.
"""

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db.models import CharField, Exists, OuterRef
from django.db.models.functions import Cast
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.pages.revisions import RevisionsCompareView
from wagtail.models import Locale, Page, PageLogEntry, WorkflowState
from wagtail_localize.models import TranslationSource

from pages.page_types import WIKI_PAGE_TYPES, wiki_type_choices
from pages.pagination import paginate
from pages.roles import MODERATORS, TRANSLATORS

TRANSLATED = "translated"
OUTDATED = "outdated"
MISSING = "missing"
IN_REVIEW = "in_review"
DRAFT = "draft"
STATUS_LABELS = {
    TRANSLATED: _("Translated"),
    OUTDATED: _("Outdated"),
    IN_REVIEW: _("In review"),
    DRAFT: _("Draft"),
    MISSING: _("Missing"),
}
PAGES_PER_SCREEN = 50


def can_view_translation_status(user):
    """Translators, Moderators and superusers follow the translations."""
    return user.is_active and (
        user.is_superuser
        or user.groups.filter(name__in=[TRANSLATORS, MODERATORS]).exists()
    )


def cell_status(source, synced_at, translation):
    """The status of one translation (a dict of its page's fields, or None).

    `synced_at` is when wagtail-localize last read the source (its TranslationSource),
    or None for a translation made without it, which then counts as synced when it
    was last published.
    """
    if translation is None or translation["alias_of_id"]:
        return MISSING  # an alias shows the French page: nothing is translated
    if translation["in_review"]:
        return IN_REVIEW
    if not translation["live"]:
        return DRAFT
    published_at = translation["last_published_at"]
    synced_at = synced_at or published_at
    if synced_at is None:
        return TRANSLATED  # live since the install, never published: nothing to compare
    if source["last_published_at"] and source["last_published_at"] > synced_at:
        return OUTDATED  # the source was published again since the last sync
    if published_at and published_at < synced_at:
        return OUTDATED  # synced, but what came in is not published yet
    return TRANSLATED


@dataclass
class Cell:
    locale: Locale
    status: str
    translation_id: int | None
    source_id: int | None  # wagtail-localize's TranslationSource, to sync from

    @property
    def label(self):
        return STATUS_LABELS[self.status]


def status_rows(source_pages, locales):
    """One row per source page: (page values, [Cell per locale]).

    Three queries, whatever the number of pages: the pages, their translations and
    their translation sources.
    """
    keys = source_pages.values("translation_key")
    page_type = ContentType.objects.get_for_model(Page)
    in_review = WorkflowState.objects.filter(
        base_content_type=page_type,
        object_id=Cast(OuterRef("pk"), CharField()),
        status=WorkflowState.STATUS_IN_PROGRESS,
    )
    translations = {
        (item["translation_key"], item["locale_id"]): item
        for item in Page.objects.filter(
            translation_key__in=keys, locale__in=locales
        ).values(
            "pk",
            "translation_key",
            "locale_id",
            "live",
            "last_published_at",
            "alias_of_id",
            in_review=Exists(in_review),
        )
    }
    synced = {
        key: (pk, last_updated_at)
        for key, pk, last_updated_at in TranslationSource.objects.filter(
            object_id__in=keys, locale=Locale.get_default()
        ).values_list("object_id", "pk", "last_updated_at")
    }
    rows = []
    for source in source_pages.values(
        "pk", "title", "translation_key", "last_published_at"
    ):
        source_id, synced_at = synced.get(source["translation_key"], (None, None))
        cells = []
        for locale in locales:
            translation = translations.get((source["translation_key"], locale.pk))
            cells.append(
                Cell(
                    locale,
                    cell_status(source, synced_at, translation),
                    translation["pk"] if translation else None,
                    source_id,
                )
            )
        rows.append((source, cells))
    return rows


class TranslationStatusView(WagtailAdminTemplateMixin, TemplateView):
    """The matrix, filterable by page type, with the share translated per language."""

    template_name = "pages/admin/translation_status.html"
    page_title = _("Translation status")
    header_icon = "site"

    def dispatch(self, request, *args, **kwargs):
        if not can_view_translation_status(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        locales = list(Locale.objects.exclude(pk=Locale.get_default().pk))
        pages = Page.objects.filter(locale=Locale.get_default(), depth__gt=1)
        page_type = self.request.GET.get("type", "")
        if page_type in WIKI_PAGE_TYPES:
            model = WIKI_PAGE_TYPES[page_type]
            pages = pages.filter(content_type=ContentType.objects.get_for_model(model))
        else:
            page_type = ""
        # Every row's status is worked out (a few plain values each), so that the
        # shares count all the pages, not only this screen's.
        rows = status_rows(pages.order_by("path"), locales)
        shares = []
        for index, locale in enumerate(locales):
            done = sum(cells[index].status == TRANSLATED for _page, cells in rows)
            shares.append((locale, round(100 * done / len(rows)) if rows else 0))
        context.update(
            locales=locales,
            shares=shares,
            screen=paginate(self.request, rows, PAGES_PER_SCREEN),
            type_choices=wiki_type_choices(),
            page_type=page_type,
        )
        return context


class SourceChangesView(RevisionsCompareView):
    """What changed in a French page since its translation into a locale was synced.

    Wagtail's revision comparison, from the source's revision published when
    wagtail-localize last read it to its live version; open to those who follow the
    translations, who may not edit the French page.
    """

    # Translators may not edit the French page: no edit or history button.
    edit_url_name = None
    history_url_name = None

    def setup(self, request, page_id, locale_code, *args, **kwargs):
        page = get_object_or_404(Page, pk=page_id)
        locale = get_object_or_404(Locale, language_code=locale_code)
        translation = page.get_translation_or_none(locale)
        if translation is None:
            raise Http404
        synced_at = (
            TranslationSource.objects.filter(
                object_id=page.translation_key, locale=page.locale
            )
            .values_list("last_updated_at", flat=True)
            .first()
        ) or translation.last_published_at
        published = (
            PageLogEntry.objects.filter(
                page=page,
                action="wagtail.publish",
                revision__isnull=False,
                timestamp__lte=synced_at,
            )
            .order_by("-timestamp", "-pk")
            .values_list("revision_id", flat=True)
            .first()
        )
        super().setup(request, page_id, published or "earliest", "live")

    def get_object(self, queryset=None):
        if not can_view_translation_status(self.request.user):
            raise PermissionDenied
        return get_object_or_404(Page, id=self.pk).specific

    def get_page_title(self):
        return _("Changes since the last translation sync")

    def get_breadcrumbs_items(self):
        return [
            {"url": reverse("wagtailadmin_home"), "label": _("Home")},
            {
                "url": reverse("atlas_translation_status"),
                "label": _("Translation status"),
            },
            {"url": "", "label": self.get_page_title(), "sublabel": str(self.object)},
        ]
