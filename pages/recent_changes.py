"""Recent changes: the publications of live, public pages, newest first.

Read from Wagtail's log of page actions: each publication entry (PUBLICATION_ACTIONS:
also a scheduled revision's, logged when it really goes live) says who published
which revision, and the title the page had then.
"""

from django import forms
from django.contrib.syndication.views import Feed
from django.db.models import F, Window
from django.db.models.functions import Lag
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale, Page, PageLogEntry

from pages.history import PUBLICATION_ACTIONS, change_note, display_name
from pages.models import WikiPage
from pages.page_types import WIKI_PAGE_TYPES, wiki_type_choices
from timeline.forms import ALL_FEMININE, QueryStringFilters

RECENT_CHANGES_PER_PAGE = 50
FEED_ENTRIES = 50


class RecentChangesFilters(QueryStringFilters):
    type = forms.ChoiceField(label=_("Type"), required=False, choices=wiki_type_choices)
    locale = forms.ModelChoiceField(
        label=_("Language"),
        queryset=Locale.objects.all(),
        to_field_name="language_code",
        required=False,
        empty_label=ALL_FEMININE,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["locale"].label_from_instance = lambda locale: (
            locale.get_display_name()
        )


def publications(filters):
    """Log entries of publications, newest first, of pages visitors can read now."""
    pages = Page.objects.live().public()
    if filters.get("type"):
        pages = pages.exact_type(WIKI_PAGE_TYPES[filters["type"]])
    if filters.get("locale"):
        pages = pages.filter(locale=filters["locale"])
    return (
        PageLogEntry.objects.filter(action__in=PUBLICATION_ACTIONS, page__in=pages)
        .select_related("page", "page__locale", "user", "revision__change_note")
        .annotate(
            # The revision published before this one, for the diff between them.
            previous_revision_id=Window(
                Lag("revision_id"),
                partition_by=[F("page_id")],
                order_by=[F("timestamp").asc(), F("pk").asc()],
            )
        )
        .order_by("-timestamp", "-pk")
    )


def for_display(entries, request):
    """The entries ready to show: each page as its own type (one query per type),
    the author's public name, the change note and the link to what changed."""
    entries = list(entries)
    pages = Page.objects.filter(pk__in={entry.page_id for entry in entries})
    by_id = {page.pk: page for page in pages.specific()}
    for entry in entries:
        specific = by_id[entry.page_id]
        specific.locale = entry.page.locale  # already joined: no query per entry
        entry.page = specific
        entry.author = display_name(entry.user)
        entry.note = change_note(entry.revision) if entry.revision_id else ""
        entry.diff_url = diff_url(entry, request)
    return entries


def diff_url(entry, request):
    """The page's public diff from the previous publication to this one, if any."""
    page = entry.page
    if not (isinstance(page, WikiPage) and entry.previous_revision_id):
        return None
    if entry.previous_revision_id == entry.revision_id:
        return None  # republished unchanged
    revisions = [entry.previous_revision_id, entry.revision_id]
    return page.get_url(request) + page.reverse_subpage("compare", args=revisions)


class RecentChangesFeed(Feed):
    """The recent changes as Atom, with the same filters as the page."""

    feed_type = Atom1Feed
    title = _("Recent changes · Atlas des communs")
    subtitle = _("Pages published on the Atlas des communs, newest first.")

    def get_object(self, request):
        self.request = request
        filters = RecentChangesFilters(request.GET)
        return filters.active_filters()

    def link(self):
        return reverse("recent_changes")

    def items(self, filters):
        return for_display(publications(filters)[:FEED_ENTRIES], self.request)

    def item_title(self, entry):
        return entry.label

    def item_description(self, entry):
        # Atom marks the summary as HTML, which feed readers render: plain text
        # typed by editors must arrive escaped, or its tags would be markup there.
        summary = getattr(entry.page, "summary", "")
        if entry.note:
            return _("%(note)s — %(summary)s") % {
                "note": escape(entry.note),
                "summary": escape(summary),
            }
        return escape(summary)

    def item_link(self, entry):
        return entry.page.get_url(self.request)

    def item_guid(self, entry):
        page_url = self.request.build_absolute_uri(reverse("recent_changes"))
        return f"{page_url}#publication-{entry.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, entry):
        return entry.timestamp

    def item_updateddate(self, entry):
        return entry.timestamp

    def item_author_name(self, entry):
        return entry.author
