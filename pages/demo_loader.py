"""Build the demo atlas from the YAML files in pages/demo/, through the models' API.

Each file holds one kind of page as a list of entries keyed by slug. Loading is
idempotent: a page is found by its slug under its index, updated in place, and
republished only when something changed. Relations name other pages by slug and are
set in a second pass, once every page exists. Every entry is checked on unsaved pages
before anything is written; any bad entry stops the whole load with an error naming
the file and the entry, and the caller runs it in one transaction.

An entry may also carry an `en:` mapping, the English of its texts: once every French
page is published, those entries are translated through wagtail-localize, parents
before children (see pages/demo_translations.py). Other pages stay untranslated.
"""

import json
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from django.core.exceptions import ValidationError
from django.db import models as db_models
from wagtail.blocks import StreamValue
from wagtail.fields import StreamField
from wagtail.models import Locale, Page

from pages import models
from pages.demo_translations import (
    TranslationDataError,
    set_english_value,
    translate_page,
)
from timeline.fields import FuzzyDateField
from timeline.fuzzy_date import FuzzyDate
from timeline.models import ChronologyPage, GenealogyPage

DEMO_DIR = Path(__file__).resolve().parent / "demo"

# Each kind: its data file, its page model and the index page that holds it.
KINDS = {
    "actors": (models.ActorPage, models.ActorsIndexPage),
    "chambers": (models.ChamberPage, models.ChambersIndexPage),
    "commons": (models.CommonsPage, models.CommonsIndexPage),
    "concepts": (models.ConceptPage, models.ConceptsIndexPage),
    "events": (models.EventPage, models.EventsIndexPage),
    "texts": (models.TextPage, models.TextsIndexPage),
}
# The pages that show the atlas in space and time, each once under the home.
VIEWS = {
    "map": models.MapPage,
    "chronology": ChronologyPage,
    "genealogy": GenealogyPage,
}
# Keys of an entry that are not plain model fields.
SPECIAL_KEYS = {"slug", "categories", "tags", "sources", "authored_by", "related", "en"}
# The language of an entry's `en:` mapping.
TRANSLATION_LANGUAGE = "en"
RELATION_KEYS = {
    "actors",
    "chamber",
    "members",
    "governance_groups",
    "key_figures",
    "press_articles",
    "relations",
    "organisers",
    "authors",
    "lineage",
    "event",
}
# Revision content that changes on every save and says nothing about the page.
VOLATILE_KEYS = {
    "pk",
    "id",
    "latest_revision",
    "latest_revision_created_at",
    "last_published_at",
    "live_revision",
    "has_unpublished_changes",
    "draft_title",
    "first_published_at",
    "content_type",
}


class DemoDataError(Exception):
    """A data file or one of its entries cannot be loaded; the message says where."""


@dataclass
class LoadReport:
    created: list = field(default_factory=list)
    updated: list = field(default_factory=list)
    unchanged: list = field(default_factory=list)
    translations: "LoadReport | None" = None

    def add(self, outcome, label):
        """Count `label` as "created", "updated" or "unchanged"."""
        getattr(self, outcome).append(label)

    def summary(self):
        counts = (
            f"{len(self.created)} created, {len(self.updated)} updated, "
            f"{len(self.unchanged)} unchanged"
        )
        if self.translations is None:
            return counts
        return f"{counts}; translations: {self.translations.summary()}"


def read_data_file(name):
    path = DEMO_DIR / name
    try:
        with path.open(encoding="utf-8") as stream:
            return yaml.safe_load(stream) or []
    except (OSError, yaml.YAMLError) as error:
        raise DemoDataError(f"{name}: cannot be read: {error}") from error


def read_kind(kind):
    """Entries of one kind from `<kind>.yaml` and any `<kind>-*.yaml` beside it.

    A kind may be split into several files (by source document, say); a slug must
    still be unique across them.
    """
    entries, seen = [], {}
    for path in sorted(DEMO_DIR.glob(f"{kind}*.yaml")):
        if path.stem != kind and not path.stem.startswith(f"{kind}-"):
            continue
        data = read_data_file(path.name)
        if not isinstance(data, list):
            raise DemoDataError(f"{path.name}: expected a list of entries")
        for entry in data:
            slug = entry.get("slug") if isinstance(entry, dict) else None
            if slug in seen:
                raise DemoDataError(
                    f"{path.name}, entry {slug!r}: slug already used in {seen[slug]}"
                )
            seen[slug] = path.name
            entries.append(entry)
    return entries


