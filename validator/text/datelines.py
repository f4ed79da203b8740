"""The dateline at the head of a story: `BAGHDAD, May 25 (Reuters) -`, `WASHINGTON (AP) —`,
`MOSCOW, July 21. /TASS/.`, `ANKARA, March 3 (Anadolu) -` (any agency in the wire position,
after a date), or a leading timestamp line as raw-text pages keep it."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache

from ..datafiles import table
from ..record import Record
from .vocabulary import alternation, latin_month_pattern, month_number
from .timestamps import Timestamp, parse, published


@dataclass(frozen=True, slots=True)
class Agency:
    name: str
    forms: tuple[str, ...]
    domains: tuple[str, ...]
    authors: tuple[str, ...]


def _agencies() -> dict[str, Agency]:
    return {row[0]: Agency(row[0], *(tuple(cell.split("|")) for cell in row[1:4])) for row in table(__package__, "agencies.tsv")}


AGENCIES = _agencies()
_BY_FORM = {form: agency for agency in AGENCIES.values() for form in agency.forms}
_FORMS = alternation(_BY_FORM)
# Any agency in the wire position, dash after: `(Anadolu) -`, `/Ukrinform/ -`. Its date is read;
# only the agencies of agencies.tsv are related to sources.
_WIRE = r"[A-Z][\w&.'’-]*(?:\s[A-Z][\w&.'’-]*){0,3}"


@cache
def _dateline() -> re.Pattern:
    """The dateline pattern, its month names (of every news language written in Latin
    letters: `June`, `Juni`, `Marzo`) taken from the date vocabulary on first use."""
    month_word = latin_month_pattern()
    month = rf"(?P<month>{month_word})"
    return re.compile(
        rf"""\s*(?P<place>[A-Z][A-Za-z.'\-]+(?:\s+(?:[A-Z][A-Za-z.'\-]+|de|al|el))*?)
        (?:,\s*(?P<region>[A-Z][A-Za-z.]+(?:\s[A-Z][A-Za-z.]+)?)(?=,\s*{month_word}|\s*\())?
        (?:,\s*{month}\s+(?P<day>\d{{1,2}})\.?)?
        \s*(?:\((?P<agency>{_FORMS})\)\s*(?:--|-|—|–|:)?|/(?P<slashed>{_FORMS})/\.?
            |(?:\((?P<wire>{_WIRE})\)|/(?P<wire_slashed>{_WIRE})/)\s*(?:--|-|—|–)
            |(?P<dash>--|—|–|-(?=\s)))""",
        re.X,
    )


@dataclass(frozen=True, slots=True)
class Dateline:
    place: str
    agency: str | None  # the agency's canonical name
    month: int | None
    day: int | None
    span: tuple[int, int]  # in the body
    date_span: tuple[int, int] | None
    timestamp: Timestamp | None = None  # a leading timestamp line


def dateline(record: Record) -> Dateline | None:
    body = record.text("body")
    head = body[:200]
    first_line = head.split("\n", 1)[0]
    if first_line.strip() and len(first_line) < 60:
        verdict = parse(first_line)
        if verdict.outcome in ("ok", "glued") and verdict.timestamp and verdict.timestamp.has_date:
            return Dateline("", None, verdict.timestamp.month, verdict.timestamp.day, (0, len(first_line)),
                            (0, len(first_line)), verdict.timestamp)
    match = _dateline().match(head)
    if not match or not match["place"]:
        return None
    agency = match["agency"] or match["slashed"]
    has_date = match["day"] is not None
    if (match["wire"] or match["wire_slashed"]) and not has_date:
        return None  # `Apple (AAPL) -`: an unknown name in brackets is a wire only after a date
    # Without an agency or a date, only an all-capitals place followed by a dash is a dateline.
    if not agency and not has_date and not (match["place"].isupper() and len(match["place"]) > 2):
        return None
    return Dateline(
        place=match["place"], agency=_BY_FORM[agency].name if agency else None,
        month=month_number(match["month"]) if has_date else None,
        day=int(match["day"]) if has_date else None, span=(match.start("place"), match.end()),
        date_span=(match.start("month"), match.end("day")) if has_date else None,
    )


def nearest_date(month: int, day: int, reference: dt.date) -> dt.date | None:
    """The date with this month and day nearest to `reference` (so a December dateline on a
    January story falls in the year before); None when no year has that day (30 February)."""
    best = None
    for year in (reference.year - 1, reference.year, reference.year + 1):
        try:
            candidate = dt.date(year, month, day)
        except ValueError:
            continue
        if best is None or abs(candidate - reference) < abs(best - reference):
            best = candidate
    return best


def published_date(record: Record) -> dt.date | None:
    """The published calendar date, when the published value pins one down to a day or two."""
    stamp = published(record)
    return dt.date(stamp.year, stamp.month, stamp.day) if stamp and stamp.has_date and not stamp.faults() else None
