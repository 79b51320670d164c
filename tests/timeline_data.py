"""Raw StreamField values for timeline blocks, shared by the timeline tests."""


def date(year, month="", day=None, circa=False):
    return {"year": year, "month": month, "day": day, "circa": circa}


NO_DATE = {"year": None, "month": "", "day": None, "circa": False}


def entry(title, when, end=NO_DATE, kind="milestone", page=None, url="", text=""):
    return {
        "date": when,
        "end_date": end,
        "title": title,
        "description": text,
        "kind": kind,
        "page": page,
        "url": url,
    }


def timeline(*entries, heading="Étapes", intro=""):
    """A body holding one timeline block, as a raw stream for a page's `body`."""
    return [
        {
            "type": "timeline",
            "value": {"heading": heading, "intro": intro, "entries": list(entries)},
        }
    ]
