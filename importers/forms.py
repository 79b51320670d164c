"""The admin's form to start an import: format, file, mapping, publication."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.permission_policies.pages import PagePermissionPolicy

from importers.mapping import MappingError, load_mapping
from importers.models import ImportRun
from importers.registry import PARSERS

FORMAT_LABELS = {
    "gogocarto": _("GoGoCarto (JSON export)"),
    "geojson": _("GeoJSON (uMap…)"),
    "csv": _("CSV"),
    "bazar": _("YesWiki Bazar (JSON)"),
    "mediawiki": _("MediaWiki (XML dump)"),
}


def format_choices():
    # Read at each form: formats are added to the registry as they are written.
    return [(name, FORMAT_LABELS.get(name, name)) for name in PARSERS]


class NewImportForm(forms.Form):
    format = forms.ChoiceField(label=_("Format"), choices=format_choices)
    file = forms.FileField(
        label=_("File"),
        help_text=_(
            "The export of the source. If the form comes back with an error, "
            "choose the file again: browsers do not keep it."
        ),
    )
    mapping = forms.CharField(
        label=_("Mapping"),
        widget=forms.Textarea(attrs={"rows": 20, "spellcheck": "false"}),
        help_text=_(
            "YAML: which page type each record becomes and which source field "
            "feeds which page field (see the README, “Importing existing knowledge”)."
        ),
    )
    publish = forms.BooleanField(
        label=_("Publish directly"),
        required=False,
        help_text=_(
            "Otherwise each page is saved as a draft and submitted to the "
            "moderators' review."
        ),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_publish(self):
        publish = self.cleaned_data["publish"]
        if publish and not can_publish(self.user):
            raise ValidationError(_("You may not publish pages."))
        return publish

    def clean_mapping(self):
        text = self.cleaned_data["mapping"]
        try:
            self.loaded_mapping = load_mapping(text)
        except MappingError as error:
            raise ValidationError(error.errors) from None
        return text

    def save_dry_run(self, user):
        """The dry run of this upload, queued for the task; the file stored on it."""
        upload = self.cleaned_data["file"]
        return ImportRun.objects.create(
            source=self.loaded_mapping.source,
            format=self.cleaned_data["format"],
            file_name=upload.name[:255],
            file=upload,
            mapping=self.cleaned_data["mapping"],
            user=user,
            publish=self.cleaned_data["publish"],
            dry_run=True,
        )


def can_publish(user):
    """Publishing an import publishes pages: for those who may publish pages."""
    return PagePermissionPolicy().user_has_permission(user, "publish")


def previous_mappings():
    """The last run of each (source, format), whose mapping may be started from."""
    latest = {}
    for run in ImportRun.objects.filter(status=ImportRun.DONE).only(
        "pk", "source", "format", "started_at"
    ):  # newest first (Meta.ordering)
        latest.setdefault((run.source, run.format), run)
    return sorted(latest.values(), key=lambda run: (run.source, run.format))
