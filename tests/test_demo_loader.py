"""The demo loader: starts over on request, fails whole on bad data."""

import pytest
import yaml
from django.core.management import CommandError, call_command
from wagtail.models import Page

from pages import demo_loader, models

pytestmark = pytest.mark.django_db


def test_reset_starts_over(home_fr):
    call_command("load_demo", verbosity=0)
    commons = models.CommonsPage.objects.get(
        slug="coop-communs", locale__language_code="fr"
    )

    call_command("load_demo", "--reset", verbosity=0)

    assert not models.CommonsPage.objects.filter(pk=commons.pk).exists()
    assert models.CommonsPage.objects.filter(slug="coop-communs").exists()


def demo_copy_with(tmp_path, monkeypatch, file_name, change):
    """Point the loader at a copy of the demo data where `change` edited one file."""
    for data_file in demo_loader.DEMO_DIR.glob("*.yaml"):
        (tmp_path / data_file.name).write_text(data_file.read_text(encoding="utf-8"))
    data = yaml.safe_load((tmp_path / file_name).read_text(encoding="utf-8"))
    change(data)
    (tmp_path / file_name).write_text(yaml.safe_dump(data, allow_unicode=True))
    monkeypatch.setattr(demo_loader, "DEMO_DIR", tmp_path)


def entry(data, slug):
    return next(item for item in data if item["slug"] == slug)


def test_bad_data_names_the_file_and_entry_and_writes_nothing(
    home_fr, monkeypatch, tmp_path
):
    demo_copy_with(
        tmp_path,
        monkeypatch,
        "events.yaml",
        lambda data: entry(data, "roumics-2014").update(start_date="2014-02-30"),
    )
    pages_before = Page.objects.count()

    with pytest.raises(CommandError) as error:
        call_command("load_demo", verbosity=0)

    assert "events.yaml, entry 'roumics-2014'" in str(error.value)
    assert "30" in str(error.value)
    assert Page.objects.count() == pages_before


def test_unknown_relation_is_reported(home_fr, monkeypatch, tmp_path):
    demo_copy_with(
        tmp_path,
        monkeypatch,
        "texts.yaml",
        lambda data: entry(data, "rapport-societe-de-la-cooperation")["lineage"].append(
            {"kind": "cites", "text": "loi-inconnue"}
        ),
    )

    with pytest.raises(CommandError, match="no texts page with slug 'loi-inconnue'"):
        call_command("load_demo", verbosity=0)
    assert not models.TextPage.objects.exists()


def test_a_slug_used_twice_is_refused(home_fr, monkeypatch, tmp_path):
    demo_copy_with(
        tmp_path,
        monkeypatch,
        "actors-notions.yaml",
        lambda data: data.append({**data[0], "slug": "anis"}),
    )

    with pytest.raises(CommandError, match="slug already used"):
        call_command("load_demo", verbosity=0)
