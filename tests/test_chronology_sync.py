"""The chronology read-model follows every publication path of a page."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.actions.unpublish_page import UnpublishPageAction
from wagtail.models import PageViewRestriction
from wagtail_localize.operations import TranslationCreator

from pages.models import StandardPage
from tests.factories import CategoryFactory, publish_child
from tests.timeline_data import date, entry, timeline
from timeline.chronology import rebuild
from timeline.fuzzy_date import FuzzyDate
from timeline.models import ChronologyEntry

pytestmark = pytest.mark.django_db


def rows(page):
    return {
        row.key: (row.kind, row.role, row.date, row.end_date, row.title)
        for row in ChronologyEntry.objects.filter(page=page)
    }


def republish(page, **changes):
    page = page.specific.__class__.objects.get(pk=page.pk)
    for name, value in changes.items():
        setattr(page, name, value)
    page.save_revision().publish()
    return page


def test_publishing_a_page_adds_its_own_dates(make_page):
    commons = make_page(
        "commons", title="Jardin", founded=FuzzyDate(2012, 3), ended=FuzzyDate(2020)
    )
    event = make_page(
        "event", start_date=FuzzyDate(2019, 10, 3), end_date=FuzzyDate(2019, 10, 5)
    )

    assert rows(commons) == {
        "field:founded": ("commons", "founded", FuzzyDate(2012, 3), None, "Jardin"),
        "field:ended": ("commons", "ended", FuzzyDate(2020), None, "Jardin"),
    }
    [(kind, role, start, end, _title)] = rows(event).values()
    assert (kind, role, start, end) == (
        "event",
        "held",
        FuzzyDate(2019, 10, 3),
        FuzzyDate(2019, 10, 5),
    )
    row = ChronologyEntry.objects.get(page=event)
    assert (row.year, row.end_year, row.locale_id) == (2019, 2019, event.locale_id)


def test_a_page_without_a_date_has_no_entry(make_page):
    assert rows(make_page("actor", founded=None)) == {}


def test_timeline_entries_of_the_body_become_entries(make_page):
    concept = make_page(
        "concept",
        origin_date=None,
        body=timeline(
            entry(
                "Premier usage",
                date(1968),
                kind="text",
                text="<p>Un <i>article</i>.</p>",
            ),
            entry("Forum", date(2014, 7), end=date(2015, 2), kind="event"),
        ),
    )

    entries = ChronologyEntry.objects.filter(page=concept).order_by("date")
    assert [(e.kind, e.role, e.title, e.year, e.end_year) for e in entries] == [
        ("text", "entry", "Premier usage", 1968, 1968),
        ("event", "entry", "Forum", 2014, 2015),
    ]
    assert entries[0].summary == "Un article."
    assert all(e.key.startswith("entry:") for e in entries)


def test_republishing_updates_changed_entries_in_place(make_page):
    commons = make_page("commons", founded=FuzzyDate(2012), ended=FuzzyDate(2020))
    before = {row.key: row.pk for row in ChronologyEntry.objects.filter(page=commons)}

    republish(commons, title="Jardin partagé", founded=FuzzyDate(2011), ended=None)

    after = ChronologyEntry.objects.get(page=commons)
    assert after.pk == before["field:founded"], "updated, not replaced"
    assert (after.title, after.date) == ("Jardin partagé", FuzzyDate(2011))


def test_editing_a_timeline_entry_keeps_its_row(make_page):
    concept = make_page("concept", body=timeline(entry("Forum", date(2014))))
    row = ChronologyEntry.objects.get(page=concept, role="entry")
    concept = concept.__class__.objects.get(pk=concept.pk)
    concept.body[0].value["entries"][0]["title"] = "Forum des communs"

    concept.save_revision().publish()

    renamed = ChronologyEntry.objects.get(page=concept, role="entry")
    assert (renamed.pk, renamed.title) == (row.pk, "Forum des communs")


def test_a_draft_changes_nothing_until_it_is_published(make_page):
    commons = make_page("commons", founded=FuzzyDate(2012))
    commons.founded = FuzzyDate(1999)
    commons.save_revision()
    assert ChronologyEntry.objects.get(page=commons).date == FuzzyDate(2012)


def test_categories_follow_the_page(make_page):
    forest, health = CategoryFactory(), CategoryFactory()
    commons = make_page("commons", founded=FuzzyDate(2012))
    republish(commons, categories=[forest])
    assert list(ChronologyEntry.objects.get(page=commons).categories.all()) == [forest]

    republish(commons, categories=[health])
    assert list(ChronologyEntry.objects.get(page=commons).categories.all()) == [health]


def test_unpublishing_removes_and_republishing_restores(make_page):
    text = make_page("text", date=FuzzyDate(2014, 7, 31))
    text.unpublish()
    assert rows(text) == {}
    republish(text)
    assert list(rows(text)) == ["field:date"]


def test_deleting_a_page_deletes_its_entries(make_page):
    text = make_page("text", date=FuzzyDate(2014))
    text.delete()
    assert not ChronologyEntry.objects.exists()


def test_unpublishing_an_index_removes_its_children(make_page, indexes):
    make_page("text", date=FuzzyDate(2014))
    make_page("text", date=FuzzyDate(2015))
    moderator = get_user_model().objects.create_superuser("m", password="pw-x-2026")
    UnpublishPageAction(
        indexes["text"], user=moderator, include_descendants=True
    ).execute()
    assert not ChronologyEntry.objects.exists()


def test_moving_a_page_keeps_its_entries_under_its_new_address(home_fr, client):
    about = StandardPage(
        title="À propos", slug="a-propos", body=timeline(entry("Fondation", date(2016)))
    )
    history = StandardPage(title="Histoire", slug="histoire")
    publish_child(home_fr, about)
    publish_child(home_fr, history)

    about.move(history, pos="last-child")

    row = ChronologyEntry.objects.get()
    assert row.page.url == "/fr/histoire/a-propos/"


def test_a_published_translation_gets_entries_in_its_own_locale(make_page, locale_en):
    translator = get_user_model().objects.create_superuser("t", password="pw-x-2026")
    source = make_page("event", title="Forum", start_date=FuzzyDate(2019, 10, 3))
    TranslationCreator(translator, [locale_en]).create_translations(source)
    english = source.get_translation(locale_en).specific
    assert not ChronologyEntry.objects.filter(locale=locale_en).exists()

    english.title = "Forum (English)"
    english.save_revision().publish()

    row = ChronologyEntry.objects.get(locale=locale_en)
    assert (row.page_id, row.title, row.date) == (
        english.pk,
        "Forum (English)",
        FuzzyDate(2019, 10, 3),
    )
    assert ChronologyEntry.objects.filter(page=source).count() == 1


def test_rebuild_repairs_whatever_drifted_and_then_has_nothing_to_do(make_page):
    kept = make_page("commons", founded=FuzzyDate(2012))
    lost = make_page("text", date=FuzzyDate(2014))
    gone = make_page("actor", founded=FuzzyDate(2001))
    ChronologyEntry.objects.filter(page=kept).update(title="Faux titre")
    ChronologyEntry.objects.filter(page=lost).delete()
    # A page that stopped being live without its rows being removed.
    type(gone).objects.filter(pk=gone.pk).update(live=False)

    report = rebuild()

    assert (report.created, report.updated, report.deleted) == (1, 1, 1)
    assert ChronologyEntry.objects.get(page=kept).title == kept.title
    assert rows(lost) and not rows(gone)
    assert not rebuild().changed


def test_rebuild_command_reports_its_changes(make_page, capsys):
    page = make_page("text", date=FuzzyDate(2014))
    ChronologyEntry.objects.filter(page=page).delete()

    call_command("rebuild_chronology")

    assert "1 created, 0 updated, 0 deleted" in capsys.readouterr().out
    assert rows(page)


def test_entries_of_private_pages_are_not_public(make_page, indexes):
    make_page("text", date=FuzzyDate(2014))
    PageViewRestriction.objects.create(
        page=indexes["text"], restriction_type="password", password="secret"
    )
    assert ChronologyEntry.objects.count() == 1
    assert not ChronologyEntry.objects.public().exists()
