"""Site navigation: the home of the current locale and its menu."""

from django import template
from wagtail.models import Site

register = template.Library()


def locale_home(request):
    """The current language's home page (the site root's translation), or the root."""
    site = Site.find_for_request(request)
    if site is None:
        return None
    return site.root_page.localized


@register.inclusion_tag("components/main_menu.html", takes_context=True)
def main_menu(context):
    """The home page's live, public children that editors put in menus."""
    request = context["request"]
    home = locale_home(request)
    items = home.get_children().live().public().in_menu() if home else []
    current = context.get("page")
    return {
        "home": home,
        "items": items,
        "current_path": current.path if current is not None else "",
        "request": request,
    }


@register.simple_tag(takes_context=True)
def home_url(context):
    request = context["request"]
    home = locale_home(request)
    return home.get_url(request) if home else "/"


@register.inclusion_tag("components/breadcrumbs.html", takes_context=True)
def breadcrumbs(context, title=None):
    """The path from the locale's home to where the visitor is (one query).

    On a page, its ancestors then the page; on a view under a page (its history),
    the page's trail then the view's `title`; on a view that is not a page (search,
    recent changes), the home then the view's `title`.
    """
    request = context["request"]
    page = context.get("page")
    if page is not None:
        # A view under a page (its history, a diff) comes after the page itself.
        ancestors = page.get_ancestors(inclusive=title is not None).filter(depth__gte=2)
        current = {"title": page.title, "url": page.get_url(request)}
    else:
        home = locale_home(request)
        ancestors = [home] if home is not None else []
    if title is not None:
        current = {"title": title, "url": request.get_full_path()}
    return {"ancestors": ancestors, "current": current, "request": request}
