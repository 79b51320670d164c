"""An editor sets a page's coordinates by clicking the small map in the editor."""

import re

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from tests.factories import PAGE_TYPES

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_a_click_on_the_map_fills_the_coordinates(page, restored_site, home_fr):
    get_user_model().objects.create_superuser("editrice", password="pw-editor-2026")
    page_factory, index_factory = PAGE_TYPES["commons"]
    commons = page_factory(parent=index_factory(parent=home_fr), title="Jardin")
    page.route(re.compile(r"tile\.openstreetmap\.org"), lambda route: route.abort())

    page.goto(f"/admin/pages/{commons.pk}/edit/")
    page.get_by_label("Nom d’utilisateur").fill("editrice")
    page.locator("#id_password").fill("pw-editor-2026")
    page.locator("#id_password").press("Enter")

    latitude = page.get_by_role("spinbutton", name="Latitude")
    expect(latitude).to_have_value("")
    picker = page.locator(".location-picker__map")
    picker.scroll_into_view_if_needed()
    picker.click(position={"x": 150, "y": 100})

    expect(latitude).to_have_value(re.compile(r"^-?\d+(\.\d+)?$"))
    typed = latitude.input_value()
    assert -90 <= float(typed) <= 90
    longitude = page.get_by_role("spinbutton", name="Longitude").input_value()
    expect(picker.locator(".leaflet-marker-icon")).to_have_count(1)

    page.get_by_role("button", name="Enregistrer le brouillon").click()
    expect(page.locator(".messages")).to_contain_text("a été mise à jour")
    draft = type(commons).objects.get(pk=commons.pk).get_latest_revision_as_object()
    assert (draft.latitude, draft.longitude) == (float(typed), float(longitude))
