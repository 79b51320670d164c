"""The demo atlas as loaded: every page type, idempotent, every page answers."""

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import TestCase
from wagtail.models import Page

from pages import demo_loader, models

PAGE_MODELS = [model for model, _index in demo_loader.KINDS.values()]


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo atlas, loaded once for this module and rolled back after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        load_demo()
        yield
        transaction.set_rollback(True)


def load_demo():
    """Run the command as on a real database, where on_commit work (search index,
    translation publishing) runs; inside a test's transaction it would not."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        call_command("load_demo", verbosity=0)


pytestmark = pytest.mark.django_db


def test_demo_has_pages_of_every_type(demo):
    for model in PAGE_MODELS:
        assert model.objects.live().exists(), model.__name__


def test_demo_load_is_idempotent(demo):
    pages_before = Page.objects.count()
    revisions_before = sum(page.revisions.count() for page in Page.objects.all())

    load_demo()

    assert Page.objects.count() == pages_before
    assert (
        sum(page.revisions.count() for page in Page.objects.all()) == revisions_before
    )


def test_demo_relations_are_set(demo):
    commons = models.CommonsPage.objects.get(
        slug="coop-communs", locale__language_code="fr"
    )
    assert commons.latitude == pytest.approx(48.8156)
    chamber = models.ChamberPage.objects.get(
        slug="chambre-des-communs-de-lille", locale__language_code="fr"
    )
    assert chamber.governance_groups.count() == 3
    event = models.EventPage.objects.get(
        slug="roumics-2014", locale__language_code="fr"
    )
    assert {link.actor.slug for link in event.organiser_links.all()} == {
        "anis",
        "collectif-catalyst",
    }
    report = models.TextPage.objects.get(
        slug="rapport-societe-de-la-cooperation", locale__language_code="fr"
    )
    assert "loi-ess-2014" in {link.target.slug for link in report.lineage_links.all()}


def test_every_demo_page_answers_on_the_site_and_in_the_admin(
    demo, admin_client, client
):
    for page in Page.objects.filter(depth__gt=1).live().specific():
        assert client.get(page.url).status_code == 200, page.url
        edit = admin_client.get(f"/admin/pages/{page.pk}/edit/")
        assert edit.status_code == 200, page.url
