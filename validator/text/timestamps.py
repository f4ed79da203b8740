"""A strict timestamp parser: it reads what is written and nothing else.

It recognises ISO 8601 / RFC 3339 (also compact `20201123T05:02:35Z`), RFC 2822 and HTTP
dates, the common news layouts (`21 July 2019 05:41 GMT`, `July 21, 2019 5:41 AM EDT`,
`21.07.2019 05:41`, `05:41 GMT +3 21 July 2019`, `04:25:06 PM IST Apr 08, 2020`), epoch
seconds and milliseconds, month and weekday names in en/fr/de/es/ru/ar/fa, and Persian and
Arabic-Indic digits. Every part of the text must be accounted for, or the value is not
parsed: nothing is guessed, no field is filled in from today, and each result says which
parts (date, time, zone) were present.

Where general-purpose parsers go wrong, this one does not (tests/test_timestamps.py shows
each): `GMT+3` and `UTC+3` mean +03:00 as news sites intend (python-dateutil reads POSIX
UTC-03:00); `GMT +3` keeps its offset; impossible offsets (+25:00, +05:17) are faults;
`July 2019` has no day rather than today's; a weekday that contradicts its date is a fault;
no fuzzy mode turns `Listen Live 24/7` into a date.

A value that fails because two parts were glued together by a scraper (`GMT +321 July 2019`)
is repaired by inserting the missing boundary and parsing each candidate strictly again.
"""
from __future__ import annotations

import calendar as _calendar
import dataclasses
import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, replace
from functools import cache
from itertools import combinations
from typing import Any

from ..record import Record
from .vocabulary import alternation, vocabulary
from .scanner import _Unread
from .scanner import microseconds, written_offset
from .scanner import scan as _scan_parts


def _digit_table() -> dict[int, str]:
    """Every script's decimal digits as ASCII digits, one character for one, so that spans
    still point into the original text."""
    table = {code: str(unicodedata.decimal(chr(code))) for code in range(0x660, 0x1FBFA)
             if unicodedata.category(chr(code)) == "Nd"}
    table[ord("،")] = ","
    return table


_DIGITS: dict[int, str] = {}


def _ascii_digits(text: str) -> str:
    if not _DIGITS:
        _DIGITS.update(_digit_table())
    return text.translate(_DIGITS)
UTC = dt.timezone.utc

# Real UTC offsets: whole hours from -12 to +14, and the half and quarter hours in use
# (IANA tz database, current and historical since 1970).
_REAL_PARTIAL_OFFSETS = {-570, -270, -210, -150, 210, 270, 330, 345, 390, 525, 570, 630, 765, 825}
MAX_GLUE_INSERTIONS = 2
MAX_GLUE_SITES = 24

_I = re.IGNORECASE
ISO = re.compile(
    r"(?P<year>\d{4})(?P<sep>-?)(?P<month>\d{2})(?P=sep)(?P<day>\d{2})"
    r"(?:[T ](?P<hour>\d{2}):?(?P<minute>\d{2})(?::?(?P<second>\d{2})(?:[.,](?P<fraction>\d{1,9}))?)?"
    r"(?P<zone>Z|[+-]\d{2}(?::?\d{2})?)?)?"
)
_PLACEHOLDERS = {
    "", "null", "none", "nil", "nan", "nat", "undefined", "invalid date", "n/a", "na", "unknown", "tbd",
    "date", "0", "-", "—", "0000-00-00", "0000-00-00 00:00:00", "00/00/0000", "yyyy-mm-dd", "dd/mm/yyyy",
}
_TEMPLATE = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\$\{.*?\}|<%.*?%>|%[YmdHMSzZbBaA]|\[\[.*?\]\]")
_GLUE_SITE = re.compile(r"(?<=\d)(?=\d)|(?<=\d)(?=[^\W\d_])|(?<=[^\W\d_])(?=\d)")


