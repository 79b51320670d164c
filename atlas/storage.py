"""Static files storage for production."""

from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    """WhiteNoise's compressed, hashed storage, without rewriting JS source-map names.

    Vendor scripts (Leaflet's marker clustering) name source maps that their packages
    do not ship; rewriting those names would fail the build, and visitors need no maps.
    """

    patterns = tuple(
        (extension, rules)
        for extension, rules in CompressedManifestStaticFilesStorage.patterns
        if extension != "*.js"
    )
