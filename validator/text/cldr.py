"""Build data/names.tsv, the date vocabulary of every CLDR locale, from Babel's CLDR data.

Run `python -m validator.text.cldr` (needs the `cldr` extra) after upgrading Babel; the
file records the Babel and CLDR versions it came from, and tests/test_world_dates.py checks
that it is what this module builds from the installed Babel. The parser never imports Babel.

What is taken, for every locale Babel ships:
- month and weekday names: wide and abbreviated, format (genitive) and stand-alone forms;
- day periods (am/pm words) of every width, and the era marker of the common era;
- from the date, time and date-time patterns: the words between the fields. A word written
  right after a numeric field with no space (`y年`, `d일`, `H時`) marks that field; any
  other word is a connector (`de`, `à`, `um`, `г`, `klo`, `ساعت`); a word written right
  before a month name (Hebrew `בMMMM`) is a prefix of that name;
- Solar Hijri and Hijri month names from the converters newslint uses (jdatetime,
  hijridate), whose tables follow the calendars' official names;
- time-zone abbreviations from CLDR's metazone short names, with their offsets.
"""
from __future__ import annotations

import datetime as dt
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

from .timestamps import format_offset
from .vocabulary import key

OUT = Path(__file__).parent / "data" / "names.tsv"
_FIELD = re.compile(r"'(?:[^']|'')*'|([A-Za-z])\1*|[^A-Za-z']+")
_NUMERIC_FIELDS = {"y": "year", "d": "day", "H": "hour", "h": "hour", "K": "hour", "k": "hour", "m": "minute",
                   "s": "second"}


_NAMED = ("month", "weekday", "era", "period")
# CLDR's day periods as morning or afternoon: `morning1` is before noon, `evening1` after.
_MERIDIEM = {"am": "am", "pm": "pm", "morning": "am", "afternoon": "pm", "evening": "pm"}


def _pattern_parts(pattern: str) -> list[tuple[str, str]]:
    """(field letters, "") or ("", literal text) for each piece of a CLDR pattern."""
    parts = []
    for match in _FIELD.finditer(pattern):
        piece = match.group(0)
        if match.group(1):
            parts.append((piece, ""))
        elif piece.startswith("'"):
            parts.append(("", piece[1:-1].replace("''", "'") or "'"))
        else:
            parts.append(("", piece))
    return parts


def _words(literal: str) -> list[str]:
    return [w for w in (key(p) for p in re.split(r"[\s,/:;()\[\]{}\-–—،]+", literal)) if w and any(c.isalpha() for c in w)]


def _patterns(locale) -> list[str]:
    found = []
    at_time = locale._data.get("datetime_formats_relative") or {}  # CLDR's atTime: `{1} 'um' {0}`
    for table in (locale.date_formats, locale.time_formats, locale.datetime_formats, at_time):
        for width in ("full", "long", "medium", "short"):
            try:
                value = table[width]
            except KeyError:
                continue
            found.append(getattr(value, "pattern", value))
    return found


def collect() -> dict[tuple[str, str, str], set[str]]:
    """(name, kind, value) -> the languages that write it, for every locale Babel ships."""
    from babel import Locale, localedata

    rows: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    for identifier in localedata.locale_identifiers():
        locale = Locale.parse(identifier)

        def add(word: str, kind: str, value, language: str = locale.language) -> None:
            word = key(word)
            if not word or word.isdigit() or (len(word) == 1 and word.isascii() and kind in _NAMED):
                return  # narrow forms: one Latin letter is no name
            rows[(word, kind, str(value))].add(language)

        _names(locale, add)
        _pattern_words(locale, add)
    return rows


