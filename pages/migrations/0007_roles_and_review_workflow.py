"""Create the groups Editors, Moderators and Translators and the "Relecture" workflow.

Idempotent (see pages/roles.py). The reverse keeps them: groups may hold users by then.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

from pages.roles import set_up_roles


def create_missing_permissions(apps):
    # Django creates model permissions after the whole migrate run (post_migrate); on a
    # fresh database this migration needs pages.change_category and the others now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None


def create_roles(apps, schema_editor):
    create_missing_permissions(apps)
    set_up_roles(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("pages", "0006_map_page"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
    ]

    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
