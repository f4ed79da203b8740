import json
from typing import Iterable

from validator.record import Record
from validator.rule import DatasetRule, Problem
from validator.states import Repeats
from validator.text.body import body_fingerprint, body_words

from . import report_repeats

MIN_WORDS = 20  # "Page not found" twice is not-an-article's, not a duplicate story


class DuplicateBody(DatasetRule):
    """One body under several records: the same story under other URLs (syndication, listing
    pages, a scraper following redirects), sometimes with a conflicting title or date.

    Bodies are compared by their words (case, spacing and punctuation ignored). Each later
    record is reported, naming the first and saying when its title or published date differ.
    State: a 64-bit digest of each body's words, its place, title
    and published value, in columns.

    **Fails**

    ```jsonl
    {"id": "a1", "title": "Dam repaired", "url": "https://x.example/a", "body": "Engineers finished repairs to the Mosul dam on Sunday, the water ministry said, after six weeks of work on the spillway."}
    {"id": "a2", "title": "Dam repairs done", "url": "https://x.example/b", "body": "Engineers finished repairs to the Mosul dam on Sunday, the water ministry said, after six weeks of work on the spillway."}
    ```

    **Passes**

    ```jsonl
    {"id": "a1", "title": "Dam repaired", "url": "https://x.example/a", "body": "Engineers finished repairs to the Mosul dam on Sunday, the water ministry said, after six weeks of work on the spillway."}
    {"id": "a2", "title": "Bridge reopens", "url": "https://x.example/b", "body": "The old bridge over the Tigris reopened to traffic on Sunday after repairs that took most of the year, the city said."}
    ```
    """

    id = "duplicate-body"
    category = "duplicate"
    severity = "warning"
    exact = True

    def start(self) -> Repeats:
        return Repeats()

    def add(self, state: Repeats, record: Record) -> None:
        key = record.analysis(body_fingerprint)
        if key and len(record.analysis(body_words)) >= MIN_WORDS:
            state.add(key, record.place("body"),
                      json.dumps([record.get("title"), record.get("published")], ensure_ascii=False, default=str))

    def merge(self, state: Repeats, other: Repeats) -> Repeats:
        return state.merge(other)

    def finish(self, state: Repeats) -> Iterable[Problem]:
        yield from report_repeats(state, "the same body", _conflicts)


def _conflicts(first: str, later: str) -> str:
    first, later = json.loads(first), json.loads(later)
    notes = [f"{name} differs ({later[index]!r} vs {first[index]!r})"
             for name, index in (("title", 0), ("published", 1)) if later[index] != first[index]]
    return "; " + "; ".join(notes) if notes else ""
