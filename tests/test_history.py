"""A wiki page's public history: published versions, old versions, diffs, notes."""

from datetime import timedelta
from unittest import mock

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import capfirst
from wagtail.models import PageViewRestriction
from wagtail.rich_text import RichText
from wagtail_localize.fields import get_translatable_fields

from pages.models import CommonsPage, RevisionNote, Source
from tests.admin_forms import form_data
from tests.factories import CategoryFactory
from tests.queries import steady_query_count

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(django_user_model):
    return {
        "named": django_user_model.objects.create_user(
            "camille", first_name="Camille", last_name="Martin"
        ),
        "mail": django_user_model.objects.create_user(
            "dominique@example.org", email="dominique@example.org"
        ),
    }


def publish_change(page, user=None, note="", **fields):
    """Change fields of the page and publish them as user; returns the revision."""
    for name, value in fields.items():
        setattr(page, name, value)
    revision = page.save_revision(user=user)
    if note:
        RevisionNote.objects.create(revision=revision, note=note)
    revision.publish(user=user, skip_permission_checks=True)
    page.refresh_from_db()
    return revision


def history_url(page, *parts):
    return page.url + "/".join(["history", *map(str, parts)]) + "/"


def fr(message):
    """An interface string as French pages show it (once the catalogue has it)."""
    with translation.override("fr"):
        return translation.gettext(message)


def field_label(name):
    """A field's label in the French diff, as Wagtail's comparisons show it."""
    with translation.override("fr"):
        return capfirst(str(CommonsPage._meta.get_field(name).verbose_name))


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def listed_ids(client, page):
    response = client.get(history_url(page))
    assert response.status_code == 200
    return [int(radio["value"]) for radio in soup(response).select("input[name=to]")]


def test_history_lists_published_versions_newest_first(client, make_page, people):
    page = make_page("commons", title="Jardin")
    first = page.live_revision
    second = publish_change(
        page, people["named"], note="Sources ajoutées", title="Jardin partagé"
    )
    third = publish_change(page, people["mail"], title="Jardin partagé de Lille")

    response = client.get(history_url(page))
    rows = soup(response).select(".history__entry")

    assert listed_ids(client, page) == [third.pk, second.pk, first.pk]
    assert "Camille Martin" in rows[1].text and "Sources ajoutées" in rows[1].text
    # A username that is an address loses its domain: never an e-mail in public.
    assert "dominique" in rows[0].text and "example.org" not in response.text
    assert rows[0].select_one(".history__compare-previous")["href"] == history_url(
        page, second.pk, third.pk
    )
    assert rows[0].find("time").parent["href"] == history_url(page, third.pk)
    assert '<meta name="robots" content="noindex">' in response.text


def test_unpublished_revisions_are_never_public(
    client, admin_client, admin_user, make_page
):
    page = make_page("commons", title="Public", summary="Résumé public.")
    public = page.live_revision
    hidden = {}

    page.title = "Brouillon"
    hidden["draft"] = page.save_revision(user=admin_user)

    page.title = "Soumis"
    hidden["submitted"] = page.save_revision(user=admin_user)
    page.get_workflow().start(page, admin_user)

    page.title = "Refusé"
    page.refresh_from_db()
    page.current_workflow_state.cancel(user=admin_user)
    page.title = "Refusé"
    hidden["rejected"] = page.save_revision(user=admin_user)
    page.get_workflow().start(page, admin_user)
    task_state = page.current_workflow_task_state
    admin_client.post(
        reverse(
            "wagtailadmin_pages:workflow_action",
            args=(page.pk, "reject", task_state.pk),
        ),
        {"comment": "Non."},
    )
    page.refresh_from_db()
    assert not page.workflow_in_progress

    page.title = "Programmé"
    page.go_live_at = timezone.now() + timedelta(days=1)
    hidden["scheduled"] = page.save_revision(user=admin_user)
    hidden["scheduled"].publish(user=admin_user)
    page.refresh_from_db()
    assert page.title == "Public" and page.live

    assert listed_ids(client, page) == [public.pk]
    for kind, revision in hidden.items():
        for url in (
            history_url(page, revision.pk),
            history_url(page, public.pk, revision.pk),
            history_url(page, "compare") + f"?from={public.pk}&to={revision.pk}",
            page.url + f"cite/bibtex/?revision={revision.pk}",
            page.url + f"cite/ris/?revision={revision.pk}",
        ):
            response = client.get(url, follow=True)
            assert response.status_code == 404, (kind, url)
    for title in ("Brouillon", "Soumis", "Refusé", "Programmé"):
        assert title not in client.get(history_url(page)).text
        assert title not in client.get(page.url).text


