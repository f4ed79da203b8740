"""People named in the text, and one person written several ways."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator

from validator.datafiles import read, rows
from validator.record import Record
from validator.rule import Problem, RecordRule
from validator.text.marks import without_marks
from validator.text.names import (
    NameMention,
    Person,
    people,
    spelling,
    shared_parts,
    written_differently,
)

HOUSE_SPELLINGS_OPTION = {
    "house_spellings": {"type": "string",
                        "description": "more house spellings, in the format of house_spellings.tsv"},
}


class HouseSpellings:
    """Spelling -> the house spelling of that person (data/house_spellings.tsv, plus the user's)."""

    def __init__(self, extra: str = ""):
        self.canonical: dict[str, str] = {}
        for row in rows(read(__package__, "house_spellings.tsv") + "\n" + extra):
            house, variants = row[0], "\t".join(row[1:])
            for written in [house, *variants.split("|")]:
                if written.strip():
                    self.canonical[written.strip()] = house.strip()


@lru_cache(maxsize=16)
def house_spellings(extra: str) -> HouseSpellings:
    """One table per option text, so that rules with the same option share a cached analysis."""
    return HouseSpellings(extra)


def only_diacritics(a: str, b: str) -> bool:
    return without_marks(a) == without_marks(b)


@dataclass(frozen=True, slots=True)
class Variants:
    """A person written several ways in one text."""

    mentions: tuple[NameMention, ...]
    suggestion: str | None  # the house spelling, or the one written most; none on a tie
    diacritics_only: bool


def variants(record: Record, house: HouseSpellings) -> list[Variants]:
    found = []
    for person in _merged(record.analysis(people), house):
        group = person.mentions
        written = [spelling(m) for m in group]
        if len(set(written)) < 2:
            continue  # one spelling (nearly every person): nothing to compare
        distinct = list(dict(zip(reversed(written), reversed(group))).values())  # one mention per spelling
        pairs = [(a, b) for i, a in enumerate(distinct) for b in distinct[i + 1:] if written_differently(a, b)]
        if not pairs:
            continue
        counts = Counter(written)
        houses = [house.canonical[s] for s in counts if s in house.canonical]
        suggestion = houses[0] if houses else _most_written(counts)
        found.append(Variants(group, suggestion, all(only_diacritics(shared_parts(a, b), shared_parts(b, a))
                                                     for a, b in pairs)))
    return found


def _most_written(counts: Counter) -> str | None:
    """The spelling written most; none on a tie: either may be the misspelling."""
    (first, count), *rest = counts.most_common(2)
    return None if rest and rest[0][1] == count else first


def _merged(persons: list[Person], house: HouseSpellings) -> list[Person]:
    """Join persons whose spellings the house list gives to one person."""
    merged: dict[str, list[NameMention]] = {}
    rest = []
    for person in persons:
        keys = {house.canonical[s] for s in map(spelling, person.mentions) if s in house.canonical}
        if len(keys) == 1:
            merged.setdefault(keys.pop(), []).extend(person.mentions)
        else:
            rest.append(person)
    joined = [Person(tuple(sorted(group, key=lambda m: m.span))) for group in merged.values()]
    return sorted(joined + rest, key=lambda p: p.mentions[0].span)


def problem(found: Variants) -> Problem:
    spellings = list(dict.fromkeys(spelling(m) for m in found.mentions))
    where = "; ".join(f"{s!r} at " + ", ".join(f"[{m.span[0]}:{m.span[1]}]" for m in found.mentions
                                              if spelling(m) == s) for s in spellings)
    first_odd = next((m for m in found.mentions if spelling(m) != found.suggestion), found.mentions[0])
    return Problem(f"one person written {len(spellings)} ways: {where}", field="body", span=first_odd.span,
                   suggestion=found.suggestion)


class VariantRule(RecordRule):
    """The two spelling rules: one reports transliteration variants, the other diacritics alone."""

    diacritics_only: bool
    options_schema = HOUSE_SPELLINGS_OPTION

    def __init__(self, **options):
        super().__init__(**options)
        self.house = house_spellings(self.options.get("house_spellings", ""))

    def check(self, record: Record) -> Iterator[Problem]:
        for found in record.analysis(variants, self.house):
            if found.diacritics_only is self.diacritics_only:
                yield problem(found)
