"""Public pages from the cache: for anonymous visitors only, invalidated precisely."""

from urllib.parse import urlsplit

import pytest
from django.contrib.auth.models import Group
from django.http import HttpResponse
from django.test import Client
from wagtail.contrib.frontend_cache.backends.base import BaseBackend
from wagtail.models import PageViewRestriction

from atlas import page_cache
from pages.cache_invalidation import invalidated_once_at_the_end
from pages.models import RelatedPage
from tests.factories import publish_views
from tests.queries import recorded_queries

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def cache_on(settings):
    settings.ATLAS_PAGE_CACHE_SECONDS = 600


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run a change's on-commit work (the invalidation) as its commit would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def fetch(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.get(page_cache.HIT_HEADER), response.content.decode()


def warm(client, *urls):
    for url in urls:
        fetch(client, url)
        assert fetch(client, url)[0] == "hit", url


def paragraph_linking_to(target):
    link = f'<a linktype="page" id="{target.pk}">{target.title}</a>'
    return [("paragraph", f"<p>Voir {link}.</p>")]


def republish(page, **fields):
    for name, value in fields.items():
        setattr(page, name, value)
    page.save_revision().publish()


def test_a_second_visit_is_served_from_the_cache_without_a_query(client, make_page):
    page = make_page("commons", title="Jardin des Lilas")
    assert fetch(client, page.url)[0] == "miss"
    with recorded_queries() as queries:
        state, html = fetch(client, page.url)
    assert state == "hit" and "Jardin des Lilas" in html
    assert queries == []


def test_cached_pages_keep_their_security_headers(client, make_page):
    page = make_page("commons")
    warm(client, page.url)
    response = client.get(page.url)
    assert response["Content-Security-Policy"].startswith("default-src 'self'")
    assert response["X-Frame-Options"] == "DENY"
    assert response["Content-Type"] == "text/html; charset=utf-8"
    assert response["Content-Language"] == "fr"


def test_signed_in_users_and_sessions_never_touch_the_cache(clients, make_page):
    page = make_page("commons")
    anonymous = Client()
    warm(anonymous, page.url)
    editor = clients["editor"]
    state, html = fetch(editor, page.url)
    assert state is None
    # The user bar is rendered for the editor, not the anonymous copy.
    assert "wagtail-userbar" in html
    anonymous.cookies["sessionid"] = "any"
    assert fetch(anonymous, page.url)[0] is None


def test_previews_are_never_cached(clients, make_page):
    page = make_page("commons")
    response = clients["editor"].get(f"/admin/pages/{page.pk}/edit/preview/")
    assert page_cache.HIT_HEADER not in response


def test_only_pagination_is_cached_among_query_strings(client, indexes, make_page):
    make_page("commons")
    index = indexes["commons"].url
    warm(client, index, index + "?page=1")
    assert fetch(client, index + "?q=jardin")[0] is None
    assert fetch(client, index + "?page=1&status=active")[0] is None


def test_a_publication_refreshes_the_page_and_leaves_unrelated_pages_cached(
    client, make_page, committed
):
    page = make_page("commons", title="Ancien titre")
    unrelated = make_page("actor", title="Sans rapport")
    warm(client, page.url, unrelated.url)
    with committed():
        republish(page, title="Nouveau titre")
    state, html = fetch(client, page.url)
    assert state == "miss" and "Nouveau titre" in html
    assert fetch(client, unrelated.url)[0] == "hit"


def test_a_publication_refreshes_the_pages_that_show_it(
    client, home_fr, indexes, make_page, committed
):
    page = make_page("event", title="Rencontre d'origine")
    linking = make_page("commons", body=paragraph_linking_to(page))
    relating = make_page("actor")
    relating.wiki_related_pages.add(RelatedPage(target=page))
    relating.save_revision().publish()
    views = publish_views(home_fr)
    shown_elsewhere = [
        linking.url,
        relating.url,
        indexes["event"].url,
        home_fr.url,
        views["chronology"].url,
        "/data/map.geojson",
        "/fr/recent-changes/",
        "/sitemap.xml",
    ]
    warm(client, *shown_elsewhere)
    with committed():
        republish(page, title="Rencontre renommée")
    for url in shown_elsewhere:
        assert fetch(client, url)[0] == "miss", url
    # Relations show the linked page's title (a body link keeps its own words).
    assert "Rencontre renommée" in fetch(client, relating.url)[1]


def test_removing_a_link_refreshes_the_backlinks_of_its_former_target(
    client, make_page, committed
):
    target = make_page("concept", title="Cible")
    page = make_page("commons", title="Ancien lien", body=paragraph_linking_to(target))
    warm(client, target.url)
    assert "Ancien lien" in fetch(client, target.url)[1]
    with committed():
        republish(page, body=[("paragraph", "<p>Plus de lien.</p>")])
    state, html = fetch(client, target.url)
    assert state == "miss" and "Ancien lien" not in html


