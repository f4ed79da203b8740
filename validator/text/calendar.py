"""Month, weekday, relative-time and time-zone names, loaded once from the data files beside
this module (data/calendar.tsv, data/zones.tsv: their headers give the sources)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from importlib.resources import files

_DATA = files(__package__).joinpath("data")


def _rows(name: str) -> list[list[str]]:
    text = _DATA.joinpath(name).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]


@dataclass(frozen=True, slots=True)
class Zone:
    abbreviation: str
    offsets: tuple[int, ...]  # minutes east of UTC, the most common reading first
    meaning: str

    @property
    def ambiguous(self) -> bool:
        return len(self.offsets) > 1


def _minutes(text: str) -> int:
    sign = -1 if text[0] == "-" else 1
    hours, minutes = text[1:].split(":")
    return sign * (int(hours) * 60 + int(minutes))


ZONES = {row[0]: Zone(row[0], tuple(_minutes(o) for o in row[1].split("|")), row[2]) for row in _rows("zones.tsv")}
MONTHS: dict[str, int] = {}
WEEKDAYS: dict[str, int] = {}
RELATIVE_WORDS: list[str] = []
for kind, _language, name, number in _rows("calendar.tsv"):
    if kind == "month":
        MONTHS[name] = int(number)
    elif kind == "weekday":
        WEEKDAYS[name] = int(number)
    else:
        RELATIVE_WORDS.append(name)


def alternation(names) -> str:
    """A regex alternation of names, longest first so that 'sept' wins over 'sep'."""
    return "|".join(re.escape(name) for name in sorted(names, key=len, reverse=True))


def lookup(table: dict[str, int], word: str) -> int:
    return table[word.lower().rstrip(".")]
