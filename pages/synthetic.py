"""A synthetic atlas for benchmarks and load tests: many plausible, linked pages.

`generate_atlas(count, seed=…)` adds `count` pages spread over every wiki page type
under the French index pages (made as the demo makes them when missing), all
published, several times each, with typed relations, body links to one another,
dates, places in France, categories and themes; a fraction also gets an English
translation through wagtail-localize. The same seed gives the same content; slugs
get a number that no page under the index has yet, so a second run only adds pages.

Speed: pages are first added to the tree bare, then filled and published in a second
pass (relations need every page to exist), in transactions of a few hundred pages.
The search index is not updated page by page but in bulk at the end.
"""

import random
import time
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.text import slugify
from wagtail.models import Locale, Page
from wagtail.rich_text import RichText

from pages import models
from pages.bulk_indexing import batches, index_pages, indexes_deferred, no_progress
from pages.cache_invalidation import invalidated_once_at_the_end
from pages.demo_loader import DemoLoader, read_data_file
from pages.demo_translations import translate_page
from pages.models.choices import (
    ActorKind,
    ConceptRelationKind,
    EventKind,
    LineageKind,
    Status,
    TextKind,
)
from pages.page_types import WIKI_PAGE_TYPES
from timeline.fuzzy_date import FuzzyDate

# The demo loader's kind (its data files' names) of each page type.
DEMO_KINDS = {
    "commons": "commons",
    "chamber": "chambers",
    "actor": "actors",
    "concept": "concepts",
    "event": "events",
    "text": "texts",
}

# Commune, département, région, postcode, latitude, longitude.
PLACES = [
    ("Rennes", "Ille-et-Vilaine", "bretagne", "35000", 48.117, -1.678),
    ("Brest", "Finistère", "bretagne", "29200", 48.390, -4.486),
    ("Nantes", "Loire-Atlantique", "pays-de-la-loire", "44000", 47.218, -1.554),
    ("Angers", "Maine-et-Loire", "pays-de-la-loire", "49000", 47.478, -0.563),
    ("Lille", "Nord", "hauts-de-france", "59000", 50.629, 3.057),
    ("Amiens", "Somme", "hauts-de-france", "80000", 49.894, 2.296),
    ("Rouen", "Seine-Maritime", "normandie", "76000", 49.443, 1.099),
    ("Caen", "Calvados", "normandie", "14000", 49.182, -0.370),
    ("Paris", "Paris", "ile-de-france", "75011", 48.857, 2.379),
    ("Montreuil", "Seine-Saint-Denis", "ile-de-france", "93100", 48.862, 2.443),
    ("Ivry-sur-Seine", "Val-de-Marne", "ile-de-france", "94200", 48.816, 2.385),
    ("Strasbourg", "Bas-Rhin", "grand-est", "67000", 48.573, 7.752),
    ("Nancy", "Meurthe-et-Moselle", "grand-est", "54000", 48.692, 6.184),
    ("Dijon", "Côte-d’Or", "bourgogne-franche-comte", "21000", 47.322, 5.041),
    ("Besançon", "Doubs", "bourgogne-franche-comte", "25000", 47.238, 6.024),
    ("Tours", "Indre-et-Loire", "centre-val-de-loire", "37000", 47.394, 0.685),
    ("Orléans", "Loiret", "centre-val-de-loire", "45000", 47.903, 1.909),
    ("Lyon", "Rhône", "auvergne-rhone-alpes", "69007", 45.748, 4.846),
    ("Grenoble", "Isère", "auvergne-rhone-alpes", "38000", 45.188, 5.724),
    ("Clermont-Ferrand", "Puy-de-Dôme", "auvergne-rhone-alpes", "63000", 45.778, 3.087),
    ("Bordeaux", "Gironde", "nouvelle-aquitaine", "33000", 44.838, -0.579),
    ("Poitiers", "Vienne", "nouvelle-aquitaine", "86000", 46.580, 0.340),
    ("Limoges", "Haute-Vienne", "nouvelle-aquitaine", "87000", 45.834, 1.262),
    ("Toulouse", "Haute-Garonne", "occitanie", "31000", 43.605, 1.444),
    ("Montpellier", "Hérault", "occitanie", "34000", 43.611, 3.877),
    ("Marseille", "Bouches-du-Rhône", "provence-alpes-cote-d-azur", "13001", 43.3, 5.4),
    ("Nice", "Alpes-Maritimes", "provence-alpes-cote-d-azur", "06000", 43.71, 7.26),
    ("Ajaccio", "Corse-du-Sud", "corse", "20000", 41.919, 8.739),
]  # fmt: skip