def test_an_unpublished_page_disappears_from_the_cache(client, make_page, committed):
    page = make_page("commons", title="Bientôt retirée")
    linking = make_page("actor", body=paragraph_linking_to(page))
    warm(client, page.url, linking.url)
    with committed():
        page.unpublish()
    assert client.get(page.url).status_code == 404
    assert fetch(client, linking.url)[0] == "miss"


def test_a_moved_page_is_redirected_to_its_new_address(
    client, indexes, make_page, committed
):
    page = make_page("commons", title="Déménagée")
    old_url = page.url
    warm(client, old_url)
    with committed():
        page.move(indexes["actor"], pos="last-child")
    page.refresh_from_db()
    assert client.get(old_url).url == page.url
    assert "Déménagée" in fetch(client, page.url)[1]


def test_a_published_translation_refreshes_the_language_switcher(
    client, make_page, publish_translation, committed
):
    page = make_page("commons", title="Forêt communale")
    warm(client, page.url)
    with committed():
        english = publish_translation(page, title="Communal forest")
    state, html = fetch(client, page.url)
    assert state == "miss" and f'href="{english.url}"' in html


def test_a_new_view_restriction_takes_the_page_out_of_the_cache(
    client, make_page, committed
):
    page = make_page("commons", title="Bientôt réservée")
    warm(client, page.url)
    with committed():
        restriction = PageViewRestriction.objects.create(
            page=page, restriction_type=PageViewRestriction.GROUPS
        )
        restriction.groups.add(Group.objects.get(name="Editors"))
    response = client.get(page.url)
    assert response.status_code == 302 and page_cache.HIT_HEADER not in response


def test_restricted_pages_are_never_stored(client, make_page):
    page = make_page("commons", title="Sous mot de passe")
    PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    for _ in range(2):
        response = client.get(page.url)
        assert page_cache.HIT_HEADER not in response
        assert "Sous mot de passe" not in response.content.decode()


def test_a_render_racing_a_publication_is_never_served_afterwards(rf):
    """The tokens are read before the render: a publication that commits during the
    render makes what the render stores stale at once."""
    path = "/fr/communs/course/"

    def render(publication_commits):
        def view(request):
            page_cache.mark_cacheable(request, path)
            if publication_commits:
                page_cache.invalidate_paths([path])
            return HttpResponse("rendered from the old content")

        return page_cache.PageCacheMiddleware(view)(rf.get(path))

    def fresh(request):
        return HttpResponse("fresh")

    assert render(publication_commits=False)[page_cache.HIT_HEADER] == "miss"
    served = page_cache.PageCacheMiddleware(fresh)(rf.get(path))
    assert served.content == b"rendered from the old content"  # the control: a hit
    page_cache.invalidate_paths([path])
    render(publication_commits=True)
    served = page_cache.PageCacheMiddleware(fresh)(rf.get(path))
    assert served.content == b"fresh"


def test_a_cache_that_is_down_slows_pages_but_never_breaks_them(
    client, settings, make_page, committed
):
    page = make_page("commons", title="Sans cache")
    settings.CACHES = {
        **settings.CACHES,
        "down": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            # Nothing listens on the discard port.
            "LOCATION": "redis://127.0.0.1:9/0",
            "OPTIONS": {"socket_connect_timeout": 0.2},
        },
    }
    settings.ATLAS_PAGE_CACHE_ALIAS = "down"
    assert "Sans cache" in client.get(page.url).content.decode()
    with committed():
        republish(page, title="Toujours publiée")
    assert "Toujours publiée" in client.get(page.url).content.decode()


def test_a_cdn_may_keep_public_pages_when_configured(client, settings, make_page):
    settings.ATLAS_CDN_SECONDS = 300
    page = make_page("commons")
    assert "s-maxage=300" in client.get(page.url)["Cache-Control"]
    assert "s-maxage=300" in client.get(page.url)["Cache-Control"]  # the hit too


class RecordingBackend(BaseBackend):
    """A CDN that notes what it is asked to purge."""

    purged = []

    def purge(self, url):
        self.purged.append(url)


def test_a_publication_purges_the_cdn_of_the_page_and_the_aggregate_views(
    settings, home_fr, indexes, make_page, committed
):
    settings.WAGTAILFRONTENDCACHE = {"cdn": {"BACKEND": f"{__name__}.RecordingBackend"}}
    page = make_page("commons", title="Purgée")
    unrelated = make_page("actor", title="Pas purgée")
    RecordingBackend.purged = []
    with committed():
        republish(page, title="Purgée de nouveau")
    purged = {urlsplit(url).path for url in RecordingBackend.purged}
    assert {page.url, indexes["commons"].url, home_fr.url} <= purged
    assert unrelated.url not in purged


def test_bulk_work_makes_everything_stale_once_at_the_end(client, make_page, committed):
    page = make_page("commons", title="Importée")
    other = make_page("actor", title="Sans lien")
    warm(client, page.url, other.url)
    with committed(), invalidated_once_at_the_end():
        republish(page, title="Importée de nouveau")
        assert fetch(client, other.url)[0] == "hit"  # nothing worked out per page
    assert fetch(client, page.url)[0] == "miss"
    assert fetch(client, other.url)[0] == "miss"
