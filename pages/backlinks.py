""" "Pages that link here", read from Wagtail's reference index.

Wagtail records every reference a page makes — rich text links, page choosers in
StreamField blocks, foreign keys and the inline relations (see also, members,
lineage…) — when the page row is saved. A live page's row holds its published
content, so the index lists what visitors can see, never the links of a draft.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import IntegerField
from django.db.models.functions import Cast
from django.utils.text import capfirst
from wagtail.models import Page, ReferenceIndex

# How many referring pages a page shows before linking to the full list.
BACKLINKS_ON_PAGE = 12


def referring_pages(page):
    """Live, public pages of the page's locale whose content links to it.

    Ordered by type then title, ready for `group_by_type`. The ids come from a
    subquery, so the query count does not grow with the number of references.
    """
    source_ids = (
        ReferenceIndex.get_references_to(page)
        .filter(base_content_type=ContentType.objects.get_for_model(Page))
        # The index keeps object ids as text.
        .annotate(page_id=Cast("object_id", IntegerField()))
        .values("page_id")
    )
    return (
        Page.objects.live()
        .public()
        .filter(locale_id=page.locale_id, pk__in=source_ids)
        .exclude(pk=page.pk)
        .order_by("content_type_id", "title", "pk")
    )


def group_by_type(pages):
    """[{"label": "Commons", "pages": [...]}, …] from pages sorted by type."""
    groups = []
    for page in pages:
        label = capfirst(page.specific_class._meta.verbose_name_plural)
        if not groups or groups[-1]["label"] != label:
            groups.append({"label": label, "pages": []})
        groups[-1]["pages"].append(page)
    return groups


def backlinks_summary(page):
    """The first referring pages grouped by type, and how many there are in all."""
    pages = referring_pages(page)
    first = list(pages.specific(defer=True)[: BACKLINKS_ON_PAGE + 1])
    count = len(first) if len(first) <= BACKLINKS_ON_PAGE else pages.count()
    return {"groups": group_by_type(first[:BACKLINKS_ON_PAGE]), "count": count}
