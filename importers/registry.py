"""The import formats: a name → the dotted path of its parser.

A parser is a callable `parse(file, mapping)` yielding importers.records.Record
objects (file: a binary file object; mapping: importers.mapping.Mapping). Imported
on demand, so that a format's module (MediaWiki's, say) is only loaded when used.
"""

from django.utils.module_loading import import_string

PARSERS = {
    "gogocarto": "importers.flat.parse_gogocarto",
    "geojson": "importers.flat.parse_geojson",
    "csv": "importers.flat.parse_csv",
    "bazar": "importers.flat.parse_bazar",
    "mediawiki": "importers.mediawiki.parse_mediawiki",
}


def get_parser(format_name):
    return import_string(PARSERS[format_name])
