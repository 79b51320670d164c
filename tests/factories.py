"""Factories for synthetic wiki content (tests and benchmarks)."""

import factory
import wagtail_factories
from wagtail.models import Locale

from pages import models
from timeline.fuzzy_date import FuzzyDate
from timeline.models import ChronologyPage, GenealogyPage


class CategoryFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Catégorie {n}")
    slug = factory.Sequence(lambda n: f"categorie-{n}")
    locale = factory.LazyFunction(Locale.get_default)

    class Meta:
        model = models.Category


class WikiPageFactory(wagtail_factories.PageFactory):
    """Shared defaults; `parent` must be given (an index page of the right type)."""

    title = factory.Sequence(lambda n: f"Page {n}")
    summary = factory.LazyAttribute(lambda page: f"Résumé de {page.title}.")

    class Meta:
        abstract = True


class CommonsPageFactory(WikiPageFactory):
    status = "active"
    founded = FuzzyDate(2015)
    commune = "Lille"
    region = "hauts-de-france"

    class Meta:
        model = models.CommonsPage


class ChamberPageFactory(WikiPageFactory):
    founded = FuzzyDate(2016)

    class Meta:
        model = models.ChamberPage


class ActorPageFactory(WikiPageFactory):
    kind = "association"

    class Meta:
        model = models.ActorPage


class ConceptPageFactory(WikiPageFactory):
    definition = factory.LazyAttribute(lambda page: f"Définition de {page.title}.")

    class Meta:
        model = models.ConceptPage


class EventPageFactory(WikiPageFactory):
    kind = "forum"
    start_date = FuzzyDate(2019, 10)

    class Meta:
        model = models.EventPage


class TextPageFactory(WikiPageFactory):
    kind = "manifesto"
    date = FuzzyDate(2017)

    class Meta:
        model = models.TextPage


class StandardPageFactory(wagtail_factories.PageFactory):
    title = "À propos"

    class Meta:
        model = models.StandardPage


def index_factory(model, default_title):
    return type(
        f"{model.__name__}Factory",
        (wagtail_factories.PageFactory,),
        {"title": default_title, "Meta": type("Meta", (), {"model": model})},
    )


CommonsIndexPageFactory = index_factory(models.CommonsIndexPage, "Communs")
ChambersIndexPageFactory = index_factory(
    models.ChambersIndexPage, "Chambres des communs"
)
ActorsIndexPageFactory = index_factory(models.ActorsIndexPage, "Acteurs")
ConceptsIndexPageFactory = index_factory(models.ConceptsIndexPage, "Glossaire")
EventsIndexPageFactory = index_factory(models.EventsIndexPage, "Événements")
TextsIndexPageFactory = index_factory(models.TextsIndexPage, "Textes")

# Each page type with the factory of its page and of its index.
PAGE_TYPES = {
    "commons": (CommonsPageFactory, CommonsIndexPageFactory),
    "chamber": (ChamberPageFactory, ChambersIndexPageFactory),
    "actor": (ActorPageFactory, ActorsIndexPageFactory),
    "concept": (ConceptPageFactory, ConceptsIndexPageFactory),
    "event": (EventPageFactory, EventsIndexPageFactory),
    "text": (TextPageFactory, TextsIndexPageFactory),
}


def publish_child(parent, page):
    """Add `page` under `parent` and publish it, as an editor would; returns it."""
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def publish_views(home):
    """The chronology, genealogy and map pages under `home`, published."""
    return {
        "chronology": publish_child(
            home, ChronologyPage(title="Chronologie", slug="chronologie")
        ),
        "genealogy": publish_child(
            home, GenealogyPage(title="Généalogie", slug="genealogie")
        ),
        "map": publish_child(home, models.MapPage(title="Carte", slug="carte")),
    }
