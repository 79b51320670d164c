"""schema.org descriptions of the wiki's pages, emitted as JSON-LD in their head.

One function per page type says what the page describes (an organisation, an
event, a term, a text); the shared helpers add the name, links, place and dates the
same way for all. Search engines and other reusers read these
(https://schema.org, https://developers.google.com/search/docs/appearance/structured-data).
"""

import json

from django.utils.safestring import mark_safe

from pages.models import (
    ActorPage,
    ChamberPage,
    CommonsPage,
    ConceptPage,
    EventPage,
    TextPage,
)
from pages.models.choices import ActorKind, TextKind
from pages.visibility import is_public

SOCIAL_IMAGE_FILTER = "fill-1200x630"
WIKIDATA_URL = "https://www.wikidata.org/wiki/{}"
# What Django's json_script escapes, so that no value can close the script element.
SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}
GOVERNMENT_KINDS = {ActorKind.LOCAL_AUTHORITY, ActorKind.PUBLIC_BODY}
# The page types' own web addresses of what they describe, listed in `sameAs`:
# the subject's website, a chamber's wiki, a text's full text online.
OWN_ADDRESS_FIELDS = ("website", "wiki_url", "full_text_url")


def without_empty(data):
    """The dict without its empty values ("", None, [], {}), so they are left out."""
    return {
        key: value for key, value in data.items() if value not in ("", None, [], {})
    }


def iso_date(fuzzy_date):
    """ISO 8601 to the known precision ("2014", "2014-07"); schema.org has no circa."""
    return fuzzy_date.html_datetime if fuzzy_date else None


def social_image_url(page, request):
    """The absolute address of the page's cover, cropped for link previews."""
    image = getattr(page, "cover_image", None)
    if image is None:
        return None
    return request.build_absolute_uri(image.get_rendition(SOCIAL_IMAGE_FILTER).url)


def page_reference(page, request, schema_type="Organization"):
    """A short description of a linked page, or None while it is not live."""
    if not is_public(page):
        return None
    return {"@type": schema_type, "name": page.title, "url": page.get_full_url(request)}


def references(pages, request, schema_type="Organization"):
    return list(
        filter(None, (page_reference(page, request, schema_type) for page in pages))
    )


def place(page):
    """A Place with its postal address and coordinates, or None without a location."""
    address = without_empty(
        {
            "@type": "PostalAddress",
            "streetAddress": page.address,
            "postalCode": page.postcode,
            "addressLocality": page.commune,
            "addressRegion": page.get_region_display(),
            "addressCountry": page.country,
        }
    )
    geo = None
    if page.has_coordinates:
        geo = {
            "@type": "GeoCoordinates",
            "latitude": page.latitude,
            "longitude": page.longitude,
        }
    if len(address) == 1 and geo is None:
        return None
    return without_empty(
        {
            "@type": "Place",
            "name": page.place_name,
            "address": address if len(address) > 1 else None,
            "geo": geo,
        }
    )


def shared_description(page, request):
    """What every page says of its subject: name, summary, links, image, page."""
    url = page.get_full_url(request)
    wikidata = [WIKIDATA_URL.format(page.wikidata_id)] if page.wikidata_id else []
    own_addresses = (getattr(page, name, "") for name in OWN_ADDRESS_FIELDS)
    return {
        "name": page.title,
        "description": page.summary,
        "url": url,
        "sameAs": [*wikidata, *page.same_as_urls, *filter(None, own_addresses)],
        "image": social_image_url(page, request),
        "keywords": page.tag_names,
        # The language, licence and date belong to this page, not to its subject
        # (a French page may describe an English text).
        "mainEntityOfPage": without_empty(
            {
                "@type": "WebPage",
                "@id": url,
                "inLanguage": page.locale.language_code,
                "license": page.licence_url,
                "dateModified": page.last_published_at.isoformat()
                if page.last_published_at
                else None,
            }
        ),
    }


def commons_data(page, request):
    return {
        "@type": "Organization",
        "foundingDate": iso_date(page.founded),
        "dissolutionDate": iso_date(page.ended),
        "location": place(page),
        "email": page.contact_email,
        "memberOf": page_reference(page.chamber, request),
    }


def chamber_data(page, request):
    members = (link.actor for link in page.member_links.select_related("actor"))
    return {
        "@type": "Organization",
        "foundingDate": iso_date(page.founded),
        "location": place(page),
        "email": page.contact_email,
        "member": references(members, request),
    }


def actor_data(page, request):
    government = page.kind in GOVERNMENT_KINDS
    return {
        "@type": "GovernmentOrganization" if government else "Organization",
        "foundingDate": iso_date(page.founded),
        "location": place(page),
    }


def event_data(page, request):
    venue = place(page)
    online = (
        {"@type": "VirtualLocation", "url": page.online_url}
        if page.online and page.online_url
        else None
    )
    if page.online:
        mode = "Mixed" if venue else "Online"
    else:
        mode = "Offline"
    organisers = (link.actor for link in page.organiser_links.select_related("actor"))
    return {
        "@type": "Event",
        "startDate": iso_date(page.start_date),
        "endDate": iso_date(page.end_date),
        "eventAttendanceMode": f"https://schema.org/{mode}EventAttendanceMode",
        "location": list(filter(None, (venue, online))),
        "organizer": references(organisers, request),
    }


def concept_data(page, request):
    glossary = page.get_parent()
    return {
        "@type": "DefinedTerm",
        "description": page.definition,
        "alternateName": page.alternative_label_list,
        "inDefinedTermSet": {
            "@type": "DefinedTermSet",
            "name": glossary.title,
            "url": glossary.get_full_url(request),
        },
    }


def text_data(page, request):
    authors = [
        page_reference(link.actor, request) if link.actor_id else {"name": link.name}
        for link in page.author_links.select_related("actor")
    ]
    law = page.kind == TextKind.LAW
    return {
        "@type": "Legislation" if law else "CreativeWork",
        "datePublished": iso_date(page.date),
        "legislationDate": iso_date(page.date) if law else None,
        "legislationIdentifier": page.legal_reference if law else None,
        "author": list(filter(None, authors)),
        "publisher": {"@type": "Organization", "name": page.publisher}
        if page.publisher
        else None,
    }


DESCRIBERS = {
    CommonsPage: commons_data,
    ChamberPage: chamber_data,
    ActorPage: actor_data,
    EventPage: event_data,
    ConceptPage: concept_data,
    TextPage: text_data,
}


def page_json_ld(page, request):
    """The schema.org description of a wiki page as a dict, or None for other pages."""
    describe = DESCRIBERS.get(type(page))
    if describe is None:
        return None
    specific = describe(page, request)
    return without_empty(
        {
            "@context": "https://schema.org",
            "@type": specific.pop("@type"),
            **shared_description(page, request),
            **specific,
        }
    )


def json_ld_script(data):
    """A JSON-LD script element that no value can break out of."""
    text = json.dumps(data, ensure_ascii=False).translate(SCRIPT_ESCAPES)
    # JSON with <, > and & escaped cannot close the element.
    return mark_safe(f'<script type="application/ld+json">{text}</script>')  # nosec B308, B703
