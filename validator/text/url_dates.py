"""Dates written into article URLs: `/2019/07/21/`, `/2019-07-21-slug`, `/20190721/`, a
trailing `-20190721` after an id, or a 10-digit epoch in the path."""
from __future__ import annotations

import datetime as dt
import re
from urllib.parse import urlsplit

from ..record import Record

_PATTERNS = [
    re.compile(r"/(?P<y>(?:19|20)\d{2})/(?P<m>\d{1,2})/(?P<d>\d{1,2})(?=/|$|[-_.])"),
    re.compile(r"/(?P<y>(?:19|20)\d{2})-(?P<m>\d{2})-(?P<d>\d{2})(?=/|$|[-_.])"),
    re.compile(r"/(?P<y>(?:19|20)\d{2})(?P<m>\d{2})(?P<d>\d{2})(?=/|$|[-_.])"),
    re.compile(r"[-_](?P<y>(?:19|20)\d{2})(?P<m>\d{2})(?P<d>\d{2})(?=\.html?$|/?$)"),
]
_EPOCH = re.compile(r"(?<![\d])(?P<epoch>1[0-9]{9})(?![\d])")


def url_date(record: Record) -> tuple[dt.date, tuple[int, int]] | None:
    """The date in the record's URL and its span there, or None."""
    url = record.get("url")
    if not isinstance(url, str):
        return None
    try:
        path = urlsplit(url).path
    except ValueError:
        return None
    offset = url.find(path) if path else -1
    for pattern in _PATTERNS:
        match = pattern.search(path)
        if match:
            try:
                date = dt.date(int(match["y"]), int(match["m"]), int(match["d"]))
            except ValueError:
                return None  # not a date after all
            return date, (offset + match.start("y"), offset + match.end("d"))
    match = _EPOCH.search(path)
    if match:
        moment = dt.datetime.fromtimestamp(int(match["epoch"]), dt.timezone.utc)
        return moment.date(), (offset + match.start(), offset + match.end())
    return None