def comparable_page(page):
    """A page's revision content, comparable across loads.

    Unordered relations (categories, tags) come back from the database in no set
    order, so they are sorted; ordered ones (sources, links) keep their order.
    """
    data = comparable(page.serializable_data())
    for key, value in data.items():
        if isinstance(value, list) and all(
            isinstance(item, int | str) or "sort_order" not in item for item in value
        ):
            data[key] = sorted(value, key=json.dumps)
    return data


def in_block_format(stream_block, raw_blocks):
    """A stream as the editor saves it: list items in Wagtail's block format, with ids.

    Saved as written in YAML, a list block keeps plain items, which wagtail-localize
    does not offer for translation.
    """
    stream = stream_block.to_python(raw_blocks)
    return StreamValue(
        stream_block, [(block.block_type, block.value, block.id) for block in stream]
    )


def comparable(data):
    """Revision content without keys that change on every save (ids, timestamps)."""
    if isinstance(data, dict):
        return {
            key: comparable(value)
            for key, value in data.items()
            if key not in VOLATILE_KEYS
        }
    if isinstance(data, list):
        return [comparable(item) for item in data]
    if isinstance(data, str) and data.startswith("[{"):
        # StreamField content: its blocks get new ids each time they are assigned.
        try:
            return comparable(json.loads(data))
        except ValueError:
            return data
    return data