def test_a_scheduled_revision_is_listed_once_it_goes_live(client, make_page):
    page = make_page("commons", title="Avant")
    page.title = "Après"
    page.go_live_at = timezone.now() + timedelta(hours=1)
    scheduled = page.save_revision()
    scheduled.publish()
    assert scheduled.pk not in listed_ids(client, page)

    two_hours_later = timezone.now() + timedelta(hours=2)
    with mock.patch("django.utils.timezone.now", return_value=two_hours_later):
        call_command("publish_scheduled", verbosity=0)

    assert listed_ids(client, page)[0] == scheduled.pk
    assert client.get(history_url(page, scheduled.pk)).status_code == 200


@pytest.mark.parametrize(
    "path",
    [
        "history/abc/",
        "history/999999/",
        "history/99999999999999999999999/",
        "history/1/abc/",
        "history/999998/999999/",
        "history/compare/?from=x&to=1",
        "history/compare/",
        "cite/bibtex/?revision=abc",
        "cite/ris/?revision=999999",
        "cite/ris/?revision=99999999999999999999999",
    ],
)
def test_bad_revision_addresses_answer_404(client, make_page, path):
    page = make_page("commons", title="Commun")

    assert client.get(page.url + path).status_code == 404


def test_revisions_of_another_page_answer_404(client, make_page):
    page = make_page("commons", title="Un")
    other = make_page("commons", title="Autre")
    mine = page.live_revision_id
    theirs = other.live_revision_id

    assert client.get(history_url(page, mine)).status_code == 200
    assert client.get(history_url(page, theirs)).status_code == 404
    assert client.get(history_url(page, mine, theirs)).status_code == 404
    assert client.get(page.url + f"cite/ris/?revision={theirs}").status_code == 404


def test_an_old_version_renders_with_the_page_template_and_a_notice(client, make_page):
    page = make_page("commons", title="Ancien titre", summary="Ancien résumé.")
    old = page.live_revision
    publish_change(page, title="Nouveau titre", summary="Nouveau résumé.")

    response = client.get(history_url(page, old.pk))
    html = soup(response)

    assert response.status_code == 200
    assert "pages/commons_page.html" in [t.name for t in response.templates]
    assert html.h1.text == "Ancien titre" and "Ancien résumé." in response.text
    assert "Nouveau" not in html.find("main").text
    notice = html.select_one(".revision-notice")
    assert notice.find("a", class_="revision-notice__current")["href"] == page.url
    assert html.find("meta", attrs={"name": "robots"})["content"] == "noindex"


def test_every_wiki_page_links_to_its_history(client, make_page):
    page = make_page("concept", title="Communs")

    html = soup(client.get(page.url))

    assert html.find("link", rel="version-history")["href"] == history_url(page)
    footer = html.select_one(".wiki-page__footer")
    assert footer.find("a", rel="version-history")["href"] == history_url(page)
    assert html.find("meta", attrs={"name": "robots"}) is None


def test_the_history_of_a_restricted_page_is_restricted(client, make_page):
    page = make_page("commons", title="Réservé", summary="Secret du résumé.")
    PageViewRestriction.objects.create(
        page=page, restriction_type="password", password="sesame"
    )

    for url in (
        history_url(page),
        history_url(page, page.live_revision_id),
        page.url + "cite/bibtex/",
    ):
        response = client.get(url)
        assert 'name="password"' in response.text, url
        assert "Secret du résumé" not in response.text, url
        assert "@misc" not in response.text, url


ADDED, REMOVED = fr("added:"), fr("removed:")


def diff(client, page, older, newer):
    response = client.get(history_url(page, older.pk, newer.pk))
    assert response.status_code == 200
    return soup(response)


def field_diff(html, label):
    for term in html.select(".diff__fields > dt"):
        if term.text.strip() == label:
            return term.find_next_sibling("dd")
    raise AssertionError(f"no change listed for {label}")


def test_a_plain_text_change_is_marked_with_ins_and_del(client, make_page):
    page = make_page("commons", summary="Un jardin cultivé ensemble.")
    older = page.live_revision
    newer = publish_change(page, summary="Un verger cultivé ensemble.")

    html = diff(client, page, older, newer)
    summary = field_diff(html, field_label("summary"))

    assert [d.text for d in summary.find_all("del")] == [f"{REMOVED} jardin"]
    assert [i.text for i in summary.find_all("ins")] == [f"{ADDED} verger"]
    assert summary.find("ins").find(class_="visually-hidden").text == f"{ADDED} "
    assert field_label("title") not in [
        dt.text for dt in html.select(".diff__fields > dt")
    ]
    assert html.select_one(".diff__legend").find("ins") is not None