def _names(locale, add) -> None:
    """Month, weekday, day-period, era and UTC names of a locale."""
    for context in ("format", "stand-alone"):
        for width in ("wide", "abbreviated"):
            for number, name in locale.months.get(context, {}).get(width, {}).items():
                add(name, "month", number)
                numbered = re.fullmatch(r"(\d+)\s*(\D+)", name)
                if numbered and int(numbered.group(1)) == number:  # Korean `7월`: the word marks a month
                    add(numbered.group(2), "marker", "month")
            for number, name in locale.days.get(context, {}).get(width, {}).items():
                add(name, "weekday", number + 1)  # Babel: 0 is Monday
        for width in ("wide", "abbreviated", "narrow"):
            for period, name in locale.day_periods.get(context, {}).get(width, {}).items():
                meaning = _MERIDIEM.get(period.rstrip("12"))
                if meaning:
                    add(name, "period", meaning)
    utc = locale.time_zones.get("Etc/UTC", {})
    for written in (locale.zone_formats.get("gmt", ""), locale.zone_formats.get("gmt_utc", ""),
                    utc.get("short", {}).get("standard", ""), utc.get("long", {}).get("standard", "")):
        words = _words(written.replace("%s", " "))
        if words:
            add(" ".join(words), "gmt", "-")
    for width in ("wide", "abbreviated"):
        if 1 in locale.eras.get(width, {}):
            add(locale.eras[width][1], "era", "ce")


def _pattern_words(locale, add) -> None:
    """The words between the fields of a locale's date, time and date-time patterns."""
    for pattern in _patterns(locale):
        parts = _pattern_parts(pattern)
        for index, (_, literal) in enumerate(parts):
            if not literal:
                continue
            before = parts[index - 1][0] if index else ""
            after = parts[index + 1][0] if index + 1 < len(parts) else ""
            glued_after = not literal[0].isspace()
            for word in _words(literal):
                whole = key(literal) == word
                if before[:1] in ("H", "h", "K", "k", "m", "s") and len(before) <= 2 and whole:
                    add(word, "marker", _NUMERIC_FIELDS[before[0]])  # `H時`, Thai `H นาฬิกา`
                elif before[:1] in _NUMERIC_FIELDS and len(before) <= 2 and glued_after and whole \
                        and literal.strip() == literal.strip(" ."):
                    add(word, "marker", _NUMERIC_FIELDS[before[0]])  # `y年`, `d일`
                elif before[:1] in ("M", "L") and len(before) <= 2 and glued_after and whole:
                    add(word, "marker", "month")  # `M月`
                elif after[:1] in ("M", "L") and len(after) >= 3 and not literal[-1].isspace():
                    add(word, "prefix", "month")  # Hebrew `בMMMM`
                elif before[:1] in ("M", "L") and len(before) >= 3 and glued_after and word == _words(literal)[0]:
                    width = "wide" if len(before) == 4 else "abbreviated"  # Basque `MMMM'ren'`: a suffix
                    for context in ("format", "stand-alone"):
                        for number, name in locale.months.get(context, {}).get(width, {}).items():
                            add(name + word, "month", number)
                else:
                    add(word, "connector", "-")


def calendar_months() -> dict[tuple[str, str, str], set[str]]:
    import jdatetime
    from hijridate import Hijri

    rows: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    for names, language in ((jdatetime.date.j_months_fa, "fa"), (jdatetime.date.j_months_en, "en")):
        for number, name in enumerate(names, 1):
            rows[(key(name), "month-persian", str(number))].add(language)
    for language in ("ar", "en"):
        for number in range(1, 13):
            rows[(key(Hijri(1440, number, 1).month_name(language)), "month-islamic", str(number))].add(language)
    return rows