# French and English words, side by side.
LOCALITIES = [
    ("des Lilas", "Lilas"),
    ("du Moulin", "Moulin"),
    ("de la Source", "La Source"),
    ("des Tilleuls", "Tilleuls"),
    ("du Canal", "Canal"),
    ("de la Halle", "La Halle"),
    ("des Capucins", "Capucins"),
    ("du Vieux-Port", "Vieux-Port"),
    ("de la Gare", "La Gare"),
    ("des Coteaux", "Coteaux"),
    ("du Faubourg", "Faubourg"),
    ("de Bellevue", "Bellevue"),
]
COMMONS = [
    ("Jardin partagé", "Shared garden", "un jardin cultivé ensemble"),
    ("Tiers-lieu", "Third place", "un lieu ouvert de travail et de rencontre"),
    ("Forêt communale", "Communal forest", "une forêt gérée par ses usagers"),
    ("Recyclerie", "Reuse centre", "une recyclerie qui répare et revend"),
    ("Fab lab", "Fab lab", "un atelier de fabrication ouvert"),
    ("Habitat participatif", "Cohousing", "un habitat conçu par ses habitants"),
    ("Épicerie solidaire", "Community grocery", "une épicerie tenue par ses membres"),
    ("Atelier vélo", "Bike workshop", "un atelier où l’on répare ses vélos"),
    ("Verger partagé", "Shared orchard", "un verger planté par le quartier"),
    ("Café associatif", "Community café", "un café géré en association"),
    ("Grainothèque", "Seed library", "une grainothèque libre d’accès"),
    ("Bibliothèque d’objets", "Library of things", "un prêt d’outils et d’objets"),
    ("Four à pain", "Village bread oven", "un four à pain remis en service"),
    ("Centrale solaire citoyenne", "Citizen solar plant", "une centrale solaire"),
]
ACTORS = [
    ("Association", "Association", ActorKind.ASSOCIATION),
    ("Coopérative", "Cooperative", ActorKind.COOPERATIVE),
    ("Collectif", "Collective", ActorKind.COLLECTIVE),
    ("Réseau", "Network", ActorKind.NETWORK),
    ("Fondation", "Foundation", ActorKind.FOUNDATION),
    ("Laboratoire", "Laboratory", ActorKind.RESEARCH),
    ("Communauté de communes", "Community of communes", ActorKind.LOCAL_AUTHORITY),
]
ACTOR_NAMES = [
    ("Terre commune", "Common Ground"),
    ("Les Semeurs", "The Sowers"),
    ("Faire ensemble", "Doing Together"),
    ("Le Maillon", "The Link"),
    ("Biens communs", "Common Goods"),
    ("La Ruche", "The Hive"),
    ("Cap communs", "Commons Ahead"),
    ("Racines", "Roots"),
    ("L’Établi", "The Workbench"),
    ("Entre voisins", "Between Neighbours"),
]
CONCEPTS = [
    ("Communs", "Commons"),
    ("Gouvernance partagée", "Shared governance"),
    ("Droit d’usage", "Right of use"),
    ("Faisceau de droits", "Bundle of rights"),
    ("Enclosure", "Enclosure"),
    ("Communauté d’usagers", "Community of users"),
    ("Tragédie des anticommuns", "Tragedy of the anticommons"),
    ("Propriété collective", "Collective ownership"),
    ("Économie contributive", "Contributive economy"),
    ("Coopération ouverte", "Open cooperation"),
]
DOMAINS = [
    ("urbains", "urban", "urbains"),
    ("numériques", "digital", "numériques"),
    ("fonciers", "land", "fonciers"),
    ("de la connaissance", "knowledge", "de la connaissance"),
    ("alimentaires", "food", "alimentaires"),
    ("forestiers", "forest", "forestiers"),
    ("de l’eau", "water", "de l’eau"),
    ("énergétiques", "energy", "énergétiques"),
]
EVENTS = [
    ("Forum des communs", "Commons forum", EventKind.FORUM),
    ("Festival des communs", "Commons festival", EventKind.FESTIVAL),
    ("Rencontres des communs", "Commons meetings", EventKind.MEETING),
    ("Colloque sur les communs", "Colloquium on the commons", EventKind.COLLOQUIUM),
    ("Atelier des communs", "Commons workshop", EventKind.WORKSHOP),
]
TEXTS = [
    ("Manifeste pour les communs", "Manifesto for the commons", TextKind.MANIFESTO),
    ("Charte des communs", "Charter of the commons", TextKind.CHARTER),
    ("Rapport sur les communs", "Report on the commons", TextKind.REPORT),
    ("Appel pour les communs", "Call for the commons", TextKind.COLLECTIVE_TEXT),
    ("Guide des communs", "Guide to the commons", TextKind.BOOK),
]
TAGS = [
    "forêt",
    "tiers-lieu",
    "alimentation",
    "logement",
    "énergie",
    "logiciel libre",
    "eau",
    "réemploi",
    "quartier",
    "agriculture",
]
ROLES = ["fondateur", "financeur", "hébergeur", "partenaire", "animateur"]
SENTENCES = [
    "Les décisions se prennent en assemblée, une fois par mois.",
    "Chacun peut y contribuer selon ses moyens et son temps.",
    "Les règles d’usage ont été écrites ensemble et se révisent chaque année.",
    "Le projet s’appuie sur un réseau de bénévoles et quelques salariés.",
    "La collectivité met à disposition le lieu par une convention d’occupation.",
    "Les comptes sont publics et présentés à chaque assemblée.",
]