class DemoLoader:
    """Loads the demo atlas into the default locale's tree."""

    def __init__(self, progress=None):
        self.locale = Locale.get_default()
        self.report = LoadReport(translations=LoadReport())
        self.progress = progress or (lambda iterable, **kwargs: iterable)
        self.pages = {}  # (kind, slug) -> page
        self.entries = {}  # kind -> entries
        self.to_translate = []  # (kind, slug, English mapping, page), parents first

    def home(self):
        site_root = Page.objects.get(depth=2, locale=self.locale)
        return site_root.specific

    def load(self):
        home_values = read_data_file("home.yaml")
        index_data = read_data_file("indexes.yaml")
        view_data = read_data_file("views.yaml")
        for kind in KINDS:
            self.entries[kind] = read_kind(kind)
        self.check_entries()
        self.load_home_page(home_values)
        indexes = self.load_indexes(index_data)
        self.load_views(view_data)
        total = sum(len(entries) for entries in self.entries.values())
        steps = self.progress(
            [
                (kind, entry)
                for kind, entries in self.entries.items()
                for entry in entries
            ],
            total=total,
            desc="Pages",
        )
        pending = []
        for kind, entry in steps:
            pending.append((kind, entry, self.load_page(kind, entry, indexes[kind])))
        # Relations point at pages by slug: set them once every page exists.
        for kind, entry, (page, before) in pending:
            self.set_relations(kind, entry, page)
            self.publish_if_changed(page, before, kind, entry)
        self.translate_all()
        return self.report

    def check_entries(self):
        """Check every entry on unsaved pages before anything is written.

        Fields, relations and the shape of the English: a mistake in the last entry
        then fails at once, not after every page before it was published. Writing
        checks again what only the database knows (slugs taken, translation segments).
        """
        drafts = []
        for kind, entries in self.entries.items():
            model = KINDS[kind][0]
            for entry in entries:
                slug = self.slug_of(kind, entry)
                try:
                    draft = model(slug=slug, **self.field_values(model, entry))
                except (ValidationError, ValueError, TypeError, KeyError) as error:
                    raise DemoDataError(
                        f"{kind}.yaml, entry {slug!r}: {error}"
                    ) from error
                self.pages[(kind, slug)] = draft
                drafts.append((kind, entry, draft))
        for kind, entry, draft in drafts:
            where = f"{kind}.yaml, entry {entry['slug']!r}"
            try:
                self.set_relations(kind, entry, draft)
            except (ValidationError, ValueError, TypeError, KeyError) as error:
                raise DemoDataError(f"{where}: {error}") from error
            if "en" in entry:
                self.check_english(where, entry["en"], draft)
        self.pages = {}

    @staticmethod
    def check_english(where, english, draft):
        """The English fits the French draft: known fields, blocks of the same shape."""
        if not isinstance(english, dict):
            raise DemoDataError(f"{where}: `en:` must map field names to texts")
        try:
            for name, value in english.items():
                set_english_value(draft, name, value)
        except TranslationDataError as error:
            raise DemoDataError(f"{where}: {error}") from error

    @staticmethod
    def slug_of(kind, entry):
        slug = entry.get("slug")
        if not slug:
            raise DemoDataError(f"{kind}.yaml: an entry has no slug: {entry!r:.80}")
        return slug

    def load_home_page(self, values):
        """The home page (made by migrations): its title and introduction."""
        try:
            home = self.home()
        except Page.DoesNotExist as error:
            message = "home.yaml: no home page (run migrate first)."
            raise DemoDataError(message) from error
        before = comparable_page(home)
        home.title = values["title"]
        home.intro = values["intro"]
        self.publish_if_changed(home, before, "home", {"slug": home.slug})
        self.add_translation("home", home.slug, values, home)

    def add_translation(self, kind, slug, entry, page):
        if "en" in entry:
            self.to_translate.append((kind, slug, entry["en"], page))

    def translate_all(self):
        """Translate the entries that have an `en:` mapping, parents before children."""
        locale = Locale.objects.filter(language_code=TRANSLATION_LANGUAGE).first()
        if locale is None:
            raise DemoDataError(
                f"no {TRANSLATION_LANGUAGE!r} locale to translate into (run migrate)."
            )
        for kind, slug, english, page in self.to_translate:
            where = f"{kind}.yaml, entry {slug!r}"
            if not isinstance(english, dict):
                raise DemoDataError(f"{where}: `en:` must map field names to texts")
            # Fresh from the database: the tree fields (numchild) and stream block ids
            # must be the saved ones, not those of the object loaded above.
            source = Page.objects.get(pk=page.pk).specific
            try:
                outcome = translate_page(source, english, locale)
            except TranslationDataError as error:
                raise DemoDataError(f"{where}: {error}") from error
            self.report.translations.add(outcome, f"{kind}: {slug}")

    def load_indexes(self, data):
        return {
            kind: self.load_home_child("indexes", kind, index_model, data)
            for kind, (_model, index_model) in KINDS.items()
        }

    def load_views(self, data):
        for key, model in VIEWS.items():
            self.load_home_child("views", key, model, data)

    def load_home_child(self, file_label, key, model, data):
        """A page of the home's menu (an index, the map…): title, slug, introduction."""
        values = data.get(key) if isinstance(data, dict) else None
        if not values:
            raise DemoDataError(f"{file_label}.yaml: no entry for {key!r}")
        home = self.home()
        page = model.objects.child_of(home).first()
        before = None
        if page is None:
            page = model(title=values["title"], slug=values["slug"])
            home.add_child(instance=page)
        else:
            before = comparable_page(page)
        page.title = values["title"]
        page.intro = values.get("intro", "")
        page.show_in_menus = True
        self.publish_if_changed(page, before, file_label, {"slug": key})
        self.add_translation(file_label, key, values, page)
        return page

    def load_page(self, kind, entry, index):
        model = KINDS[kind][0]
        slug = self.slug_of(kind, entry)
        page = model.objects.child_of(index).filter(slug=slug).first()
        before = None
        try:
            if page is None:
                page = model(slug=slug, **self.field_values(model, entry))
                index.add_child(instance=page)
            else:
                before = comparable_page(page)
                for name, value in self.field_values(model, entry).items():
                    setattr(page, name, value)
            self.set_common_relations(page, entry)
        except (ValidationError, ValueError, TypeError, KeyError) as error:
            raise DemoDataError(f"{kind}.yaml, entry {slug!r}: {error}") from error
        self.pages[(kind, slug)] = page
        self.add_translation(kind, slug, entry, page)
        return page, before

    def field_values(self, model, entry):
        values = {}
        for name, value in entry.items():
            if name in SPECIAL_KEYS or name in RELATION_KEYS:
                continue
            try:
                model_field = model._meta.get_field(name)
            except Exception as error:
                raise DemoDataError(f"unknown field {name!r}") from error
            if isinstance(model_field, FuzzyDateField):
                value = FuzzyDate.from_string(value) if value else None
            elif isinstance(model_field, db_models.CharField | db_models.TextField):
                value = "" if value is None else str(value).strip()
            elif isinstance(model_field, StreamField):
                value = in_block_format(model_field.stream_block, value or [])
            values[name] = value
        return values

    def set_common_relations(self, page, entry):
        categories = models.Category.objects.filter(
            locale=self.locale, slug__in=entry.get("categories", [])
        )
        if len(categories) != len(entry.get("categories", [])):
            raise ValueError(f"unknown category in {entry.get('categories')}")
        page.categories = list(categories)
        page.tags.set(entry.get("tags", []))
        page.wiki_sources = [
            models.Source(**source) for source in entry.get("sources", [])
        ]
        page.wiki_authors = [
            models.PageAuthor(name=name) for name in entry.get("authored_by", [])
        ]

    def page_ref(self, kind, slug, where):
        page = self.pages.get((kind, slug))
        if page is None:
            raise DemoDataError(f"{where}: no {kind} page with slug {slug!r}")
        return page

    def set_relations(self, kind, entry, page):
        where = f"{kind}.yaml, entry {entry['slug']!r}"
        ref = lambda other_kind, slug: self.page_ref(other_kind, slug, where)  # noqa: E731
        page.wiki_related_pages = [
            models.RelatedPage(target=ref(*item.split(":", 1)))
            for item in entry.get("related", [])
        ]
        if kind == "commons":
            page.actor_links = [
                models.CommonsActor(
                    actor=ref("actors", item["actor"]), role=item.get("role", "")
                )
                for item in entry.get("actors", [])
            ]
            page.chamber = (
                ref("chambers", entry["chamber"]) if entry.get("chamber") else None
            )
            page.key_figures = [
                models.KeyFigure(**item) for item in entry.get("key_figures", [])
            ]
            page.press_articles = [
                models.PressArticle(**item) for item in entry.get("press_articles", [])
            ]
        elif kind == "chambers":
            page.member_links = [
                models.ChamberMember(
                    actor=ref("actors", item["actor"]), role=item.get("role", "")
                )
                for item in entry.get("members", [])
            ]
            page.governance_groups = [
                models.GovernanceGroup(**item)
                for item in entry.get("governance_groups", [])
            ]
        elif kind == "concepts":
            page.concept_relations = [
                models.ConceptRelation(
                    kind=item["kind"], target=ref("concepts", item["concept"])
                )
                for item in entry.get("relations", [])
            ]
        elif kind == "events":
            page.organiser_links = [
                models.EventOrganiser(actor=ref("actors", slug))
                for slug in entry.get("organisers", [])
            ]
        elif kind == "texts":
            page.author_links = [
                models.TextAuthor(actor=ref("actors", item["actor"]))
                if "actor" in item
                else models.TextAuthor(name=item["name"])
                for item in entry.get("authors", [])
            ]
            page.lineage_links = [
                models.TextLineage(kind=item["kind"], target=ref("texts", item["text"]))
                for item in entry.get("lineage", [])
            ]
            page.event = ref("events", entry["event"]) if entry.get("event") else None

    def publish_if_changed(self, page, before, kind, entry):
        label = f"{kind}: {entry.get('slug')}"
        try:
            page.full_clean()
        except ValidationError as error:
            raise DemoDataError(
                f"{kind}.yaml, entry {entry.get('slug')!r}: {error}"
            ) from error
        if before is not None and comparable_page(page) == before:
            self.report.unchanged.append(label)
            return
        page.save_revision(log_action=True).publish()
        self.report.add("created" if before is None else "updated", label)
