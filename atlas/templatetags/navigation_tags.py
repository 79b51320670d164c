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
def breadcrumbs(context):
    """The path from the locale's home to the current page (one query)."""
    page = context.get("page")
    ancestors = page.get_ancestors().filter(depth__gte=2) if page is not None else []
    return {"page": page, "ancestors": ancestors, "request": context["request"]}
