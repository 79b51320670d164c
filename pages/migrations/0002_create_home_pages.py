"""Create the locales fr and en, the French home page and its English translation.

Runs on every new install and is idempotent: an existing home page in a locale is kept.
Historical models only, so later model changes never break this migration.
"""

import uuid

from django.db import migrations

STEPLEN = 4
ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"

HOME_PAGES = {
    "fr": {"title": "Atlas des communs", "slug": "home"},
    "en": {"title": "Atlas of the commons", "slug": "home-en"},
}


def next_child_path(root, Page):
    """The treebeard path of a new last child of root (django-treebeard's MP_Node)."""
    last = (
        Page.objects.filter(path__startswith=root.path, depth=root.depth + 1)
        .order_by("-path")
        .values_list("path", flat=True)
        .first()
    )
    number = 1
    if last:
        number = int(last[-STEPLEN:], 36) + 1
    digits = ""
    while number:
        number, remainder = divmod(number, 36)
        digits = ALPHABET[remainder] + digits
    return root.path + digits.rjust(STEPLEN, "0")


def create_home_pages(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Locale = apps.get_model("wagtailcore.Locale")
    Page = apps.get_model("wagtailcore.Page")
    Site = apps.get_model("wagtailcore.Site")
    HomePage = apps.get_model("pages.HomePage")

    locales = {
        code: Locale.objects.get_or_create(language_code=code)[0] for code in HOME_PAGES
    }
    home_type, _ = ContentType.objects.get_or_create(app_label="pages", model="homepage")
    root = Page.objects.get(depth=1)

    # Wagtail's initial migration leaves a placeholder "Welcome" page: replace it.
    Page.objects.filter(
        depth=2,
        content_type__app_label="wagtailcore",
        content_type__model="page",
        numchild=0,
    ).delete()

    french_home = HomePage.objects.filter(locale=locales["fr"], depth=2).first()
    translation_key = french_home.translation_key if french_home else uuid.uuid4()
    for code, values in HOME_PAGES.items():
        if HomePage.objects.filter(locale=locales[code], depth=2).exists():
            continue
        HomePage.objects.create(
            title=values["title"],
            draft_title=values["title"],
            slug=values["slug"],
            content_type=home_type,
            path=next_child_path(root, Page),
            depth=2,
            numchild=0,
            url_path=f"/{values['slug']}/",
            locale=locales[code],
            translation_key=translation_key,
            live=True,
            has_unpublished_changes=False,
        )
        root.numchild = Page.objects.filter(depth=2).count()
        root.save(update_fields=["numchild"])

    french_home = HomePage.objects.get(locale=locales["fr"], depth=2)
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost",
            port=80,
            site_name="Atlas des communs",
            root_page_id=french_home.pk,
            is_default_site=True,
        )
    elif site.root_page_id != french_home.pk:
        site.root_page_id = french_home.pk
        site.site_name = site.site_name or "Atlas des communs"
        site.save()


class Migration(migrations.Migration):
    dependencies = [
        ("pages", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.RunPython(create_home_pages, migrations.RunPython.noop),
    ]
