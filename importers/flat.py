"""Parsers of the flat formats: GoGoCarto/Transiscope, GeoJSON, CSV, YesWiki Bazar.

Each takes a binary file and the mapping and yields Records (importers/records.py).
They normalise what differs between exports of the same format (nested or flat
coordinates, an address as an object or a string) into plain field names:
`latitude`, `longitude`, `address`, `postcode`, `commune`, `categories`. The raw
fields stay beside them, for mappings that want them.
"""

import csv
import io
import json

from django.utils.translation import gettext

from importers.records import ImportFileError, Record


def read_json(file):
    try:
        return json.loads(file.read().decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ImportFileError(
            gettext("The file is not valid JSON: %(error)s") % {"error": error}
        ) from None


def as_list(value):
    """A list of values from a list, a comma-separated string or one value."""
    if value is None or value == "":
        return []
    if isinstance(value, list):
        return [item for item in value if item not in (None, "")]
    if isinstance(value, str):
        return [part.strip() for part in value.split(",") if part.strip()]
    return [value]


# GoGoCarto / Transiscope elements


def parse_gogocarto(file, mapping):
    """GoGoCarto elements JSON: a list, or an object whose `data` is the list."""
    data = read_json(file)
    if isinstance(data, dict):
        data = data.get("data")
    if not isinstance(data, list):
        raise ImportFileError(
            gettext("Expected a list of elements, at the top level or under “data”.")
        )
    for number, element in enumerate(data, start=1):
        if not isinstance(element, dict):
            yield Record(str(number), {}, error=gettext("Not an element."))
            continue
        source_id = str(element.get("id") or number)
        yield Record(source_id, gogocarto_fields(element))


def gogocarto_fields(element):
    fields = dict(element)
    fields["title"] = element.get("name") or element.get("title") or ""
    geo = element.get("geo") if isinstance(element.get("geo"), dict) else {}
    fields["latitude"] = geo.get("latitude", element.get("lat"))
    fields["longitude"] = geo.get("longitude", element.get("lng"))
    address = element.get("address")
    if isinstance(address, dict):
        fields["address"] = address.get("streetAddress") or ""
        fields["postcode"] = address.get("postalCode") or ""
        fields["commune"] = address.get("addressLocality") or ""
        fields["country"] = address.get("addressCountry") or ""
    # Categories as ids (`categoriesFull`, `optionValues`) and names (`categories`):
    # both are offered to the mapping's map, ids first.
    categories = []
    for option in element.get("optionValues") or []:
        if isinstance(option, dict):
            categories.append(option.get("optionId") or option.get("id"))
        else:
            categories.append(option)
    for category in element.get("categoriesFull") or []:
        if isinstance(category, dict):
            categories += [category.get("id"), category.get("name")]
    categories += as_list(element.get("categories"))
    fields["categories"] = [str(c) for c in categories if c not in (None, "")]
    return fields


# GeoJSON (uMap exports)


def parse_geojson(file, mapping):
    """A FeatureCollection. Points give the location; other geometries are imported
    without one, with a warning in the report (a line or an area has no one place)."""
    data = read_json(file)
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        raise ImportFileError(gettext("The file is not a GeoJSON FeatureCollection."))
    id_property = mapping.options.get("id_field", "id")
    for number, feature in enumerate(data.get("features") or [], start=1):
        if not isinstance(feature, dict):
            yield Record(str(number), {}, error=gettext("Not a feature."))
            continue
        properties = feature.get("properties") or {}
        fields = dict(properties)
        warnings = []
        geometry = feature.get("geometry") or {}
        if geometry.get("type") == "Point":
            coordinates = geometry.get("coordinates") or []
            if len(coordinates) >= 2:
                # GeoJSON orders coordinates longitude first.
                fields["longitude"], fields["latitude"] = coordinates[:2]
        elif geometry:
            warnings.append(
                gettext("%(type)s geometry: imported without a location.")
                % {"type": geometry.get("type")}
            )
        else:
            warnings.append(gettext("No geometry: imported without a location."))
        source_id = feature.get("id") or properties.get(id_property) or number
        yield Record(str(source_id), fields, warnings=warnings)


# CSV (spreadsheets, uMap)


def parse_csv(file, mapping):
    """A header row then one record a row; `,` or `;` sniffed; UTF-8, BOM or not."""
    try:
        text = file.read().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportFileError(gettext("The CSV file is not UTF-8 text.")) from None
    try:
        dialect = csv.Sniffer().sniff(text.split("\n", 1)[0], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.DictReader(io.StringIO(text, newline=""), dialect=dialect)
    id_column = mapping.options.get("id_field", "id")
    for row in reader:
        line = reader.line_num  # the row's last physical line; its first for most
        fields = {
            (key or "").strip(): (value or "").strip()
            for key, value in row.items()
            if key is not None
        }
        source_id = fields.get(id_column) or f"line-{line}"
        yield Record(source_id, fields, line=line)


# YesWiki Bazar entries


def parse_bazar(file, mapping):
    """`/api/forms/{id}/entries`: an object keyed by entry id, or a list of entries."""
    data = read_json(file)
    if isinstance(data, dict):
        entries = list(data.values())
    elif isinstance(data, list):
        entries = data
    else:
        raise ImportFileError(gettext("Expected Bazar entries (an object or a list)."))
    for number, entry in enumerate(entries, start=1):
        if not isinstance(entry, dict):
            yield Record(str(number), {}, error=gettext("Not an entry."))
            continue
        yield Record(str(entry.get("id_fiche") or number), bazar_fields(entry))


def bazar_fields(entry):
    fields = dict(entry)
    fields["title"] = entry.get("bf_titre") or ""
    geolocation = entry.get("geolocation")
    if isinstance(geolocation, dict):
        fields["latitude"] = geolocation.get("latitude")
        fields["longitude"] = geolocation.get("longitude")
    else:
        fields["latitude"] = entry.get("bf_latitude")
        fields["longitude"] = entry.get("bf_longitude")
    fields["address"] = entry.get("bf_adresse") or ""
    fields["postcode"] = entry.get("bf_code_postal") or ""
    fields["commune"] = entry.get("bf_ville") or ""
    # List fields (liste…, checkbox…) hold comma-separated ids of their list's values.
    categories = []
    for name, value in entry.items():
        if name.startswith(("liste", "checkbox")):
            fields[name] = [str(v) for v in as_list(value)]
            categories += fields[name]
    fields["categories"] = categories
    return fields
