"""The admin's "Imports" menu item and its views (importers/views.py)."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from importers import views

urlpatterns = [
    path("", views.ImportRunIndexView.as_view(), name="index"),
    path("new/", views.NewImportView.as_view(), name="new"),
    path("<int:pk>/", views.ImportRunView.as_view(), name="run"),
    path("<int:pk>/status/", views.ImportRunStatusView.as_view(), name="status"),
    path("<int:pk>/import/", views.StartImportView.as_view(), name="start"),
]


@hooks.register("register_admin_urls")
def register_import_urls():
    return [
        path("imports/", include((urlpatterns, "importers"), namespace="importers"))
    ]


class ImportsMenuItem(MenuItem):
    def is_shown(self, request):
        return views.can_import(request.user)


@hooks.register("register_admin_menu_item")
def register_imports_menu_item():
    # After Snippets (500), before Reports (9000).
    return ImportsMenuItem(
        _("Imports"), reverse("importers:index"), icon_name="upload", order=600
    )
