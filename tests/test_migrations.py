"""The data migration that creates the home pages can run again without harm."""

import importlib

import pytest
from django.apps import apps as global_apps
from django.db import connection
from wagtail.models import Page, Site

pytestmark = pytest.mark.django_db

create_home_pages = importlib.import_module(
    "pages.migrations.0002_create_home_pages"
).create_home_pages


def test_creating_home_pages_again_changes_nothing(home_fr, home_en):
    before = list(Page.objects.values_list("pk", "path", "translation_key"))

    create_home_pages(global_apps, connection.schema_editor())

    assert list(Page.objects.values_list("pk", "path", "translation_key")) == before
    assert Site.objects.get().root_page_id == home_fr.pk


def test_missing_english_home_is_recreated_as_a_translation(home_fr, home_en):
    home_en.delete()

    create_home_pages(global_apps, connection.schema_editor())

    english = home_fr.get_translation_or_none(home_en.locale)
    assert english is not None and english.live
    assert Page.objects.get(depth=1).numchild == 2


def test_home_pages_leave_a_sound_tree(home_fr, home_en):
    home_en.delete()
    create_home_pages(global_apps, connection.schema_editor())

    assert all(problems == [] for problems in Page.find_problems())
