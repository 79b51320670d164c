"""The glossary as a SKOS concept scheme, in JSON-LD.

One concept per group of translations (wagtail-localize's `translation_key`), with
its labels and definitions in every language, named by the address of its page in
the default language. https://www.w3.org/TR/skos-reference/
"""

from collections import defaultdict

from wagtail.models import Locale

from pages.models.choices import ConceptRelationKind
from pages.models.concepts import ConceptPage, ConceptRelation

SKOS_CONTEXT = {"skos": "http://www.w3.org/2004/02/skos/core#"}


def labels(pages, text_of):
    """Language-tagged values, one per page that has some text."""
    return [
        {"@value": text, "@language": page.locale.language_code}
        for page in pages
        for text in text_of(page)
        if text
    ]


def references(uris):
    return [{"@id": uri} for uri in sorted(uris)]


def representative(translations, default_locale):
    """The page in the default language, else the first translation."""
    for page in translations:
        if page.locale_id == default_locale.pk:
            return page
    return translations[0]


def concept_scheme(glossaries, request):
    """The JSON-LD graph of the live concepts under a glossary's translations.

    Live, public concepts count even under a glossary translation that is not
    live itself (a parent made for a translation may be an alias or a draft).
    """
    default_locale = Locale.get_default()
    concepts = ConceptPage.objects.none()
    for glossary in glossaries:
        concepts |= ConceptPage.objects.child_of(glossary)
    concepts = (
        concepts.live().public().select_related("locale").order_by("locale", "title")
    )

    groups = defaultdict(list)
    for concept in concepts:
        groups[concept.translation_key].append(concept)
    uri_of = {
        key: representative(translations, default_locale).get_full_url(request)
        for key, translations in groups.items()
    }

    # Relations as the default-language pages state them; narrower reads broader
    # backwards, related goes both ways.
    linked = defaultdict(lambda: defaultdict(set))
    source_pages = [representative(group, default_locale) for group in groups.values()]
    relations = ConceptRelation.objects.filter(concept__in=source_pages).select_related(
        "concept", "target"
    )
    for link in relations:
        source = uri_of[link.concept.translation_key]
        target = uri_of.get(link.target.translation_key)
        if target is None or target == source:
            continue
        if link.kind == ConceptRelationKind.BROADER:
            linked[source]["skos:broader"].add(target)
            linked[target]["skos:narrower"].add(source)
        else:
            linked[source]["skos:related"].add(target)
            linked[target]["skos:related"].add(source)

    scheme_page = representative(glossaries, default_locale)
    scheme_uri = scheme_page.get_full_url(request)
    graph = [
        {
            "@id": scheme_uri,
            "@type": "skos:ConceptScheme",
            "skos:prefLabel": labels(
                [glossary for glossary in glossaries if glossary.live],
                lambda page: [page.title],
            ),
            "skos:hasTopConcept": references(
                uri for uri in uri_of.values() if not linked[uri]["skos:broader"]
            ),
        }
    ]
    for key, translations in groups.items():
        uri = uri_of[key]
        concept = {
            "@id": uri,
            "@type": "skos:Concept",
            "skos:inScheme": {"@id": scheme_uri},
            "skos:prefLabel": labels(translations, lambda page: [page.title]),
            "skos:altLabel": labels(
                translations, lambda page: page.alternative_label_list
            ),
            "skos:definition": labels(translations, lambda page: [page.definition]),
        }
        for relation, targets in linked[uri].items():
            concept[relation] = references(targets)
        graph.append({name: value for name, value in concept.items() if value})
    return {"@context": SKOS_CONTEXT, "@graph": graph}
