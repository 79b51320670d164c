"""English translations of demo pages, made through wagtail-localize.

Each demo entry may carry an `en:` mapping. Its plain fields (title, slug, summary,
definition…) translate the segments of the same field; a StreamField (body) is a list
with one HTML string per source block, split into segments the way wagtail-localize
splits the source. Segments the mapping leaves out keep their source text (names,
legal forms), except stream blocks, which must all be translated. The translations
are stored as wagtail-localize string translations, so the English pages stay linked
to their French source with a sync state, exactly as if a translator had typed them.
"""

from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)
from wagtail_localize.operations import TranslationCreator
from wagtail_localize.strings import extract_strings


class TranslationDataError(ValueError):
    """An `en:` mapping does not fit its source page."""


def english_segments(html):
    return [value.data for value, _attrs in extract_strings(html)[1]]


def split(value):
    """The segments of an English value: one per paragraph of HTML, else the text."""
    text = str(value)
    return english_segments(text) if text.lstrip().startswith("<") else [text]


def translated_texts(segments, english):
    """Pair each source segment with its English text, in order.

    Segments are grouped by field, and by block inside a StreamField; a group without
    English keeps its source text unless it belongs to a stream the mapping gives.
    """
    groups = {}
    for segment in segments:
        field, *rest = segment.context.path.split(".")
        block = rest[0] if rest and isinstance(english.get(field), list) else None
        groups.setdefault((field, block), []).append(segment)
    stream_blocks = {}
    for field, block in groups:
        if block is not None:
            stream_blocks.setdefault(field, []).append(block)
    texts = []
    for (field, block), group in groups.items():
        value = english.get(field)
        if block is not None:
            blocks = stream_blocks[field]
            if len(value) != len(blocks):
                raise TranslationDataError(
                    f"en.{field} has {len(value)} blocks, the source has {len(blocks)}"
                )
            number = blocks.index(block)
            value = value[number]
        if value is None:
            texts.extend((segment, segment.string.data) for segment in group)
            continue
        # A structured block or child object lists its segments in order.
        parts = (
            [str(item) for item in value] if isinstance(value, list) else split(value)
        )
        if len(parts) != len(group):
            where = f"en.{field}" + (f", block {number + 1}" if block else "")
            raise TranslationDataError(
                f"{where}: {len(parts)} segments, the source has {len(group)}"
            )
        texts.extend(zip(group, parts, strict=True))
    return texts


def translate_page(page, english, locale, user):
    """Create or update the page's translation into `locale`; True when it changed."""
    if page.get_translation_or_none(locale) is None:
        TranslationCreator(user, [locale]).create_translations(page)
    source, _created = TranslationSource.update_or_create_from_instance(page)
    translation = Translation.objects.get(source=source, target_locale=locale)
    segments = (
        StringSegment.objects.filter(source=source)
        .select_related("string", "context")
        .order_by("order")
    )
    changed = False
    for segment, text in translated_texts(segments, english):
        existing = StringTranslation.objects.filter(
            translation_of=segment.string, locale=locale, context=segment.context
        ).first()
        if existing is not None and existing.data == text:
            continue
        StringTranslation.objects.update_or_create(
            translation_of=segment.string,
            locale=locale,
            context=segment.context,
            defaults={
                "data": text,
                "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL,
                "last_translated_by": user,
            },
        )
        changed = True
    target = page.get_translation(locale)
    if not (changed or not target.live or target.has_unpublished_changes):
        return False
    # wagtail-localize would publish on commit, from a revision object that holds the
    # page as it was then: translated children added later in the same transaction
    # would be lost from the parent's child count. Publish now, from fresh objects.
    translation.save_target(user=user, publish=False)
    target = type(target).objects.get(pk=target.pk)
    target.get_latest_revision().publish(user=user)
    return True