def test_the_newer_revision_first_redirects_to_the_older_first(client, make_page):
    page = make_page("commons", summary="Avant.")
    older = page.live_revision
    newer = publish_change(page, summary="Après.")

    response = client.get(history_url(page, newer.pk, older.pk))

    assert response.status_code == 302
    assert response["Location"] == history_url(page, older.pk, newer.pk)


def test_the_compare_form_redirects_to_the_diff(client, make_page):
    page = make_page("commons", summary="Avant.")
    older = page.live_revision
    newer = publish_change(page, summary="Après.")

    response = client.get(
        history_url(page, "compare") + f"?from={older.pk}&to={newer.pk}"
    )

    assert response.status_code == 302
    assert response.url == history_url(page, older.pk, newer.pk)


def test_body_diffs_show_blocks_added_removed_and_changed(client, make_page):
    page = make_page(
        "commons",
        body=[
            ("paragraph", RichText("<p>Le jardin ouvre le <b>samedi</b>.</p>")),
            ("paragraph", RichText("<p>Paragraphe bientôt supprimé.</p>")),
        ],
    )
    older = page.live_revision
    kept, removed = page.body[0], page.body[1]
    page.body[0] = (
        "paragraph",
        RichText("<p>Le jardin ouvre le dimanche.</p>"),
        kept.id,
    )
    del page.body[1]
    page.body.append(("paragraph", RichText("<p>Un nouveau paragraphe.</p>")))
    newer = publish_change(page)
    assert removed.id not in [block.id for block in page.body]

    body = field_diff(diff(client, page, older, newer), field_label("body"))
    blocks = {block["class"][1]: block for block in body.select(".diff__block")}

    assert sorted(blocks) == [
        "diff__block--added",
        "diff__block--changed",
        "diff__block--removed",
    ]
    changed = blocks["diff__block--changed"]
    label = changed.select_one(".diff__block-label").text
    assert label == f"{fr('Paragraph')} ({fr('changed')})"
    assert changed.find("del").text.startswith(f"{REMOVED} samedi")
    assert changed.find("ins").text.startswith(f"{ADDED} dimanche")
    removed_block = blocks["diff__block--removed"]
    assert "Paragraphe bientôt supprimé." in removed_block.find("del").text
    assert fr("removed") in removed_block.select_one(".diff__status").text
    assert "Un nouveau paragraphe." in blocks["diff__block--added"].find("ins").text


def test_a_rich_text_diff_compares_the_words_not_the_markup(client, make_page):
    page = make_page(
        "commons", body=[("paragraph", RichText("<p>Un <i>beau</i> jardin.</p>"))]
    )
    older = page.live_revision
    page.body[0] = (
        "paragraph",
        RichText("<p>Un <b>beau</b> verger.</p>"),
        page.body[0].id,
    )
    newer = publish_change(page)

    body = field_diff(diff(client, page, older, newer), field_label("body"))

    assert [d.text.rstrip(".") for d in body.find_all("del")] == [f"{REMOVED} jardin"]
    assert [i.text.rstrip(".") for i in body.find_all("ins")] == [f"{ADDED} verger"]
    assert "<i>" not in str(body) and "&lt;" not in str(body)


def test_relation_changes_are_listed(client, make_page):
    page = make_page("commons", title="Commun")
    older = page.live_revision
    page.wiki_sources.add(Source(title="Rapport sur les communs", year=2020))
    newer = publish_change(page)

    sources = field_diff(diff(client, page, older, newer), fr("Sources"))

    assert sources.select_one(".diff__status").text == fr("Added")
    assert (
        sources.select_one(".diff__child--added ins").text == "Rapport sur les communs"
    )
    assert "None" not in sources.text  # empty fields of a new source are left out

    source = page.wiki_sources.get()
    source.title = "Rapport sur les biens communs"
    page.wiki_sources = [source]
    changed = publish_change(page)
    page.wiki_sources = []
    removed = publish_change(page)

    sources = field_diff(diff(client, page, newer, changed), fr("Sources"))
    assert [dt.text for dt in sources.select(".diff__child--changed dt")] == [
        capfirst(fr("title"))
    ]
    assert sources.find("ins").text == f"{ADDED} biens "
    sources = field_diff(diff(client, page, changed, removed), fr("Sources"))
    assert (
        "Rapport sur les biens communs"
        in sources.select_one(".diff__child--removed del").text
    )


def test_history_queries_do_not_grow_with_revisions(client, make_page, people):
    page = make_page("commons", title="Commun")
    publish_change(page, people["named"], note="Une note", title="Deux")
    few = steady_query_count(client, history_url(page))
    for number in range(6):
        publish_change(page, people["mail"], note=f"Note {number}", title=f"T{number}")

    assert steady_query_count(client, history_url(page)) == few