@dataclass
class Report:
    pages: Counter = field(default_factory=Counter)
    translations: int = 0
    revisions: int = 0
    seconds: float = 0.0
    seed: int = 0
    phases: dict = field(default_factory=dict)  # phase -> seconds

    @contextmanager
    def timed(self, phase):
        started = time.monotonic()
        yield
        self.phases[phase] = time.monotonic() - started

    def summary(self):
        per_type = ", ".join(f"{name}: {count}" for name, count in self.pages.items())
        return (
            f"{self.pages.total()} pages ({per_type}); {self.translations} English "
            f"translations; {self.revisions} revisions; seed {self.seed}; "
            f"{self.seconds:.1f} s ("
            + ", ".join(f"{name} {sec:.1f} s" for name, sec in self.phases.items())
            + ")"
        )


@dataclass
class Planned:
    """A page to generate: its type, texts in both languages, its place."""

    kind: str
    title: str
    title_en: str
    summary: str
    summary_en: str
    fields: dict
    page: Page = None


class AtlasGenerator:
    def __init__(self, seed, translations=0.2, revisions=2, progress=None):
        self.seed = seed
        # Seeded, so that a seed gives the same atlas; nothing secret is drawn.
        self.rng = random.Random(seed)  # nosec B311
        self.translation_share = translations
        self.revision_count = max(1, revisions)
        self.progress = progress or no_progress
        self.report = Report(seed=seed)

    def generate(self, count):
        with invalidated_once_at_the_end():
            return self.generate_pages(count)

    def generate_pages(self, count):
        started = time.monotonic()
        timed = self.report.timed
        with timed("index pages"), transaction.atomic():
            indexes = self.ensure_indexes()
        with indexes_deferred():
            planned = [self.plan(number) for number in range(count)]
            with timed("adding"):
                self.add_to_tree(planned, indexes)
            with timed("publishing"):
                self.fill_and_publish(planned)
            with timed("translating"):
                english = self.translate(planned)
        with timed("indexing"):
            index_pages([item.page.pk for item in planned] + english, self.progress)
        self.report.seconds = time.monotonic() - started
        return self.report

    def ensure_indexes(self):
        """The index pages (and map, chronology, genealogy) as the demo makes them.

        Their English translations too, so that generated pages can be translated.
        """
        loader = DemoLoader()
        by_demo_kind = loader.load_indexes(read_data_file("indexes.yaml"))
        loader.load_views(read_data_file("views.yaml"))
        loader.translate_all()
        return {kind: by_demo_kind[DEMO_KINDS[kind]] for kind in WIKI_PAGE_TYPES}

    # Texts and facts, drawn from the seeded generator only.

    def plan(self, number):
        kind = list(WIKI_PAGE_TYPES)[number % len(WIKI_PAGE_TYPES)]
        return getattr(self, f"plan_{kind}")()

    def place(self):
        commune, departement, region, postcode, lat, lon = self.rng.choice(PLACES)
        return {
            "commune": commune,
            "departement": departement,
            "region": region,
            "postcode": postcode,
            "country": "France",
            "latitude": round(lat + self.rng.uniform(-0.05, 0.05), 5),
            "longitude": round(lon + self.rng.uniform(-0.05, 0.05), 5),
        }

    def year(self, first=1990, last=2024):
        year = self.rng.randint(first, last)
        precision = self.rng.random()
        if precision < 0.5:
            return FuzzyDate(year, circa=precision < 0.1)
        month = self.rng.randint(1, 12)
        if precision < 0.8:
            return FuzzyDate(year, month)
        return FuzzyDate(year, month, self.rng.randint(1, 28))

    def plan_commons(self):
        noun, noun_en, what = self.rng.choice(COMMONS)
        locality, locality_en = self.rng.choice(LOCALITIES)
        place = self.place()
        founded = self.year()
        return Planned(
            "commons",
            f"{noun} {locality}, {place['commune']}",
            f"{noun_en} of {locality_en}, {place['commune']}",
            f"{noun} {locality} est {what} à {place['commune']} depuis {founded.year}.",
            f"A {noun_en.lower()} in {place['commune']} since {founded.year}.",
            {
                **place,
                "status": self.rng.choice([Status.ACTIVE, Status.ACTIVE, Status.ENDED]),
                "founded": founded,
                "resource": noun.lower(),
                "governance": self.rng.choice(SENTENCES),
            },
        )

    def plan_chamber(self):
        place = self.place()
        return Planned(
            "chamber",
            f"Chambre des communs de {place['commune']}",
            f"Chamber of commons of {place['commune']}",
            f"Les acteurs des communs de {place['commune']} et alentour y "
            "coopèrent et mettent en commun leurs moyens.",
            f"Where the commons actors of {place['commune']} cooperate.",
            {**place, "founded": self.year(2012)},
        )

    def plan_actor(self):
        form, form_en, kind = self.rng.choice(ACTORS)
        name, name_en = self.rng.choice(ACTOR_NAMES)
        place = self.place()
        return Planned(
            "actor",
            f"{form} {name} ({place['commune']})",
            f"{form_en} {name_en} ({place['commune']})",
            f"{form} de {place['departement']} qui accompagne les communs de son "
            "territoire.",
            f"A {form_en.lower()} supporting the commons around {place['commune']}.",
            {
                **place,
                "kind": kind,
                "founded": self.year(1970),
                "members_count": self.rng.randint(5, 2000),
                "members_year": 2024,
            },
        )

    def plan_concept(self):
        concept, concept_en = self.rng.choice(CONCEPTS)
        domain, domain_en, _plural = self.rng.choice(DOMAINS)
        return Planned(
            "concept",
            f"{concept} ({domain})",
            f"{concept_en} ({domain_en})",
            f"Ce que recouvre la notion de {concept.lower()} dans les communs "
            f"{domain}.",
            f"What {concept_en.lower()} means for {domain_en} commons.",
            {
                "definition": f"{concept} appliqué aux communs {domain} : "
                + self.rng.choice(SENTENCES),
                "origin_date": self.year(1950, 2015),
                "origin_source": self.rng.choice(ACTOR_NAMES)[0],
            },
        )

    def plan_event(self):
        series, series_en, kind = self.rng.choice(EVENTS)
        place = self.place()
        start = self.year(2005)
        return Planned(
            "event",
            f"{series} de {place['commune']} {start.year}",
            f"{series_en}, {place['commune']} {start.year}",
            f"Trois jours de rencontres et d’ateliers à {place['commune']} en "
            f"{start.year}.",
            f"Three days of meetings and workshops in {place['commune']}.",
            {
                **place,
                "kind": kind,
                "series": f"{series} de {place['commune']}",
                "start_date": start,
            },
        )

    def plan_text(self):
        title, title_en, kind = self.rng.choice(TEXTS)
        domain, domain_en, _plural = self.rng.choice(DOMAINS)
        date = self.year(1980)
        return Planned(
            "text",
            f"{title} {domain} ({date.year})",
            f"{title_en}: {domain_en} ({date.year})",
            f"Un texte de {date.year} qui a nourri les débats sur les communs "
            f"{domain}.",
            f"A {date.year} text in the debates on {domain_en} commons.",
            {"kind": kind, "date": date, "publisher": self.rng.choice(ACTOR_NAMES)[0]},
        )

    # Database work.

    def add_to_tree(self, planned, indexes):
        """Each page, bare, under its index: relations need every page to exist."""
        taken = {
            kind: set(Page.objects.child_of(index).values_list("slug", flat=True))
            for kind, index in indexes.items()
        }
        steps = self.progress(planned, desc="Adding pages")
        for batch in batches(list(steps)):
            with transaction.atomic():
                for item in batch:
                    model = WIKI_PAGE_TYPES[item.kind]
                    slug = unique_slug(item.title, taken[item.kind])
                    item.page = model(
                        title=item.title,
                        slug=slug,
                        summary=item.summary,
                        live=False,
                        **item.fields,
                    )
                    indexes[item.kind].add_child(instance=item.page)
                    self.report.pages[item.kind] += 1

    def fill_and_publish(self, planned):
        by_kind = {kind: [] for kind in WIKI_PAGE_TYPES}
        for item in planned:
            by_kind[item.kind].append(item.page)
        pages = [item.page for item in planned]
        categories = list(
            models.Category.objects.filter(locale=Locale.get_default()).order_by("slug")
        )
        steps = self.progress(planned, desc="Publishing")
        for batch in batches(list(steps)):
            with transaction.atomic():
                for item in batch:
                    page = item.page
                    self.set_relations(page, item.kind, by_kind, pages, categories)
                    for revision in range(self.revision_count):
                        if revision:
                            # Fresh from the database, as publishing left it (live,
                            # first published), then edited.
                            page = type(page).objects.get(pk=page.pk)
                            self.edit(page, revision)
                        page.save_revision(log_action=True).publish()
                        self.report.revisions += 1

    def set_relations(self, page, kind, by_kind, pages, categories):
        rng = self.rng
        others = [p for p in rng.sample(pages, min(4, len(pages))) if p != page]
        page.body = [("paragraph", self.paragraph(others[:2]))]
        page.wiki_related_pages = [models.RelatedPage(target=p) for p in others[2:]]
        page.categories = rng.sample(categories, min(2, len(categories)))
        page.tags.set(rng.sample(TAGS, rng.randint(1, 3)))
        page.wiki_sources = [
            models.Source(
                title=f"Enquête sur {page.title}",
                publisher=rng.choice(ACTOR_NAMES)[0],
                year=rng.randint(2010, 2024),
            )
        ]
        page.wiki_authors = [models.PageAuthor(name="Atlas des communs")]
        actors = by_kind["actor"]

        def pick(candidates, count):
            # One more than needed, in case the page itself is drawn.
            drawn = rng.sample(candidates, min(count + 1, len(candidates)))
            return [other for other in drawn if other.pk != page.pk][:count]

        if kind == "commons":
            page.chamber = next(iter(pick(by_kind["chamber"], 1)), None)
            page.actor_links = [
                models.CommonsActor(actor=actor, role=rng.choice(ROLES))
                for actor in pick(actors, 2)
            ]
            page.key_figures = [
                models.KeyFigure(
                    label="membres", value=str(rng.randint(5, 500)), year=2024
                )
            ]
        elif kind == "chamber":
            page.member_links = [
                models.ChamberMember(actor=actor, role=rng.choice(ROLES))
                for actor in pick(actors, 3)
            ]
            page.governance_groups = [
                models.GovernanceGroup(name="Conseil des communs", role=SENTENCES[0])
            ]
        elif kind == "concept":
            page.concept_relations = [
                models.ConceptRelation(
                    kind=rng.choice(ConceptRelationKind.values), target=target
                )
                for target in pick(by_kind["concept"], 1)
            ]
        elif kind == "event":
            page.organiser_links = [
                models.EventOrganiser(actor=actor) for actor in pick(actors, 2)
            ]
        elif kind == "text":
            page.author_links = [models.TextAuthor(actor=a) for a in pick(actors, 1)]
            page.lineage_links = [
                models.TextLineage(kind=rng.choice(LineageKind.values), target=target)
                for target in pick(by_kind["text"], 1)
            ]
            page.event = next(iter(pick(by_kind["event"], 1)), None)

    def paragraph(self, linked):
        links = ", ".join(
            f'<a linktype="page" id="{other.pk}">{other.title}</a>' for other in linked
        )
        text = " ".join(self.rng.sample(SENTENCES, 2))
        if links:
            text += f" Voir aussi : {links}."
        return RichText(f"<p>{text}</p>")

    def edit(self, page, revision):
        """A later revision: one more paragraph, as an editor would add."""
        text = self.rng.choice(SENTENCES)
        page.body.append(
            ("paragraph", RichText(f"<p>Mise à jour {revision} : {text}</p>"))
        )

    def translate(self, planned):
        """English translations of a share of the pages, through wagtail-localize."""
        english = Locale.objects.get(language_code="en")
        chosen = [
            item for item in planned if self.rng.random() < self.translation_share
        ]
        translated = []
        for batch in batches(list(self.progress(chosen, desc="Translating"))):
            with transaction.atomic():
                for item in batch:
                    source = Page.objects.get(pk=item.page.pk).specific
                    texts = {"title": item.title_en, "summary": item.summary_en}
                    translate_page(source, texts, english)
                    translated.append(source.get_translation(english).pk)
        self.report.translations = len(translated)
        return translated


def unique_slug(title, taken):
    """The title's slug with the first number not yet taken under the index."""
    base = slugify(title)[:60]
    number = len(taken) + 1
    while f"{base}-{number}" in taken:
        number += 1
    slug = f"{base}-{number}"
    taken.add(slug)
    return slug


def generate_atlas(count, seed, translations=0.2, revisions=2, progress=None):
    generator = AtlasGenerator(seed, translations, revisions, progress)
    return generator.generate(count)
