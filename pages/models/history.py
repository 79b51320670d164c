"""What a page's public history stores beside Wagtail's own revisions."""

from django.db import models
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.routable_page.models import RoutablePageMixin, path

from pages.citation import Citation
from pages.history import (
    HISTORY_PER_PAGE,
    change_note,
    compare_revisions,
    display_name,
    published_revisions,
)
from pages.pagination import paginate

CHANGE_NOTE_MAX_LENGTH = 255


class RevisionNote(models.Model):
    """An editor's short change note on one revision ("sources added", "typo").

    Kept beside the revision rather than on the page: a page field would be copied
    into every later revision and offered for translation by wagtail-localize.
    """

    revision = models.OneToOneField(
        "wagtailcore.Revision",
        verbose_name=_("revision"),
        on_delete=models.CASCADE,
        related_name="change_note",
    )
    note = models.CharField(_("change note"), max_length=CHANGE_NOTE_MAX_LENGTH)

    class Meta:
        verbose_name = _("change note")
        verbose_name_plural = _("change notes")

    def __str__(self):
        return self.note


class PageHistoryMixin(RoutablePageMixin):
    """The public history of a page and its citation, as routes under the page.

    `history/`: the published revisions; `history/<id>/`: the page as it was;
    `history/<a>/<b>/`: what changed; `cite/bibtex/`, `cite/ris/`: citations. Change
    notes typed in the editor are saved with the revision they describe.
    """

    history_per_page = HISTORY_PER_PAGE

    def save_revision(self, *args, **kwargs):
        """Save a revision and the change note the admin form left on the page."""
        revision = super().save_revision(*args, **kwargs)
        note = self.__dict__.pop("pending_change_note", "")
        if note:
            RevisionNote.objects.update_or_create(
                revision=revision, defaults={"note": note}
            )
        return revision

    def subpage_url(self, request, name, *args):
        return self.get_url(request) + self.reverse_subpage(name, args=args)

    def history_context(self, request, authors, revision=None):
        """Links to the history and the citation of this version (none in previews).

        `revision` is the published revision viewed; None means the live one.
        """
        revision_id = revision.pk if revision else self.live_revision_id
        # A preview shows unpublished content: nothing there to cite or compare.
        if getattr(request, "is_preview", False):
            return {}
        if not (self.live and revision_id and self.get_url(request)):
            return {}
        published = revision.published_at if revision else self.last_published_at
        citation = self.citation(request, authors, revision_id, published)
        query = f"?revision={revision_id}" if revision else ""
        return {
            "history_url": self.subpage_url(request, "history"),
            "viewed_revision": revision,
            "citation": citation,
            "bibtex_url": self.subpage_url(request, "cite_bibtex") + query,
            "ris_url": self.subpage_url(request, "cite_ris") + query,
        }

    def citation(self, request, authors, revision_id, published):
        """This page as it was at revision_id, as a reference to cite."""
        return Citation(
            authors=[author.display_name for author in authors],
            title=self.title,
            url=request.build_absolute_uri(
                self.subpage_url(request, "revision", revision_id)
            ),
            published=published or timezone.now(),
            accessed=timezone.localdate(),
            language=self.locale.language_code,
            key=f"atlas{self.pk}v{revision_id}",
        )

    def get_published_revision(self, revision_id):
        """One of this page's public revisions, or 404 (drafts, other pages…)."""
        return get_object_or_404(published_revisions(self), pk=revision_id)

    def subpage_response(self, request, template, context):
        # Views under the page (history, diff, backlinks) are plain templates: the
        # page's own get_context (relations, categories…) would only add queries.
        context = {"page": self, "self": self, "request": request, **context}
        context["history_url"] = self.subpage_url(request, "history")
        return TemplateResponse(request, template, context)

    @path("history/", name="history")
    def history_view(self, request):
        """The published revisions, newest first, 50 a page."""
        revisions = published_revisions(self)
        page_of_results = paginate(request, revisions, self.history_per_page)
        # One query for the rows, plus the first row of the next page, which the
        # last row's "compare with previous" needs.
        start = max(page_of_results.start_index() - 1, 0)
        rows = list(revisions[start : page_of_results.end_index() + 1])
        listed = rows[: page_of_results.end_index() - start]
        following = [*rows[1:], None][: len(listed)]
        page_url = self.get_url(request)  # once, not for each of the 50 rows
        entries = [
            {
                "revision": revision,
                "published_at": revision.published_at,
                "author": display_name(revision.user),
                "note": change_note(revision),
                "url": page_url + self.reverse_subpage("revision", args=[revision.pk]),
                "compare_previous_url": previous
                and page_url
                + self.reverse_subpage("compare", args=[previous.pk, revision.pk]),
            }
            for revision, previous in zip(listed, following, strict=True)
        ]
        return self.subpage_response(
            request,
            "pages/page_history.html",
            {
                "entries": entries,
                "page_obj": page_of_results,
                "compare_url": self.subpage_url(request, "compare_form"),
            },
        )

    @path("history/<int:revision_id>/", name="revision")
    def revision_view(self, request, revision_id):
        """The page as it was at a published revision, with the page's own template."""
        revision = self.get_published_revision(revision_id)
        old_page = revision.as_object()
        context = old_page.get_context(request)
        context.update(old_page.history_context(request, context["authors"], revision))
        context["current_url"] = self.get_url(request)
        return TemplateResponse(request, old_page.get_template(request), context)

    @path("history/compare/", name="compare_form")
    def compare_form_view(self, request):
        """The history's "compare" form sends ?from=&to=: redirect to the diff."""
        try:
            ids = int(request.GET["from"]), int(request.GET["to"])
        except (KeyError, ValueError):
            raise Http404 from None
        if min(ids) < 1:
            raise Http404  # no revision has such an id, nor an address for it
        return redirect(self.subpage_url(request, "compare", *ids))

    @path("history/<int:revision_a>/<int:revision_b>/", name="compare")
    def compare_view(self, request, revision_a, revision_b):
        """What changed between two published revisions, the older one first."""
        older = self.get_published_revision(revision_a)
        newer = self.get_published_revision(revision_b)
        if (older.published_at, older.pk) > (newer.published_at, newer.pk):
            # One address per pair of versions: the older one first.
            return redirect(self.subpage_url(request, "compare", newer.pk, older.pk))
        return self.subpage_response(
            request,
            "pages/page_compare.html",
            {
                "older": older,
                "newer": newer,
                "older_url": self.subpage_url(request, "revision", older.pk),
                "newer_url": self.subpage_url(request, "revision", newer.pk),
                "older_author": display_name(older.user),
                "newer_author": display_name(newer.user),
                "changes": compare_revisions(self, request, older, newer),
            },
        )

    def citation_for_request(self, request):
        """The citation of ?revision= (a published one) or of the live revision."""
        revision_id = request.GET.get("revision", self.live_revision_id)
        try:
            revision = self.get_published_revision(int(revision_id))
        except (TypeError, ValueError):
            raise Http404 from None
        old_page = revision.as_object()
        authors = old_page.wiki_authors.select_related("actor")
        return old_page.citation(request, authors, revision.pk, revision.published_at)

    def citation_download(self, content, content_type, extension):
        response = HttpResponse(content, content_type=f"{content_type}; charset=utf-8")
        response["Content-Disposition"] = content_disposition_header(
            as_attachment=True, filename=f"{self.slug}.{extension}"
        )
        return response

    @path("cite/bibtex/", name="cite_bibtex")
    def cite_bibtex_view(self, request):
        citation = self.citation_for_request(request)
        return self.citation_download(citation.bibtex(), "application/x-bibtex", "bib")

    @path("cite/ris/", name="cite_ris")
    def cite_ris_view(self, request):
        citation = self.citation_for_request(request)
        return self.citation_download(
            citation.ris(), "application/x-research-info-systems", "ris"
        )