@dataclass(frozen=True, slots=True)
class Timestamp:
    """What a timestamp says, part by part; None where a part is not written."""

    year: int | None = None
    month: int | None = None
    day: int | None = None
    hour: int | None = None
    minute: int | None = None
    second: int | None = None
    microsecond: int = 0
    offset: int | None = None  # minutes east of UTC
    zone: str | None = None  # as written: Z, GMT+3, EDT, +0300
    zone_offsets: tuple[int, ...] = ()  # every reading of an ambiguous abbreviation
    weekday: int | None = None  # 1 Monday .. 7 Sunday, as written
    order: str | None = None  # numeric dates: "ymd", "dmy", "mdy" or "ambiguous"
    epoch: bool = False
    span: tuple[int, int] = (0, 0)
    alternatives: tuple[tuple[int, int, int], ...] = ()  # other (year, month, day) readings it may mean
    two_digit_year: bool = False
    calendar: str = "gregorian"  # as written: gregorian, persian (Solar Hijri), islamic (Hijri), buddhist
    written: tuple[int, int, int] | None = None  # (year, month, day) in its own calendar, when not Gregorian
    # Worked out on first use (a dozen rules ask): faults(), and interval() wrapped in a tuple.
    _faults: tuple[tuple[str, str], ...] | None = dataclasses.field(default=None, init=False, compare=False,
                                                                    repr=False)
    _interval: tuple | None = dataclasses.field(default=None, init=False, compare=False, repr=False)

    @property
    def has_date(self) -> bool:
        return None not in (self.year, self.month, self.day)

    @property
    def has_time(self) -> bool:
        return self.hour is not None

    @property
    def has_zone(self) -> bool:
        return self.offset is not None

    @property
    def missing(self) -> list[str]:
        """The parts a complete timestamp has and this one lacks (the zone aside)."""
        return [name for name, value in (("year", self.year), ("month", self.month), ("day", self.day),
                                         ("time", self.hour)) if value is None]

    def faults(self) -> tuple[tuple[str, str], ...]:
        """(kind, message) for what cannot be: kinds are date, time, offset, weekday."""
        if self._faults is None:
            object.__setattr__(self, "_faults", tuple(self._find_faults()))
        return self._faults

    def _find_faults(self) -> list[tuple[str, str]]:
        found = []
        if self.month is not None and not 1 <= self.month <= 12:
            found.append(("date", f"month {self.month} does not exist"))
        elif self.day is not None and self.month is not None:
            last = days_in_month(self.year or 2000, self.month)  # leap year when the year is unknown
            if not 1 <= self.day <= last:
                found.append(("date", f"day {self.day} does not exist in {_calendar.month_name[self.month]}"
                                      + (f" {self.year}" if self.year else "")))
        if self.hour is not None and not (0 <= self.hour <= 23 and 0 <= (self.minute or 0) <= 59
                                          and 0 <= (self.second or 0) <= 59):
            found.append(("time", f"time {self.hour:02d}:{self.minute or 0:02d}:{self.second or 0:02d} does not exist"))
        if self.offset is not None and not valid_offset(self.offset):
            found.append(("offset", f"UTC offset {format_offset(self.offset)} does not exist"))
        if self.weekday is not None and self.has_date and not found and dt.MINYEAR <= self.year <= dt.MAXYEAR:
            actual = dt.date(self.year, self.month, self.day).isoweekday()
            if actual != self.weekday:
                found.append(("weekday", f"{dt.date(self.year, self.month, self.day):%d %B %Y} was a "
                                         f"{_calendar.day_name[actual - 1]}, not a {_calendar.day_name[self.weekday - 1]}"))
        return found

    def faults_of(self, *kinds: str) -> bool:
        return any(kind in kinds for kind, _ in self.faults())

    def interval(self) -> tuple[dt.datetime, dt.datetime] | None:
        """The earliest and latest UTC moments the value can mean: exact when date, time and
        zone are written, wider when the zone (±14 h) or the time (the whole day) is not; None
        when they fall outside the years 1 to 9999, which no rule can place."""
        if self._interval is None:
            try:
                found = self._find_interval()
            except (ValueError, OverflowError):  # year 0, or 9999-12-31 moved past the end by its zone
                found = None
            object.__setattr__(self, "_interval", (found,))
        return self._interval[0]

    def _find_interval(self) -> tuple[dt.datetime, dt.datetime] | None:
        if self.year is None or self.month is None or self.faults_of("date", "time", "offset"):
            return None
        if self.day is None:
            start = dt.datetime(self.year, self.month, 1)
            end = start.replace(day=_calendar.monthrange(self.year, self.month)[1]) + dt.timedelta(days=1)
        elif self.hour is None:
            start = dt.datetime(self.year, self.month, self.day)
            end = start + dt.timedelta(days=1)
        else:
            start = end = dt.datetime(self.year, self.month, self.day, self.hour, self.minute or 0, self.second or 0,
                                      self.microsecond)
        if self.offset is not None and self.hour is not None and not self.alternatives:
            shift = dt.timedelta(minutes=self.offset)
            return (start - shift).replace(tzinfo=UTC), (end - shift).replace(tzinfo=UTC)
        offsets = self.zone_offsets or (-12 * 60, 14 * 60)
        earliest = (start - dt.timedelta(minutes=max(offsets))).replace(tzinfo=UTC)
        latest = (end - dt.timedelta(minutes=min(offsets))).replace(tzinfo=UTC)
        if self.calendar == "islamic":  # a Hijri month starts on a sighting: a day either way
            earliest, latest = earliest - dt.timedelta(days=1), latest + dt.timedelta(days=1)
        for year, month, day in self.alternatives:  # 03/04/2019: either reading may be the one meant
            other = replace(self, year=year, month=month, day=day, alternatives=(), order="dmy").interval()
            if other:
                earliest, latest = min(earliest, other[0]), max(latest, other[1])
        return earliest, latest

    def dates(self) -> list[str]:
        """Every day the value may mean, as ISO dates: its reading, then its alternatives."""
        days = [(self.year, self.month, self.day), *self.alternatives]
        return [f"{y:04d}-{m:02d}-{d:02d}" for y, m, d in days if None not in (y, m, d)]

    def iso(self) -> str:
        """ISO 8601 of the parts present (`2019-07`, `--07-21` and `T05:41` for partial values),
        with the offset when one is written."""
        year = f"{self.year:04d}" if self.year is not None else "-"
        if self.month is None:
            text = year if self.year is not None else ""
        elif self.day is None:
            text = f"{year}-{self.month:02d}"
        else:
            text = f"{year}-{self.month:02d}-{self.day:02d}"
        if self.has_time and 0 <= self.hour <= 99:
            text += f"T{self.hour:02d}:{self.minute or 0:02d}:{self.second or 0:02d}"
            if self.microsecond:
                text += f".{self.microsecond:06d}".rstrip("0")
            if self.offset is not None:
                text += format_offset(self.offset)
        return text


