"""Two-factor sign-in with wagtail-2fa 1.8, mended for Wagtail 8 and django-otp 1.7.5.

wagtail-2fa gives the admin its TOTP device pages and the code form. Three changes:
its hooks import a class Wagtail 8 removed, its code form refuses every code since
django-otp 1.7.1, and it asks for no code unless two-factor is required for all.
"""

import sys
import types

import django_otp
from django import forms
from django.conf import settings
from django.urls import resolve
from django.utils.translation import gettext_lazy as _
from django_otp.models import Device
from wagtail_2fa import forms as wagtail_2fa_forms
from wagtail_2fa import views as wagtail_2fa_views
from wagtail_2fa.middleware import VerifyUserMiddleware


def provide_wagtail_users_widgets():
    """Give wagtail-2fa's admin hooks the module they import, gone in Wagtail 8.

    They import UserListingButton from wagtail.users.widgets, which became
    wagtail.admin.widgets.ListingButton (deprecated in Wagtail 7.1, removed in 8):
    https://github.com/labd/wagtail-2fa/issues/283. Called by AtlasConfig.ready():
    "atlas" comes first in INSTALLED_APPS, so this runs before any hook is loaded.
    """
    try:
        import wagtail.users.widgets  # noqa: F401
    except ModuleNotFoundError:
        from wagtail.admin.widgets import ListingButton

        module = types.ModuleType("wagtail.users.widgets")
        module.UserListingButton = ListingButton
        sys.modules["wagtail.users.widgets"] = module


class TokenForm(wagtail_2fa_forms.TokenForm):
    """wagtail-2fa's code form, which says which device the code comes from.

    Since 1.7.1 django-otp checks a code against the chosen device only (trying each
    device counted a failure against the others), and wagtail-2fa's form chooses
    none, so every code was refused: https://github.com/labd/wagtail-2fa/issues/284.
    A user with one device needs no choice; with several, they pick one.
    """

    def __init__(self, user, *args, **kwargs):
        super().__init__(user, *args, **kwargs)
        # wagtail-2fa leaves the field unlabelled ("Otp token"), untranslated.
        self.fields["otp_token"].label = _("Code from your authentication app")
        self.fields["otp_token"].widget.attrs.update(
            {"autocomplete": "one-time-code", "inputmode": "numeric"}
        )
        self.devices = list(django_otp.devices_for_user(user, confirmed=True))
        if len(self.devices) > 1:
            self.fields["otp_device"] = forms.ChoiceField(
                label=_("Device"),
                choices=[(each.persistent_id, each.name) for each in self.devices],
            )

    @property
    def extra_fields(self):
        """The fields wagtail-2fa's template shows after the code."""
        return [(name, self[name]) for name in self.fields if name != "otp_token"]

    def _chosen_device(self, user):
        device = super()._chosen_device(user)
        if device is None and len(self.devices) == 1:
            # Locked for the check, as django-otp loads a chosen device, so that one
            # code sent twice at once passes only once.
            device = Device.from_persistent_id(
                self.devices[0].persistent_id, for_verify=True
            )
        return device


class LoginView(wagtail_2fa_views.LoginView):
    form_class = TokenForm


class TwoFactorMiddleware(VerifyUserMiddleware):
    """wagtail-2fa's, which also asks for the code when two-factor is optional.

    wagtail-2fa asks nobody for a code unless WAGTAIL_2FA_REQUIRED is on: a device
    someone added to protect their account would protect nothing. Here whoever has a
    confirmed device is sent to the code form, except on the pages that form needs.
    """

    def _require_verified_user(self, request):
        if settings.WAGTAIL_2FA_REQUIRED:
            return super()._require_verified_user(request)
        user = request.user
        return (
            user.is_authenticated
            and not user.is_verified()
            and django_otp.user_has_device(user, confirmed=True)
            and resolve(request.path_info).url_name not in self._allowed_url_names
        )