def zones() -> dict[tuple[str, str, str], set[str]]:
    """Short metazone names (EST, MEZ, ET) of every locale: the value is `kind offset zone`,
    kind standard, daylight or generic, offset the usual one, zone the metazone's main IANA
    zone (its offset on a value's date is the one read)."""
    from babel import Locale, localedata

    keepers = _metazone_keepers()
    rows: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    for identifier in localedata.locale_identifiers():
        for meta, names in Locale.parse(identifier).meta_zones.items():
            if meta not in keepers:
                continue
            standard, daylight, keeper = keepers[meta]
            short = names.get("short", {})
            for kind, name in short.items():
                fixed = kind == "generic" and name in (short.get("standard"), short.get("daylight"))
                if name and name.isalpha() and name.isupper() and not fixed:
                    offset = format_offset(int((daylight if kind == "daylight" else standard).total_seconds() // 60))
                    rows[(name, "zone", f"{kind} {offset} {keeper}")].add(meta)
    return rows


def _metazone_keepers() -> dict[str, tuple[dt.timedelta, dt.timedelta, str]]:
    """Metazone -> its standard and daylight offsets and main zone: the zone Windows gives for
    the metazone's English name (`Eastern Standard Time`: America/New_York), else a zone Windows
    gives for the world, of the metazone's most common territory, keeping summer time where
    one does (America/Chicago, not Mexico's zones; Europe/Moscow, not Minsk)."""
    from zoneinfo import ZoneInfo

    from babel import Locale
    from babel.core import get_global

    windows = get_global("windows_zone_mapping")
    golden = set(windows.values())
    territories = get_global("zone_territories")
    english = Locale("en").meta_zones
    members: dict[str, list[str]] = defaultdict(list)
    for zone, meta in sorted(get_global("meta_zones").items()):
        members[meta].append(zone)
    winter, summer = dt.datetime(2021, 1, 15, 12), dt.datetime(2021, 7, 15, 12)
    keepers = {}
    for meta, zones in members.items():
        common = Counter(territories.get(zone) for zone in zones)
        named = windows.get(english.get(meta, {}).get("long", {}).get("standard", ""))
        readings = []
        for zone in zones:
            try:
                tz = ZoneInfo(zone)
            except Exception:  # noqa: BLE001 - a zone this system's tzdata lacks
                continue
            offsets = sorted(moment.replace(tzinfo=tz).utcoffset() for moment in (winter, summer))
            readings.append((zone != named, zone not in golden, -common[territories.get(zone)],
                             offsets[0] == offsets[1], zone, offsets))
        if readings:
            *_, no_summer_time, keeper, (standard, daylight) = min(readings)
            if no_summer_time:
                daylight = standard + dt.timedelta(hours=1)  # a summer name of the past (MSD, BRST)
            keepers[meta] = (standard, daylight, keeper)
    return keepers



def build() -> str:
    import babel

    rows = collect()
    for extra in (calendar_months(), zones()):
        for row, languages in extra.items():
            rows[row] |= languages
    lines = [
        f"# Generated by `python -m validator.text.cldr` from Babel {babel.__version__} "
        f"(CLDR {_cldr_version()}); do not edit.",
        "# Columns: name (lower case, dots and bidi marks removed), kind, value, languages or metazones.",
        "# kinds: month (1-12), weekday (1 Monday - 7 Sunday), period (am | pm), era (ce), marker (the",
        "# numeric field a word marks: year, month, day, hour, minute, second), prefix (written before",
        "# a month name), connector, gmt (a word for GMT before or after an offset), month-persian and",
        "# month-islamic (1-12), zone (standard, daylight or generic, the usual offset, and the IANA",
        "# zone whose offset on the value's date is read).",
    ]
    for (word, kind, value), languages in sorted(rows.items()):
        lines.append(f"{word}\t{kind}\t{value}\t{','.join(sorted(languages))}")
    return "\n".join(lines) + "\n"


def _cldr_version() -> str:
    from babel.core import get_global

    try:
        return str(get_global("cldr")["version"])
    except Exception:  # noqa: BLE001 - older Babel keeps no version
        return "unknown"


def babel_version_of(text: str) -> str | None:
    match = re.search(r"from Babel (\S+)", text)
    return match.group(1) if match else None


if __name__ == "__main__":
    OUT.write_text(build(), encoding="utf-8")
    print(f"wrote {OUT}", file=sys.stderr)
