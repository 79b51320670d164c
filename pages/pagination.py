"""One page of a list from the request's `page` parameter, forgiving bad values."""

from django.core.paginator import Paginator


def page_number(raw):
    """The page asked for as an integer; 1 when it is not one."""
    try:
        return int(raw)
    except (TypeError, ValueError):
        # Not a number, or more digits than Python converts.
        return 1


def paginate(request, items, per_page):
    """The requested page, kept between the first and the last.

    Anything but a whole number shows the first page, a number below 1 too, and a
    number past the end shows the last page: a visitor's link never fails.
    """
    paginator = Paginator(items, per_page)
    number = page_number(request.GET.get("page", 1))
    return paginator.page(min(max(number, 1), paginator.num_pages))
