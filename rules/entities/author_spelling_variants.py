import re
from typing import Iterable

from validator.record import Record
from validator.rule import DatasetRule, Problem
from validator.states import Tally, merge_tallies
from validator.text.names import author_names, group_spellings


class AuthorSpellingVariants(DatasetRule):
    """One author spelled two or more ways in the authors field, within a record or across one
    source's records: "Nellie Bailey" and "Nellie Bailiey".

    Reported once per source and author, at the first record of each less frequent spelling,
    with the counts of every spelling. State: one counter per distinct author spelling and source.

    **Fails**

    ```jsonl
    {"id": "a1", "title": "T", "body": "B.", "source": "example.com", "authors": ["Nellie Bailey"]}
    {"id": "a2", "title": "T", "body": "B.", "source": "example.com", "authors": ["Nellie Bailiey"]}
    {"id": "a3", "title": "T", "body": "B.", "source": "example.com", "authors": ["Nellie Bailey"]}
    ```

    **Passes**

    ```jsonl
    {"id": "a1", "title": "T", "body": "B.", "source": "example.com", "authors": ["Nellie Bailey"]}
    {"id": "a2", "title": "T", "body": "B.", "source": "example.com", "authors": ["Nellie Bly"]}
    ```
    """

    id = "author-spelling-variants"
    fix = "unsafe"
    category = "entity"
    severity = "warning"

    def start(self) -> dict:
        return {}  # source -> Tally of spellings (the authors value, when a string, kept as the text)

    def add(self, state: dict, record: Record) -> None:
        value = record.get("authors")
        for name in author_names(value):
            tally = state.get(record.source_key) or state.setdefault(record.source_key, Tally())
            tally.count(name.strip(), record.place("authors"), value if isinstance(value, str) else "")

    def merge(self, state: dict, other: dict) -> dict:
        return merge_tallies(state, other)

    def finish(self, state: dict) -> Iterable[Problem]:
        yield from report_spellings(state, "author")


def report_spellings(state: dict, what: str, across_records: bool = False) -> Iterable[Problem]:
    """A problem per less frequent spelling of each group; with `across_records` (drift), not
    for spellings seen only in the one record that also holds the usual spelling, nor for
    spellings that differ only in diacritics (a source that writes Conde for Condé has lost its
    accents, not changed its style)."""
    for source, tally in state.items():
        number_of = {spelling: tally.counts[index] for spelling, index in tally.first.items()}
        for group in group_spellings(list(number_of), marks=not across_records):
            ranked = sorted(group, key=lambda s: -number_of[s])
            counts = ", ".join(f"{s!r} {number_of[s]}" for s in ranked)
            usual_count, usual_place = number_of[ranked[0]], tally.place(tally.first[ranked[0]])[0]
            tied = len(ranked) > 1 and number_of[ranked[0]] == number_of[ranked[1]]
            for spelling in ranked[1:]:
                number = number_of[spelling]
                place, value, _ = tally.place(tally.first[spelling])
                if across_records and place == usual_place and number == usual_count == 1:
                    continue
                span = _span(value, spelling)
                yield Problem(f"{source or '(unknown source)'} spells one {what} {len(group)} ways ({counts}); "
                              f"this record writes {spelling!r}", span=span,
                              suggestion=None if tied else ranked[0],  # on a tie, either may be the misspelling
                              value=value or None, place=place)


def _span(value, spelling: str):
    """Where the spelling stands as a whole name in the value (not the start of a longer one:
    "Nellie Bailiey" in "Nellie Bailiey-Smith and Nellie Bailiey")."""
    if isinstance(value, str):
        found = re.search(rf"(?<![\w'’-]){re.escape(spelling)}(?![\w'’-])", value)
        if found:
            return found.span()
    return None
