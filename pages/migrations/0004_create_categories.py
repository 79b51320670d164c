"""Create the four domains of the commons as categories, in French and English.

Idempotent: a category whose slug exists in a locale is left as editors made it.
"""

import uuid

from django.db import migrations

CATEGORIES = [
    {
        "slug": "connaissance",
        "fr": ("Communs de la connaissance", "Savoirs, logiciels, données, culture et éducation partagés."),
        "en": ("Knowledge commons", "Shared knowledge, software, data, culture and education."),
    },
    {
        "slug": "ressources-naturelles",
        "fr": ("Communs des ressources naturelles", "Terres, forêts, eau, semences et biodiversité gérées ensemble."),
        "en": ("Natural resource commons", "Land, forests, water, seeds and biodiversity managed together."),
    },
    {
        "slug": "espace-public",
        "fr": ("Communs de l’espace public", "Lieux, rues, jardins et équipements ouverts et gouvernés par leurs usagers."),
        "en": ("Public space commons", "Places, streets, gardens and facilities open to and governed by their users."),
    },
    {
        "slug": "sante-bien-vivre",
        "fr": ("Communs de la santé et du bien vivre", "Soin, alimentation, habitat et solidarités."),
        "en": ("Health and well-being commons", "Care, food, housing and solidarity."),
    },
]


def create_categories(apps, schema_editor):
    Locale = apps.get_model("wagtailcore.Locale")
    Category = apps.get_model("pages.Category")
    locales = {code: Locale.objects.get_or_create(language_code=code)[0] for code in ("fr", "en")}
    for values in CATEGORIES:
        source = Category.objects.filter(slug=values["slug"], locale=locales["fr"]).first()
        translation_key = source.translation_key if source else uuid.uuid4()
        for code, locale in locales.items():
            name, description = values[code]
            Category.objects.get_or_create(
                slug=values["slug"],
                locale=locale,
                defaults={
                    "name": name,
                    "description": description,
                    "translation_key": translation_key,
                },
            )


class Migration(migrations.Migration):
    dependencies = [("pages", "0003_content_model")]

    operations = [migrations.RunPython(create_categories, migrations.RunPython.noop)]