@dataclass(frozen=True, slots=True)
class Parse:
    """The verdict on one timestamp value.

    outcome: ok | placeholder | relative | unparseable | multiple | glued.
    `timestamp` is the reading (for glued, the repaired one when there is a single best);
    `candidates` are every repair with the fewest insertions (glued) or every timestamp
    found (multiple); `repairs` the repaired strings, in the order of `candidates`.
    """

    text: str
    outcome: str
    timestamp: Timestamp | None = None
    candidates: tuple[Timestamp, ...] = ()
    repairs: tuple[str, ...] = ()
    detail: str = ""
    layout: str = ""
    written: bool = True  # the value was text (spans point into it); False for numbers and others


_DAYS_IN_MONTH = (0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def days_in_month(year: int, month: int) -> int:
    if month == 2 and year % 4 == 0 and (year % 100 != 0 or year % 400 == 0):
        return 29
    return _DAYS_IN_MONTH[month]


def valid_offset(minutes: int) -> bool:
    return (minutes % 60 == 0 and -12 * 60 <= minutes <= 14 * 60) or minutes in _REAL_PARTIAL_OFFSETS


def format_offset(minutes: int) -> str:
    if minutes == 0:
        return "+00:00"
    sign = "-" if minutes < 0 else "+"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def parse(value: Any) -> Parse:
    """Parse one timestamp value (text, or an epoch number)."""
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        return Parse(repr(value), "unparseable", detail=f"a {type(value).__name__} is not a timestamp", written=False)
    if not isinstance(value, str):
        return replace(_epoch(value, repr(value)), written=False)
    text = value
    normal = text if text.isascii() else _ascii_digits(text)
    stripped = normal.strip()
    if stripped.lower() in _PLACEHOLDERS or _TEMPLATE.search(stripped):
        return Parse(text, "placeholder", detail="a placeholder, not a timestamp")
    if stripped.isdigit() and len(stripped) in (10, 13):
        return _epoch(int(stripped), text)
    rfc = RFC_2822.fullmatch(stripped)
    if rfc:
        layout = _RFC_LAYOUT if rfc["weekday"] else _RFC_LAYOUT.removeprefix("Weekday ")
        return _placeholder_or(Parse(text, "ok", _from_rfc_2822(rfc, normal.index(stripped)), layout=layout))
    iso = ISO.fullmatch(stripped)
    if iso and not iso["sep"] and not (1 <= int(iso["month"]) <= 12 and 1 <= int(iso["day"]) <= 31):
        iso = None  # eight digits that are no YYYYMMDD (05032021) are not read as one
    if iso and not _HIJRI_ERA.match(stripped):  # 1398-04-30 is a Solar Hijri or Hijri date
        start = normal.index(stripped)
        layout = "ISO 8601" if iso["sep"] or not iso["hour"] else "ISO 8601 basic"
        return _placeholder_or(Parse(text, "ok", _from_iso(iso, start), layout=layout))
    scanned = _scan(normal, _persian_digits(text))
    if isinstance(scanned, _Unread):
        return _unread(text, normal, stripped, scanned)
    stamps, layout = scanned
    if len(stamps) > 1:
        return Parse(text, "multiple", stamps[0], tuple(stamps), detail=f"{len(stamps)} timestamps in one value",
                     layout=layout)
    result = _placeholder_or(Parse(text, "ok", stamps[0], layout=layout))
    suspicious = stamps[0].faults_of("date", "offset") or any(part != "time" for part in stamps[0].missing)
    # A glue can also make a readable but wrong value (`+1021 July`: offset +10:21, no day).
    return (_glued(normal, text, layout) if suspicious else None) or result


def _unread(text: str, normal: str, stripped: str, unread: _Unread) -> Parse:
    if _relative().search(normal):
        return Parse(text, "relative", detail="a relative time, not a date")
    repaired = _glued(normal, text, "", unread.position)
    if repaired:
        return repaired
    stamp = _dateutil_reading(stripped)
    if stamp:
        return _placeholder_or(Parse(text, "ok", stamp, layout="other"))
    return Parse(text, "unparseable", detail=unread.detail)


def _placeholder_or(result: Parse) -> Parse:
    stamp = result.timestamp
    if stamp and stamp.has_date and (stamp.year <= 1 or (stamp.year, stamp.month, stamp.day) in
                                     ((1970, 1, 1), (1900, 1, 1))) and not stamp.hour and not stamp.minute:
        return Parse(result.text, "placeholder", stamp, detail=f"{stamp.iso()} is a default value, not a date",
                     layout=result.layout)
    return result


def _epoch(number: float, text: str) -> Parse:
    if number == 0:
        return Parse(text, "placeholder", detail="epoch 0 is a default value, not a date")
    if 1e11 <= abs(number) < 1e14:
        number /= 1000  # milliseconds
    if not 1e8 <= number < 1e10:
        return Parse(text, "unparseable", detail="a number that is not epoch seconds or milliseconds")
    moment = dt.datetime.fromtimestamp(number, UTC)
    stamp = Timestamp(moment.year, moment.month, moment.day, moment.hour, moment.minute, moment.second,
                      moment.microsecond, 0, "epoch", epoch=True, span=(0, len(text)))
    return Parse(text, "ok", stamp, layout="epoch")


def _from_iso(match: re.Match, start: int) -> Timestamp:
    g = match.groupdict()
    zone = g["zone"]
    offset = None
    if zone:
        offset = 0 if zone == "Z" else written_offset(zone[0], zone[1:3], zone[-2:] if len(zone) > 3 else "0")[0]
    return Timestamp(
        int(g["year"]), int(g["month"]), int(g["day"]),
        _int(g["hour"]), _int(g["minute"]), _int(g["second"]), microseconds(g["fraction"] or "0"),
        offset, zone, (), order="ymd", span=(start, start + match.end()),
    )


_RFC_MONTHS = {name: number for number, name in enumerate(
    ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"), 1)}
_RFC_DAYS = {name: number for number, name in enumerate(("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"), 1)}
# RFC 2822 / RFC 1123 as feeds and HTTP write it, read without the general scanner (which
# reads it the same way, more slowly).
RFC_2822 = re.compile(
    rf"(?:(?P<weekday>{'|'.join(_RFC_DAYS)}), )?(?P<day>\d{{1,2}}) (?P<month>{'|'.join(_RFC_MONTHS)}) (?P<year>\d{{4}}) "
    r"(?P<hour>\d{2}):(?P<minute>\d{2})(?::(?P<second>\d{2}))? (?P<zone>[+-]\d{4}|GMT|UT)")
_RFC_LAYOUT = "Weekday D Month YYYY HH:MM zone"


def _from_rfc_2822(match: re.Match, start: int) -> Timestamp:
    g = match.groupdict()
    zone = g["zone"]
    offset = 0 if zone in ("GMT", "UT") else written_offset(zone[0], zone[1:3], zone[3:])[0]
    return Timestamp(int(g["year"]), _RFC_MONTHS[g["month"]], int(g["day"]), int(g["hour"]), int(g["minute"]),
                     _int(g["second"]), 0, offset, zone, (), _RFC_DAYS.get(g["weekday"]),
                     span=(start, start + match.end()))


def _int(text: str | None) -> int | None:
    return None if text is None else int(text)


def _persian_digits(text: str) -> bool:
    return not text.isascii() and _PERSIAN_DIGITS.search(text) is not None


def _scan(text: str, persian: bool = False, cache: bool = True) -> tuple[list[Timestamp], str] | _Unread:
    """The timestamps of a text whose digits are ASCII; `persian` when they were written in
    Persian digits (which say a numeric Hijri-era date is Solar Hijri). Repair candidates use
    the layout cache too: a source's glued values share their layout, and only candidates
    that read are kept."""
    scanned = _scan_parts(text, cache)
    if isinstance(scanned, _Unread):
        return scanned
    found, layout = scanned
    stamps = []
    for values in found:
        stamp = _timestamp(values, text, persian)
        if isinstance(stamp, _Unread):
            return stamp
        stamps.append(stamp)
    return stamps, layout


# Years written in another calendar: Solar Hijri years 1300-1410 are 1921-2031; Hijri years
# 1340-1460 are 1921-2038; Thai Buddhist-era years are 543 ahead.
_PERSIAN_YEARS = range(1300, 1411)
_ISLAMIC_YEARS = range(1340, 1461)
_BUDDHIST_YEARS = range(2443, 2700)
_PERSIAN_DIGITS = re.compile("[۰-۹]")
_HIJRI_ERA = re.compile(r"1[34]\d\d")
_THAI = re.compile("[\u0e00-\u0e7f]")


def _timestamp(values: dict[str, Any], text: str, persian: bool) -> Timestamp | _Unread:
    zone = values.pop("zone_name", None)
    calendar = values.pop("calendar", None)
    numeric = values.pop("numeric", False)
    year = values.get("year")
    if year is not None and values.get("two_digit_year"):
        calendar = calendar or _two_digit_calendar(text, persian)
        if calendar:
            values = _full_years(values, calendar)
    elif year is not None and calendar is None:
        calendar = _calendar_of(year, numeric, text, persian)
    if calendar in _OFFSET_YEARS or calendar in _CONVERTED:
        converted = _to_gregorian(calendar, values)
        if isinstance(converted, _Unread):
            return converted
        values = converted
    if values.get("weekday") and values.get("alternatives"):
        values = _by_weekday(values)
    if zone is not None:
        values.update(_zone_values(zone, values))
    return Timestamp(**values)


def _by_weekday(values: dict[str, Any]) -> dict[str, Any]:
    """`Mon, 3/1/2021`: of the readings a date may have, the one its weekday names is meant."""
    readings = [(values["year"], values["month"], values["day"]), *values["alternatives"]]
    matching = []
    for year, month, day in readings:
        try:
            if day and dt.date(year, month, day).isoweekday() == values["weekday"]:
                matching.append((year, month, day))
        except (ValueError, TypeError):
            continue
    if len(matching) != 1:
        return values
    year, month, day = matching[0]
    order = values.get("order")
    first = readings[0]
    if order == "ambiguous" and readings[1:] == [(first[0], first[2], first[1])]:  # day and month swapped
        order = "dmy" if (year, month, day) == first else "mdy"
    elif order == "ambiguous":
        order = None
    return {**values, "year": year, "month": month, "day": day, "alternatives": (), "order": order}


_OFFSET_YEARS = {"buddhist": -543, "roc": 1911}  # Thai Buddhist era; Minguo (Taiwan) years
_CONVERTED = {"persian": ("persian",), "islamic": ("islamic",), "persian-or-islamic": ("persian", "islamic")}


def _calendar_of(year: int, numeric: bool, text: str, persian: bool) -> str | None:
    """The calendar of a date written without a calendar's month name or marker, from its year
    (a Gregorian month's name says Gregorian)."""
    if year in _BUDDHIST_YEARS and (numeric or _THAI.search(text)):
        return "buddhist"
    if year < 200 and not numeric and "年" in text:
        return "roc"  # 108年7月21日
    if not numeric:
        return None
    solar, lunar = year in _PERSIAN_YEARS, year in _ISLAMIC_YEARS
    if solar and lunar:
        return "persian" if persian else "persian-or-islamic"
    return "persian" if solar else "islamic" if lunar else None


def _two_digit_calendar(text: str, persian: bool) -> str | None:
    """Thai dates write two-digit Buddhist years (`21 ก.ค. 62`), Iranian ones two-digit Solar
    Hijri years (`۹۸/۰۴/۳۰`)."""
    return "buddhist" if _THAI.search(text) else "persian" if persian else None


def _full_years(values: dict[str, Any], calendar: str) -> dict[str, Any]:
    def full(year: int) -> int:
        two = year % 100
        return 2500 + two if calendar == "buddhist" else (1300 if two >= 50 else 1400) + two

    return {**values, "year": full(values["year"]),
            "alternatives": tuple((full(y), m, d) for y, m, d in values.get("alternatives", ()))}


def _to_gregorian(calendar: str, values: dict[str, Any]) -> dict[str, Any] | _Unread:
    """The Gregorian readings of a date (and of its other readings) written in another calendar."""
    year, month, day = values.get("year"), values.get("month"), values.get("day")
    if year is None or month is None:
        return _Unread(f"a {calendar} date needs its year and month to be read")
    written = [(year, month, day), *values.get("alternatives", ())]
    readings: list[tuple[int, int, int | None]] = []
    for y, m, d in written:
        if calendar in _OFFSET_YEARS:
            found = [(y + _OFFSET_YEARS[calendar], m, d)]
        else:
            found = [(g.year, g.month, g.day if d else None) for name in _CONVERTED[calendar]
                     if (g := _convert(name, y, m, d or 1)) is not None]
        readings.extend(r for r in found if r not in readings)
    if not readings:
        return _Unread(f"{year}-{month:02d}-{day or 1:02d} is no {calendar} date")
    (first_year, first_month, first_day), others = readings[0], readings[1:]
    names = _CONVERTED.get(calendar, (calendar,))
    used = calendar if len(names) > 1 and others and len(written) == 1 else names[0]
    return {**values, "year": first_year, "month": first_month, "day": first_day, "calendar": used,
            "written": (year, month, day or 0), "alternatives": tuple((y, m, d or 1) for y, m, d in others)}


def _convert(calendar: str, year: int, month: int, day: int) -> dt.date | None:
    try:
        if calendar == "persian":
            import jdatetime

            return jdatetime.date(year, month, day).togregorian()
        from hijridate import Hijri

        return Hijri(year, month, day).to_gregorian()
    except (ValueError, OverflowError):
        return None


def _zone_values(zone, values: dict[str, Any]) -> dict[str, Any]:
    """Offset of a zone abbreviation: on the value's date where the zone's offset has changed
    with the seasons or the years (`ET`, `MSK` in 2012); every reading when it is ambiguous."""
    if zone.tz is not None and values.get("day") and values.get("month") and values.get("year"):
        try:
            moment = dt.datetime(values["year"], values["month"], values["day"], min(values.get("hour") or 12, 23))
            return {"offset": zone.offset_on(moment), "zone": zone.abbreviation}
        except (ValueError, OverflowError):
            pass  # no such day: the date's own fault is reported
    offsets = zone.offsets if zone.ambiguous or (zone.tz and zone.kind == "generic") else ()
    return {"offset": zone.offsets[0], "zone": zone.abbreviation, "zone_offsets": offsets if len(offsets) > 1 else ()}


@cache
def _relative() -> re.Pattern:
    """Relative-time words (`ago`, `yesterday`): compiled on first use, with the vocabulary."""
    return re.compile(rf"(?<![^\W\d_])(?:{alternation(vocabulary().relative)})(?![^\W\d_])", _I)


def _complete(stamp: Timestamp) -> bool:
    """A repair must give a whole, valid reading with nothing guessed."""
    return (stamp.has_date and not stamp.faults_of("date", "time", "offset") and not stamp.two_digit_year
            and not stamp.alternatives)


def _glued(normal: str, text: str, layout: str, failed_at: int | None = None) -> Parse | None:
    """Insert the missing boundaries (digit|digit, digit|letter, letter|digit), fewest first;
    keep the candidates that parse strictly into one complete, valid timestamp. When the scan
    stopped at a position, only the word there and its neighbours are tried: a glue farther
    away would not have stopped it."""
    sites = [m.start() for m in _GLUE_SITE.finditer(normal)]
    if failed_at is not None:
        low = normal.rfind(" ", 0, max(0, normal.rfind(" ", 0, failed_at)))
        after = normal.find(" ", failed_at)
        high = -1 if after < 0 else normal.find(" ", after + 1)
        sites = [site for site in sites if low < site and (high < 0 or site < high)]
    sites = sites[:MAX_GLUE_SITES]
    persian = _persian_digits(text)
    for count in range(1, MAX_GLUE_INSERTIONS + 1):
        found: list[tuple[Timestamp, str]] = []
        for chosen in combinations(sites, count):
            candidate = _insert_spaces(normal, chosen)
            scanned = _scan(candidate, persian)
            if not isinstance(scanned, _Unread) and len(scanned[0]) == 1 and _complete(scanned[0][0]):
                found.append((scanned[0][0], _insert_spaces(text, chosen)))
        if found:
            best = found[0][0] if len({s.iso() for s, _ in found}) == 1 else None
            return Parse(text, "glued", best, tuple(s for s, _ in found), tuple(r for _, r in found),
                         detail=f"{count} missing boundar{'y' if count == 1 else 'ies'}", layout=layout)
    return None


def _insert_spaces(text: str, sites: tuple[int, ...]) -> str:
    pieces, last = [], 0
    for site in sites:
        pieces.append(text[last:site])
        last = site
    pieces.append(text[last:])
    return " ".join(pieces)


_DATEUTIL_UNSAFE = re.compile(r"(?:GMT|UTC|UT)\s*[+\-−]|[A-Za-z]{2,}\s*[+\-−]\d|\d\s*/\s*\d"
                              r"|(?<!\d)\d{1,2}\s*[-.]\s*\d{1,2}\s*[-.]\s*\d{1,2}(?!\d)", re.I)


# dateutil is asked only about a value with an English month name and one four-digit year:
# without them it makes dates of scores (`3-2`), ranges (`July 21-22, 2019`), `1 of 12` and
# bare numbers (`05 03 2021`, `210305`), in an order it guesses.
_DATEUTIL_MONTH = re.compile(rf"(?<![^\W\d_])(?:{'|'.join(_RFC_MONTHS)})[a-z]*\.?(?![^\W\d_])", re.I)
_DATEUTIL_RANGE = re.compile(r"\d\s*[-–—]\s*\d|(?<![^\W\d_])of(?![^\W\d_])", re.I)
_YEAR_RUN = re.compile(r"(?<!\d)\d{4}(?!\d)")


def _dateutil_reading(text: str) -> Timestamp | None:
    """A second opinion for layouts the scanner does not know, from python-dateutil, used only
    where it is known to be right: no fuzzy mode; parsed with two different defaults, so a
    part that differs between the two was filled in, not read; refused when the text holds
    what dateutil misreads (POSIX-signed `GMT+3`, slashed dates whose order it guesses, numeric
    dates with a two-digit year, where it guesses which part is the year: `14-12-29`) or a
    zone name it would drop."""
    if _DATEUTIL_UNSAFE.search(text) or _DATEUTIL_RANGE.search(text) or not _DATEUTIL_MONTH.search(text) \
            or len(_YEAR_RUN.findall(text)) != 1:
        return None
    import warnings

    from dateutil import parser as du

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # UnknownTimezoneWarning: a zone name dropped
            one = du.parse(text, default=dt.datetime(2001, 1, 1, 0, 0, 0))
            two = du.parse(text, default=dt.datetime(2002, 2, 2, 1, 1, 1))
    except (ValueError, OverflowError, Warning):
        return None
    if one.tzinfo is not None and one.utcoffset() != two.utcoffset():
        return None
    if not _accounted_for(text, one, two):
        return None
    same = {name: getattr(one, name) == getattr(two, name) for name in ("year", "month", "day", "hour")}
    offset = one.utcoffset()
    return Timestamp(
        one.year if same["year"] else None, one.month if same["month"] else None, one.day if same["day"] else None,
        one.hour if same["hour"] else None, one.minute if same["hour"] else None,
        one.second if same["hour"] else None, one.microsecond if same["hour"] else 0,
        None if offset is None else int(offset.total_seconds() // 60), one.tzname() if one.tzinfo else None,
        span=(0, len(text)),
    )


def _accounted_for(text: str, one: dt.datetime, two: dt.datetime) -> bool:
    """Every number of the text is a part of the reading: dateutil overwrites a part written
    twice (two timestamps back to back) and skips what it takes for noise."""
    runs = re.findall(r"\d+", text)  # one of four digits: _dateutil_reading asks about no other text
    parts = sum(getattr(one, name) == getattr(two, name) for name in ("year", "month", "day", "hour"))
    parts += 2 if one.hour == two.hour else 0  # minute and second
    parts += 1 if one.microsecond else 0
    parts += 2 if one.tzinfo is not None else 0
    return len(runs) <= parts


# Analyses on records, cached through Record.analysis.

def field_parse(record: Record, field: str) -> Parse | None:
    value = record.get(field)
    return None if value is None else parse(value)


def timestamp_values(record: Record, outcome: str | None = None) -> list[tuple[str, Parse]]:
    """(field, verdict) for each timestamp field the record carries; with `outcome`, only the
    values of that verdict ("ok": read as one timestamp, which `verdict.timestamp` holds)."""
    values = record.analysis(_timestamp_values)
    return values if outcome is None else [(field, verdict) for field, verdict in values if verdict.outcome == outcome]


def _timestamp_values(record: Record) -> list[tuple[str, Parse]]:
    found = []
    for field in record.timestamp_fields:
        verdict = record.analysis(field_parse, field)
        if verdict is not None:
            found.append((field, verdict))
    return found


def reading(record: Record, field: str) -> Timestamp | None:
    """What the field says, for comparing moments: the strict reading, or the repair when a
    glued value has a single best one; None when the value cannot be trusted."""
    verdict = record.analysis(field_parse, field)
    if verdict is None or verdict.outcome not in ("ok", "glued") or verdict.timestamp is None:
        return None
    return verdict.timestamp


def published(record: Record) -> Timestamp | None:
    """The published moment the temporal rules work with (repaired when glued). How exact it
    is shows in `interval()`; whether it was read or repaired, in `published_confidence`."""
    return record.analysis(reading, "published")


def published_confidence(record: Record) -> str | None:
    """"read" (parsed as written), "repaired" (a glued value's single best repair), or None."""
    if published(record) is None:
        return None
    return "read" if record.analysis(field_parse, "published").outcome == "ok" else "repaired"


def whole(verdict: Parse) -> tuple[int, int] | None:
    """The span of the whole value, when it was text."""
    return (0, len(verdict.text)) if verdict.written else None
