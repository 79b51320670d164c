"""The tree keeps its shape: each page type only where it belongs."""

import pytest
from wagtail.test.utils import WagtailPageTestCase

from pages import models
from timeline.models import ChronologyPage, GenealogyPage

INDEX_OF = {
    models.CommonsPage: models.CommonsIndexPage,
    models.ChamberPage: models.ChambersIndexPage,
    models.ActorPage: models.ActorsIndexPage,
    models.ConceptPage: models.ConceptsIndexPage,
    models.EventPage: models.EventsIndexPage,
    models.TextPage: models.TextsIndexPage,
}


class TestTreeShape(WagtailPageTestCase):
    def test_each_page_type_lives_only_under_its_index(self):
        for page_type, index_type in INDEX_OF.items():
            with self.subTest(page_type=page_type.__name__):
                self.assertAllowedParentPageTypes(page_type, {index_type})

    def test_each_index_holds_only_its_page_type(self):
        for page_type, index_type in INDEX_OF.items():
            with self.subTest(index_type=index_type.__name__):
                self.assertAllowedSubpageTypes(index_type, {page_type})

    def test_indexes_standard_and_timeline_pages_go_under_home(self):
        self.assertAllowedSubpageTypes(
            models.HomePage,
            {
                *INDEX_OF.values(),
                models.StandardPage,
                models.MapPage,
                ChronologyPage,
                GenealogyPage,
            },
        )

    def test_timeline_pages_have_no_children(self):
        self.assertAllowedSubpageTypes(ChronologyPage, set())
        self.assertAllowedSubpageTypes(GenealogyPage, set())

    def test_content_pages_have_no_children(self):
        for page_type in INDEX_OF:
            with self.subTest(page_type=page_type.__name__):
                self.assertAllowedSubpageTypes(page_type, set())


@pytest.mark.django_db
def test_an_index_exists_once_per_home(home_fr, indexes):
    assert not models.CommonsIndexPage.can_create_at(home_fr)
    assert models.StandardPage.can_create_at(home_fr)
