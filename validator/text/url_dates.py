"""Dates written into article URLs: `/2019/07/21/`, `/2019-07-21-slug`, `/20190721/`, a
trailing `-20190721` after an id, `/2019/politics/07/21/`, and a month alone (`/2019/07/`).
Numbers of ten digits are article ids (`-1839873264`), not epochs: they are not read."""
from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from ..record import Record
from .datelines import dateline
from .timestamps import published, reading

_YEAR = r"(?P<y>(?:19|20)\d{2})"
_END = r"(?=/|$|[-_.])"
_DAYS = [
    re.compile(rf"/{_YEAR}/(?P<m>\d{{1,2}})/(?P<d>\d{{1,2}}){_END}"),
    re.compile(rf"/{_YEAR}-(?P<m>\d{{2}})-(?P<d>\d{{2}}){_END}"),
    re.compile(rf"/{_YEAR}(?P<m>\d{{2}})(?P<d>\d{{2}}){_END}"),
    re.compile(rf"[-_]{_YEAR}(?P<m>\d{{2}})(?P<d>\d{{2}})(?=\.html?$|/?$)"),
    re.compile(rf"/{_YEAR}/[a-z][a-z-]{{1,30}}/(?P<m>\d{{1,2}})/(?P<d>\d{{1,2}}){_END}"),
]
_MONTH = re.compile(rf"/{_YEAR}/(?P<m>\d{{1,2}})/(?![\d])")
# Sections whose URL carries the date, up to two weeks after the story went online.
PRINT_SECTIONS = re.compile(r"/(?:magazine|print|issue|issues|weekly|edition|sunday-review|books/review)/", re.I)


@dataclass(frozen=True, slots=True)
class UrlDate:
    first: dt.date  # the day, or the month's first day
    last: dt.date  # the same day, or the month's last day
    span: tuple[int, int]  # in the URL
    print_section: bool  # a magazine or print-edition URL

    @property
    def text(self) -> str:
        return said(self.first, self.last)


def said(first: dt.date, last: dt.date) -> str:
    """A day, or a month from its first to its last day, as ISO writes it."""
    return first.isoformat() if first == last else first.isoformat()[:7]


def url_date(record: Record) -> UrlDate | None:
    """The date in the record's URL, or None."""
    url = record.get("url")
    if not isinstance(url, str):
        return None
    try:
        path = urlsplit(url).path
    except ValueError:
        return None
    offset = url.find(path) if path else -1
    in_print = bool(PRINT_SECTIONS.search(path))
    for pattern in _DAYS:
        match = pattern.search(path)
        if match:
            try:
                day = dt.date(int(match["y"]), int(match["m"]), int(match["d"]))
            except ValueError:
                return None  # not a date after all
            return UrlDate(day, day, (offset + match.start("y"), offset + match.end("d")), in_print)
    match = _MONTH.search(path)
    if match and 1 <= int(match["m"]) <= 12:
        year, month = int(match["y"]), int(match["m"])
        first = dt.date(year, month, 1)
        last = first.replace(day=calendar.monthrange(year, month)[1])
        return UrlDate(first, last, (offset + match.start("y"), offset + match.end("m")), in_print)
    return None


@dataclass(frozen=True, slots=True)
class Fallback:
    kind: str  # new-year, swapped, updated
    said: str  # what the URL or dateline says: 2019-07-14, 2019-07
    where: str  # URL or dateline
    day: dt.date | None  # the day they give, when they give one


def fallback(record: Record) -> Fallback | None:
    """Which extractor fallback the published date is, against the URL's date (or else the
    dateline's), or None."""
    stamp = published(record)
    if stamp is None or not stamp.has_date or stamp.faults():
        return None
    evidence = _evidence(record, stamp.year)
    if evidence is None:
        return None
    first, last, where = evidence
    date = dt.date(stamp.year, stamp.month, stamp.day)
    if first <= date <= last:
        return None
    day, told = (first if first == last else None), said(first, last)
    if (stamp.month, stamp.day) == (1, 1) and not stamp.hour and not stamp.minute and first.year == stamp.year:
        return Fallback("new-year", told, where, day)
    if day and stamp.year == day.year and (stamp.month, stamp.day) == (day.day, day.month) and day.day != day.month:
        return Fallback("swapped", told, where, day)
    modified = reading(record, "modified")
    if day and modified is not None and modified.has_date and modified.iso() == stamp.iso() and date > day + \
            dt.timedelta(days=2):
        return Fallback("updated", told, where, day)
    return None


def _evidence(record: Record, year: int) -> tuple[dt.date, dt.date, str] | None:
    found = record.analysis(url_date)
    if found is not None:
        return found.first, found.last, "URL"
    line = record.analysis(dateline)
    if line is None or not line.month or not line.day:
        return None
    try:
        day = dt.date(year, line.month, line.day)  # a dateline gives no year: the published one
    except ValueError:
        return None
    return day, day, "dateline"
