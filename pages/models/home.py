"""The home page of each locale and plain editorial pages."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from pages.blocks import ArticleBodyBlock


class HomePage(Page):
    """The entry point of one locale's tree: what the atlas is and where to start."""

    intro = RichTextField(
        _("introduction"),
        blank=True,
        features=["bold", "italic", "link"],
        help_text=_(
            "A few sentences that say what the atlas is, shown under the title."
        ),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "pages.CommonsIndexPage",
        "pages.ChambersIndexPage",
        "pages.ActorsIndexPage",
        "pages.ConceptsIndexPage",
        "pages.EventsIndexPage",
        "pages.TextsIndexPage",
        "pages.StandardPage",
        "pages.MapPage",
        "timeline.ChronologyPage",
        "timeline.GenealogyPage",
    ]

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")

    recent_count = 6

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        sections = list(self.get_children().live().public().in_menu().specific())
        counts = self.live_page_counts()
        context.update(
            {
                # Index pages show how many pages they list; other sections do not.
                "sections": [
                    (
                        section,
                        counts.get(section.child_model, 0)
                        if getattr(section, "child_model", None)
                        else None,
                    )
                    for section in sections
                ],
                "recent_pages": self.recent_pages(),
            }
        )
        return context

    def live_page_counts(self):
        """{page model: number of its live, public pages in this locale} (one query)."""
        rows = (
            Page.objects.live()
            .public()
            .filter(locale_id=self.locale_id)
            .order_by()  # no ORDER BY path, which would split the groups
            .values("content_type")
            .annotate(count=Count("pk"))
            .values_list("content_type", "count")
        )
        return {
            ContentType.objects.get_for_id(content_type).model_class(): count
            for content_type, count in rows
        }

    def recent_pages(self):
        """The content pages of this locale published last, newest first."""
        return (
            Page.objects.live()
            .public()
            .descendant_of(self)
            .filter(depth__gt=self.depth + 1)
            .order_by("-last_published_at")
            .specific()[: self.recent_count]
        )


class StandardPage(Page):
    """An editorial page such as "About" or the legal notice."""

    # Cached until it, or a page it shows, changes (atlas/page_cache.py).
    cached_per_page = True

    intro = RichTextField(
        _("introduction"), blank=True, features=["bold", "italic", "link"]
    )
    body = StreamField(ArticleBodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
    ]

    parent_page_types = ["pages.HomePage", "pages.StandardPage"]
    subpage_types = ["pages.StandardPage"]

    class Meta:
        verbose_name = _("standard page")
        verbose_name_plural = _("standard pages")


class AtlasViewPage(Page):
    """A way of seeing the whole atlas, once under each home: the map, the chronology,
    the genealogy. Editors give it a title and an introduction; the rest is computed.
    """

    intro = RichTextField(
        _("introduction"), blank=True, features=["bold", "italic", "link"]
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["pages.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        abstract = True
