"""The demo atlas: loads every page type, runs again without duplicates, fails whole."""

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Page

from pages import demo_loader, models

pytestmark = pytest.mark.django_db

PAGE_MODELS = [model for model, _index in demo_loader.KINDS.values()]


@pytest.fixture
def demo(home_fr):
    call_command("load_demo", verbosity=0)


def test_demo_has_pages_of_every_type(demo):
    for model in PAGE_MODELS:
        assert model.objects.live().exists(), model.__name__


def test_demo_load_is_idempotent(demo):
    pages_before = Page.objects.count()
    revisions_before = sum(page.revisions.count() for page in Page.objects.all())

    call_command("load_demo", verbosity=0)

    assert Page.objects.count() == pages_before
    assert (
        sum(page.revisions.count() for page in Page.objects.all()) == revisions_before
    )


def test_demo_relations_are_set(demo):
    commons = models.CommonsPage.objects.get(slug="coop-communs")
    assert commons.latitude == pytest.approx(48.8156)
    chamber = models.ChamberPage.objects.get(slug="chambre-des-communs-de-lille")
    assert chamber.governance_groups.count() == 3
    event = models.EventPage.objects.get(slug="roumics-2014")
    assert {link.actor.slug for link in event.organiser_links.all()} == {
        "anis",
        "collectif-catalyst",
    }
    report = models.TextPage.objects.get(slug="rapport-societe-de-la-cooperation")
    assert report.lineage_links.get().target.slug == "loi-ess-2014"


def test_every_demo_page_answers_on_the_site_and_in_the_admin(
    demo, admin_client, client
):
    for page in Page.objects.filter(depth__gt=1).live().specific():
        assert client.get(page.url).status_code == 200, page.url
        edit = admin_client.get(f"/admin/pages/{page.pk}/edit/")
        assert edit.status_code == 200, page.url


def test_reset_starts_over(demo):
    commons = models.CommonsPage.objects.get(slug="coop-communs")

    call_command("load_demo", "--reset", verbosity=0)

    assert not models.CommonsPage.objects.filter(pk=commons.pk).exists()
    assert models.CommonsPage.objects.filter(slug="coop-communs").exists()


def test_bad_data_names_the_file_and_entry_and_writes_nothing(
    home_fr, monkeypatch, tmp_path
):
    for data_file in demo_loader.DEMO_DIR.glob("*.yaml"):
        (tmp_path / data_file.name).write_text(data_file.read_text(encoding="utf-8"))
    events = (tmp_path / "events.yaml").read_text(encoding="utf-8")
    (tmp_path / "events.yaml").write_text(
        events.replace('start_date: "2014"', 'start_date: "2014-02-30"'),
        encoding="utf-8",
    )
    monkeypatch.setattr(demo_loader, "DEMO_DIR", tmp_path)
    pages_before = Page.objects.count()

    with pytest.raises(CommandError) as error:
        call_command("load_demo", verbosity=0)

    assert "events.yaml, entry 'roumics-2014'" in str(error.value)
    assert Page.objects.count() == pages_before


def test_unknown_relation_is_reported(home_fr, monkeypatch, tmp_path):
    for data_file in demo_loader.DEMO_DIR.glob("*.yaml"):
        (tmp_path / data_file.name).write_text(data_file.read_text(encoding="utf-8"))
    texts = (tmp_path / "texts.yaml").read_text(encoding="utf-8")
    (tmp_path / "texts.yaml").write_text(
        texts.replace("text: loi-ess-2014", "text: loi-inconnue"), encoding="utf-8"
    )
    monkeypatch.setattr(demo_loader, "DEMO_DIR", tmp_path)

    with pytest.raises(CommandError, match="no texts page with slug 'loi-inconnue'"):
        call_command("load_demo", verbosity=0)
    assert not models.TextPage.objects.exists()
