import pytest
from bs4 import BeautifulSoup
from django.template import Context, Template
from django.utils import translation
from wagtail.models import Page

pytestmark = pytest.mark.django_db


def html(response):
    return BeautifulSoup(response.content, "html.parser")


def test_migrations_create_french_home_with_english_translation(home_fr, home_en):
    assert home_fr.live and home_en.live
    assert home_en.translation_key == home_fr.translation_key
    assert home_fr.get_translation(home_en.locale) == home_en
    assert home_fr.get_site().root_page.specific == home_fr


@pytest.mark.parametrize(
    ("url", "language", "title"),
    [("/fr/", "fr", "Atlas des communs"), ("/en/", "en", "Atlas of the commons")],
)
def test_home_renders_in_its_language(client, home_fr, url, language, title):
    response = client.get(url)

    assert response.status_code == 200
    assert "pages/home_page.html" in [t.name for t in response.templates]
    document = html(response)
    assert document.html["lang"] == language
    assert document.h1.get_text(strip=True) == title


def test_base_template_has_the_landmarks(client, home_fr):
    document = html(client.get("/fr/"))

    skip_link = document.select_one("a.skip-link")
    assert skip_link["href"] == "#main"
    assert document.select_one("main#main")
    assert document.select_one("header")
    assert document.select_one("footer")
    assert document.select_one("nav.main-menu")["aria-label"] == "Navigation principale"
    search = document.select_one("form[role=search]")
    assert search["method"] == "get"
    assert search["action"] == "/fr/search/"
    field = search.select_one("input[name=q]")
    assert document.select_one(f"label[for={field['id']}]")


def test_interface_strings_follow_the_language(client, home_fr):
    french = html(client.get("/fr/"))
    english = html(client.get("/en/"))

    assert french.select_one("a.skip-link").get_text() == "Aller au contenu"
    assert english.select_one("a.skip-link").get_text() == "Skip to content"


def test_language_switcher_links_to_the_translated_home(client, home_fr):
    document = html(client.get("/fr/"))

    links = {a["hreflang"]: a for a in document.select(".language-switcher a")}
    assert links["en"]["href"] == "/en/"
    assert links["en"]["lang"] == "en"
    assert links["fr"]["aria-current"] == "true"


def test_language_switcher_falls_back_to_the_other_home(rf, home_fr):
    untranslated = home_fr.add_child(instance=Page(title="Sans traduction"))
    request = rf.get(untranslated.url)
    template = Template("{% load locale_tags %}{% language_switcher %}")

    with translation.override("fr"):
        document = BeautifulSoup(
            template.render(Context({"request": request, "page": untranslated})),
            "html.parser",
        )

    english = document.select_one("a[hreflang=en]")
    assert english["href"] == "/en/"
    assert "pas encore traduite" in english.get_text()
    assert document.select_one("a[hreflang=fr]")["href"] == "/fr/sans-traduction/"


def test_home_offers_each_section_with_its_count_and_the_latest_pages(
    client, home_fr, indexes, make_page
):
    for index in indexes.values():
        index.show_in_menus = True
        index.save_revision().publish()
    make_page("commons", title="Jardin partagé")
    make_page("commons", title="Four à pain")
    draft = make_page("text", title="Brouillon")
    draft.unpublish()

    document = BeautifulSoup(client.get("/fr/").content, "html.parser")

    cards = {
        card.h3.get_text(strip=True): card.select_one(".card__facts").get_text()
        for card in document.select("#explore ~ ul .card")
    }
    assert cards[indexes["commons"].title] == "2 pages"
    assert cards[indexes["text"].title] == "0 page"
    recent = [a.get_text() for a in document.select("#recent ~ ul a")]
    assert recent == ["Four à pain", "Jardin partagé"]