def test_history_paginates_and_links_across_pages(client, make_page, monkeypatch):
    page = make_page("commons", title="Commun")
    first = page.live_revision
    revisions = [publish_change(page, title=f"Titre {n}") for n in range(2)]
    monkeypatch.setattr(CommonsPage, "history_per_page", 2)

    response = client.get(history_url(page))

    rows = soup(response).select(".history__entry")
    assert len(rows) == 2
    assert rows[-1].select_one(".history__compare-previous")["href"] == (
        history_url(page, first.pk, revisions[0].pk)
    )


# Change notes, typed in the admin editor -----------------------------------------


def edit_and(client, page, action, note):
    url = reverse("wagtailadmin_pages:edit", args=(page.pk,))
    data = form_data(client, url)
    assert data["change_note"] == ""
    data.update({"change_note": note, "summary": f"Résumé, {action}.", action: "on"})
    response = client.post(url, data)
    assert response.status_code == 302, (
        response.context and response.context["form"].errors
    )
    return CommonsPage.objects.get(pk=page.pk)


def test_a_change_note_typed_in_the_editor_is_stored_on_the_published_revision(
    client, admin_client, make_page
):
    page = make_page("commons", title="Commun")

    page = edit_and(admin_client, page, "action-publish", "Résumé précisé")

    note = RevisionNote.objects.get()
    assert note.revision == page.live_revision and note.note == "Résumé précisé"
    assert "Résumé précisé" in client.get(history_url(page)).text
    # The next edit starts with an empty note, and keeping it empty stores nothing.
    edit_and(admin_client, page, "action-publish", "")
    assert RevisionNote.objects.count() == 1


def test_a_change_note_is_stored_on_a_revision_submitted_for_moderation(
    admin_client, make_page
):
    page = make_page("commons", title="Commun")

    page = edit_and(admin_client, page, "action-submit", "À relire")

    assert page.workflow_in_progress
    assert RevisionNote.objects.get().revision == page.latest_revision
    assert page.latest_revision != page.live_revision


def test_a_change_note_longer_than_255_characters_is_refused(admin_client, make_page):
    page = make_page("commons", title="Commun")
    url = reverse("wagtailadmin_pages:edit", args=(page.pk,))
    data = form_data(admin_client, url)
    data.update({"change_note": "x" * 256, "action-publish": "on"})

    response = admin_client.post(url, data)

    assert (
        response.status_code == 200 and "change_note" in response.context["form"].errors
    )
    assert not RevisionNote.objects.exists()


def test_change_notes_are_not_translated_or_copied(
    admin_client, make_page, publish_translation
):
    page = make_page("commons", title="Commun")
    edit_and(admin_client, page, "action-publish", "Note en français")

    english = publish_translation(page.specific, title="Commons")

    assert not RevisionNote.objects.filter(revision__object_id=str(english.pk)).exists()
    assert RevisionNote.objects.count() == 1
    fields = [field.field_name for field in get_translatable_fields(CommonsPage)]
    assert "change_note" not in fields


def test_a_change_note_given_when_creating_a_page_is_stored(admin_client, indexes):
    url = reverse(
        "wagtailadmin_pages:add", args=("pages", "commonspage", indexes["commons"].pk)
    )
    data = form_data(admin_client, url)
    data.update(
        title="Jardin",
        slug="jardin",
        summary="Un jardin.",
        status="active",
        change_note="Première version",
    )
    data["action-publish"] = "on"

    assert admin_client.post(url, data).status_code == 302

    page = CommonsPage.objects.get(slug="jardin")
    assert page.live_revision.change_note.note == "Première version"


@pytest.mark.parametrize(
    "page_type", ["commons", "chamber", "actor", "concept", "event", "text"]
)
def test_every_page_type_has_a_history_old_versions_and_diffs(
    client, make_page, page_type
):
    page = make_page(page_type, title="Avant")
    older = page.live_revision
    newer = publish_change(page, title="Après")

    for url in (
        history_url(page),
        history_url(page, older.pk),
        history_url(page, older.pk, newer.pk),
        page.url + "cite/bibtex/",
        page.url + "cite/ris/",
    ):
        assert client.get(url).status_code == 200, url
    title = field_diff(diff(client, page, older, newer), field_label("title"))
    assert title.find("ins").text == f"{ADDED} Après"


def test_an_old_version_with_categories_shows_them(client, make_page):
    # An old version's categories are a list in memory, not a query: reading their
    # translation keys with values() made this page a server error.
    forest = CategoryFactory(name="Forêt", slug="foret")
    page = make_page("commons", title="Jardin")
    page.categories.set([forest])
    first = publish_change(page)
    publish_change(page, summary="Un autre résumé.")

    response = client.get(page.url + f"history/{first.pk}/")

    assert response.status_code == 200
    assert "Forêt" in response.content.decode()
