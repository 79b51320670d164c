"""English translations of the demo pages, made through wagtail-localize.

A demo entry may carry an `en:` mapping with the English of its translatable fields:
plain and rich-text fields as text, a StreamField as a list with one value per block of
the French page, in the same order (a structured block may give only the parts it
translates). Whatever the mapping leaves out keeps the French text (names, places).

The English texts become wagtail-localize string translations of the French page's
segments, and wagtail-localize builds the English page from them: it stays a
translation of its source, with a sync state, exactly as if a translator had typed it.
"""

from django.core.exceptions import ValidationError
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail_localize.models import StringTranslation, Translation, TranslationSource
from wagtail_localize.segments import StringSegmentValue
from wagtail_localize.segments.extract import extract_segments


class TranslationDataError(ValueError):
    """An `en:` mapping does not fit its French page."""


def translate_page(page, english, locale):
    """Create or update the translation of `page` into `locale`.

    Returns "created", "updated" or "unchanged". The page must come fresh from the
    database, and its parent must be translated already.
    """
    source, source_changed = update_source(page)
    Translation.objects.update_or_create(
        source=source, target_locale=locale, defaults={"enabled": True}
    )
    strings_changed = save_string_translations(source, english, locale)
    target = page.get_translation_or_none(locale)
    if (
        target is not None
        and target.live
        and not target.has_unpublished_changes
        and not (source_changed or strings_changed)
    ):
        return "unchanged"
    try:
        # Saved as a draft, then published below: wagtail-localize would publish on
        # commit, from a page object holding the tree as it is now (numchild=0 on a
        # new index), which would hide the children translated after it.
        target, created = source.create_or_update_translation(
            locale, publish=False, fallback=True
        )
    except ValidationError as error:
        raise TranslationDataError(error) from error
    # Fetched anew, so that publishing writes back the tree fields as they are now.
    target = Page.objects.get(pk=target.pk)
    target.latest_revision.publish()
    return "created" if created else "updated"


def update_source(page):
    """The page's translation source, brought up to date; True when it changed."""
    previous = TranslationSource.objects.get_for_instance_or_none(page)
    source, _created = TranslationSource.update_or_create_from_instance(page)
    changed = previous is None or source.last_updated_at != previous.last_updated_at
    return source, changed


def save_string_translations(source, english, locale):
    """Store the English of every string segment of `source`; True when any changed."""
    texts = english_texts(source, english)
    existing = {
        (item.translation_of_id, item.context_id): item
        for item in StringTranslation.objects.filter(
            locale=locale, context__object_id=source.object_id
        )
    }
    changed = False
    for segment in source.stringsegment_set.select_related("context"):
        text = texts[segment.pk]
        current = existing.get((segment.string_id, segment.context_id))
        if current is not None and current.data == text:
            continue
        translation, _created = StringTranslation.objects.update_or_create(
            translation_of_id=segment.string_id,
            locale=locale,
            context=segment.context,
            defaults={
                "data": text,
                "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL,
                "has_error": False,
            },
        )
        if translation.has_error:
            # wagtail-localize would silently keep the French text.
            raise TranslationDataError(
                f"en.{segment.context.path.split('.')[0]}: {text!r} is not valid "
                "translated HTML (its links must match the French ones)"
            )
        changed = True
    return changed


def english_texts(source, english):
    """The English text of each string segment of `source`, keyed by segment id.

    The English values are put on a copy of the French page, keeping the French block
    ids, and wagtail-localize extracts its segments: they pair with the French ones
    path by path, in order.
    """
    translated = source.as_instance()
    for name, value in english.items():
        set_english_value(translated, name, value)
    english_by_path = {}
    for segment in extract_segments(translated):
        if isinstance(segment, StringSegmentValue):
            english_by_path.setdefault(segment.path, []).append(segment.string.data)

    french_by_path = {}
    for segment in source.stringsegment_set.select_related("context").order_by("order"):
        french_by_path.setdefault(segment.context.path, []).append(segment.pk)
    for name in english:
        if not any(path.split(".")[0] == name for path in french_by_path):
            raise TranslationDataError(
                f"en.{name}: not a translatable text of the French page "
                "(dates, places and identifiers keep the French value)"
            )
    texts = {}
    for path in french_by_path.keys() | english_by_path.keys():
        french = french_by_path.get(path, [])
        english_strings = english_by_path.get(path, [])
        if len(english_strings) != len(french):
            raise TranslationDataError(
                f"en.{path.split('.')[0]}: {len(english_strings)} texts (paragraphs, "
                f"list items) where the French has {len(french)}"
            )
        texts.update(zip(french, english_strings, strict=True))
    return texts


def set_english_value(page, name, value):
    try:
        field = page._meta.get_field(name)
    except Exception as error:
        raise TranslationDataError(f"en.{name}: unknown field") from error
    if isinstance(field, StreamField):
        french_blocks = list(getattr(page, name).raw_data)
        value = overlay(french_blocks, value, f"en.{name}")
    setattr(page, name, value)


def overlay(french, english, where):
    """The French raw block data with the English put in place of its texts.

    Block types and ids stay the French ones, so that segment paths match; parts of a
    structured block that the English leaves out keep their French value.
    """
    if isinstance(french, dict) and {"type", "value", "id"} <= french.keys():
        return {**french, "value": overlay(french["value"], english, where)}
    if isinstance(french, list) and isinstance(english, list):
        if len(english) != len(french):
            raise TranslationDataError(
                f"{where}: {len(english)} items where the French has {len(french)}"
            )
        return [
            overlay(french_item, english_item, f"{where}[{number}]")
            for number, (french_item, english_item) in enumerate(
                zip(french, english, strict=True), start=1
            )
        ]
    if isinstance(french, dict) and isinstance(english, dict):
        unknown = english.keys() - french.keys()
        if unknown:
            raise TranslationDataError(f"{where}: no part named {sorted(unknown)}")
        return {
            key: overlay(value, english[key], f"{where}.{key}")
            if key in english
            else value
            for key, value in french.items()
        }
    if isinstance(french, list | dict) or isinstance(english, list | dict):
        raise TranslationDataError(f"{where}: does not have the French block's shape")
    return english
