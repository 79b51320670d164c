"""The mapping file: which page type each record becomes and which field feeds which.

A mapping is YAML, stored with each import run. Example (GoGoCarto):

    source: transiscope          # names the source in provenance and change notes
    page_type:                   # or simply `page_type: commons`
      field: categories          # a source field (a value or a list of values)
      values: {"Association": actor}
      default: commons
    fields:                      # page field: source field
      title: name
      summary: description       # shortened to 300 characters
      body: description          # paragraphs (blank lines) of rich text
      website: website
      latitude: latitude
    categories:
      field: categories
      map: {"12": alimentation, "Habitat": habitat}   # source id or name: slug
    defaults:                    # constant page field values
      kind: association
    options:                     # for the parser
      id_field: code             # CSV column or GeoJSON property holding the id

Every error is collected and raised at once as MappingError, never a traceback.
"""

from dataclasses import dataclass, field

import yaml
from django.utils.translation import gettext
from wagtail.models import Locale, Page

from pages.models import Category
from pages.page_types import WIKI_PAGE_TYPES

# Page fields the importer fills in its own way, beside the models' plain fields.
SPECIAL_FIELDS = {"title", "summary", "body"}
# Wagtail's own page fields an import may set; the others (tree, publication, locks)
# are the importer's business, and relations to other objects are out of reach.
PAGE_FIELDS = {"seo_title", "search_description"}


def importable_fields(model):
    """The page fields of `model` a mapping may fill, by name: {name: field}."""
    return {
        f.name: f
        for f in model._meta.concrete_fields
        if not f.is_relation
        and (f.model is not Page or f.name in PAGE_FIELDS)
        and f.name not in SPECIAL_FIELDS
    }


class MappingError(Exception):
    """The mapping cannot be used; `errors` lists every problem found."""

    def __init__(self, errors):
        self.errors = list(errors)
        super().__init__("\n".join(self.errors))


@dataclass
class Mapping:
    source: str
    text: str
    default_type: str | None = None
    type_field: str | None = None
    type_values: dict = field(default_factory=dict)
    fields: dict = field(default_factory=dict)
    defaults: dict = field(default_factory=dict)
    category_field: str | None = None
    category_map: dict = field(default_factory=dict)
    options: dict = field(default_factory=dict)

    @property
    def page_types(self):
        """Every page type this mapping can produce."""
        names = {*self.type_values.values()}
        if self.default_type:
            names.add(self.default_type)
        return sorted(names)

    def page_type_for(self, fields):
        """The page type of a record with these source fields, or None."""
        if self.type_field:
            values = fields.get(self.type_field)
            for value in values if isinstance(values, list) else [values]:
                name = self.type_values.get(str(value).strip())
                if name:
                    return name
        return self.default_type


def load_mapping(text):
    """Read and check a mapping's YAML text; MappingError lists what is wrong."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise MappingError(
            [gettext("The mapping is not valid YAML: %(error)s") % {"error": error}]
        ) from None
    if not isinstance(data, dict):
        raise MappingError(
            [gettext("The mapping must be a YAML mapping (key: value).")]
        )

    errors = []
    known = {"source", "page_type", "fields", "defaults", "categories", "options"}
    for key in sorted(set(data) - known):
        errors.append(gettext("Unknown mapping key “%(key)s”.") % {"key": key})

    source = data.get("source")
    if not source or not isinstance(source, str):
        errors.append(gettext("The mapping must name its source (source: …)."))
    mapping = Mapping(source=str(source or ""), text=text)

    page_type = data.get("page_type")
    if isinstance(page_type, str):
        mapping.default_type = page_type
    elif isinstance(page_type, dict):
        mapping.default_type = page_type.get("default")
        mapping.type_field = page_type.get("field")
        values = page_type.get("values") or {}
        if not isinstance(values, dict):
            errors.append(gettext("page_type.values must map source values to types."))
            values = {}
        mapping.type_values = {str(k): v for k, v in values.items()}
    else:
        errors.append(gettext("The mapping must give a page type (page_type: …)."))
    for name in mapping.page_types:
        if name not in WIKI_PAGE_TYPES:
            errors.append(
                gettext("Unknown page type “%(name)s” (known: %(known)s).")
                % {"name": name, "known": ", ".join(WIKI_PAGE_TYPES)}
            )
    if not mapping.page_types and not errors:
        errors.append(gettext("The mapping must give a page type (page_type: …)."))

    for key, target in (("fields", "fields"), ("defaults", "defaults")):
        value = data.get(key) or {}
        if not isinstance(value, dict):
            errors.append(gettext("“%(key)s” must be a mapping.") % {"key": key})
            value = {}
        setattr(mapping, target, value)
    if "title" not in mapping.fields:
        errors.append(gettext("The mapping must say which source field is the title."))
    for name, source_field in mapping.fields.items():
        if not isinstance(source_field, str):
            errors.append(
                gettext("fields.%(name)s must name one source field.") % {"name": name}
            )
    models = [WIKI_PAGE_TYPES[n] for n in mapping.page_types if n in WIKI_PAGE_TYPES]
    for name in [*mapping.fields, *mapping.defaults]:
        if name in SPECIAL_FIELDS and name not in mapping.defaults:
            continue
        unknown = not any(name in importable_fields(model) for model in models)
        if models and unknown:
            errors.append(
                gettext("Unknown page field “%(name)s” for %(types)s.")
                % {"name": name, "types": ", ".join(mapping.page_types)}
            )

    categories = data.get("categories")
    if categories is not None:
        if not isinstance(categories, dict) or not isinstance(
            categories.get("map"), dict
        ):
            errors.append(
                gettext("categories needs a source field and a map of values to slugs.")
            )
        else:
            mapping.category_field = categories.get("field", "categories")
            mapping.category_map = {
                str(k): str(v) for k, v in categories["map"].items()
            }
            slugs = set(mapping.category_map.values())
            existing = set(
                Category.objects.filter(
                    locale=Locale.get_default(), slug__in=slugs
                ).values_list("slug", flat=True)
            )
            for slug in sorted(slugs - existing):
                errors.append(gettext("Unknown category “%(slug)s”.") % {"slug": slug})

    mapping.options = data.get("options") or {}
    if errors:
        raise MappingError(errors)
    return mapping
