"""Coordinates: in range, both or neither, errors on the field that is wrong."""

import pytest
from django.core.exceptions import ValidationError

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("latitude", "longitude", "field"),
    [
        (91, 2.0, "latitude"),
        (-90.5, 2.0, "latitude"),
        (48.0, 180.1, "longitude"),
        (48.0, -181, "longitude"),
        (48.0, None, "longitude"),
        (None, 2.0, "latitude"),
    ],
)
def test_bad_coordinates_are_refused_on_the_right_field(
    make_page, latitude, longitude, field
):
    page = make_page("commons", title="Jardin partagé")
    page.latitude, page.longitude = latitude, longitude

    with pytest.raises(ValidationError) as error:
        page.full_clean()

    assert field in error.value.message_dict


@pytest.mark.parametrize(
    ("latitude", "longitude"), [(48.8156, 2.3849), (None, None), (-90, 180)]
)
def test_good_coordinates_are_accepted(make_page, latitude, longitude):
    page = make_page("actor", title="Mairie")
    page.latitude, page.longitude = latitude, longitude

    page.full_clean()


def test_both_or_neither_message_is_clear(make_page):
    page = make_page("event", title="Forum")
    page.latitude = 50.63

    with pytest.raises(ValidationError) as error:
        page.full_clean()

    assert error.value.message_dict["longitude"] == [
        "Indiquez la latitude et la longitude, ou aucune des deux."
    ]
