"""Admin registrations of the pages app."""

from django.core.exceptions import PermissionDenied
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.models import Page
from wagtail.snippets.models import register_snippet
from wagtail.snippets.permissions import user_can_edit_snippet_type
from wagtail.snippets.views.snippets import SnippetViewSet
from wagtail_localize.views.update_translations import UpdateTranslationsView

from atlas import page_cache
from pages.deleted_pages import RESTORE_ACTION
from pages.deleted_pages_admin import (
    DeletedPagesView,
    DeletedPageView,
    RestoreDeletedPageView,
    can_manage_deleted_pages,
)
from pages.models.snippets import Category
from pages.translation_locks import (
    guarded_urls,
    lock_message,
    refuse_locked_translation_edit,
)
from pages.translation_status import (
    SourceChangesView,
    TranslationStatusView,
    can_view_translation_status,
)
from pages.visibility import is_public


class CategoryViewSet(SnippetViewSet):
    """Categories under Snippets; the Moderators group may add and edit them."""

    model = Category
    icon = "tag"
    list_display = ["name", "slug", "locale"]


register_snippet(CategoryViewSet)


class ReviewedUpdateTranslationsView(UpdateTranslationsView):
    """wagtail-localize's "Sync translated pages" with a checked "Publish immediately".

    wagtail-localize only asks for its submit_translation permission there, so a
    translator could publish every translation of a page without review: refused to
    whoever may not publish each of them, or when one is locked for them.
    """

    def form_valid(self, form):
        if form.cleaned_data["publish_translations"] and not self.may_publish_all():
            raise PermissionDenied
        return super().form_valid(form)

    def may_publish_all(self):
        user = self.request.user
        for translation in self.object.translations.filter(enabled=True):
            target = translation.get_target_instance()
            if isinstance(target, Page):
                allowed = target.permissions_for_user(user).can_publish() and (
                    lock_message(user, target) is None
                )
            else:  # snippets without drafts: saving them publishes them
                allowed = user_can_edit_snippet_type(user, type(target))
            if not allowed:
                return False
        return True


@hooks.register("register_admin_urls")
def register_reviewed_translation_sync():
    # The same address as wagtail-localize's view: "pages" comes before
    # "wagtail_localize" in INSTALLED_APPS, so this hook's pattern is matched first.
    return [
        path(
            "localize/update/<int:translation_source_id>/",
            ReviewedUpdateTranslationsView.as_view(),
            name="atlas_update_translations",
        ),
        # The translation editor's string-edit endpoints, refused on locked pages.
        *guarded_urls(),
    ]


@hooks.register("before_serve_page")
def cache_public_page(page, request, serve_args, serve_kwargs):
    """Let the page cache keep what anonymous visitors see of a public page."""
    url_parts = page.get_url_parts(request)
    if url_parts and is_public(page):
        page_cache.mark_page_cacheable(request, page, url_parts[2])


# Before wagtail-localize's own before_edit_page hook, which answers its editor's
# posts (publish, start synced translation) without looking at the page's lock.
hooks.register("before_edit_page", refuse_locked_translation_edit, order=-1)


@hooks.register("register_admin_urls")
def register_translation_status():
    return [
        path(
            "translation-status/",
            TranslationStatusView.as_view(),
            name="atlas_translation_status",
        ),
        path(
            "translation-status/<int:page_id>/changes/<str:locale_code>/",
            SourceChangesView.as_view(),
            name="atlas_translation_changes",
        ),
    ]


class TranslationStatusMenuItem(MenuItem):
    def is_shown(self, request):
        return can_view_translation_status(request.user)


@hooks.register("register_reports_menu_item")
def register_translation_status_menu_item():
    return TranslationStatusMenuItem(
        _("Translation status"),
        reverse("atlas_translation_status"),
        icon_name="site",
        order=50,
    )


@hooks.register("register_admin_urls")
def register_deleted_pages():
    return [
        path("deleted-pages/", DeletedPagesView.as_view(), name="atlas_deleted_pages"),
        path(
            "deleted-pages/<int:pk>/",
            DeletedPageView.as_view(),
            name="atlas_deleted_page",
        ),
        path(
            "deleted-pages/<int:pk>/restore/",
            RestoreDeletedPageView.as_view(),
            name="atlas_restore_deleted_page",
        ),
    ]


class DeletedPagesMenuItem(MenuItem):
    def is_shown(self, request):
        return can_manage_deleted_pages(request.user)


@hooks.register("register_reports_menu_item")
def register_deleted_pages_menu_item():
    return DeletedPagesMenuItem(
        _("Deleted pages"), reverse("atlas_deleted_pages"), icon_name="bin", order=60
    )


@hooks.register("register_log_actions")
def register_restore_action(actions):
    actions.register_action(
        RESTORE_ACTION, _("Restore deleted page"), _("Restored after deletion")
    )
