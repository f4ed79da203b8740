import hashlib
from typing import Iterable

from validator.record import Record
from validator.rule import DatasetRule, Problem
from validator.states import count, merge_counts
from validator.text.body import body_lines


class LearnedBoilerplate(DatasetRule):
    """A line that recurs in many of one source's records: the source's own page chrome
    (a tagline, a subscription prompt, a comment policy) that no list can know in advance.

    A line of 12 to 300 characters held by more than `min_share` (default 0.3) of a source's
    records, in a source of at least `min_records` (default 5) records, is reported once, at
    its first record. State: per source, one counter per distinct line (a 64-bit hash) and the
    first place of each.

    **Options**: `min_share` (number; default 0.3), `min_records` (integer; default 5).

    **Fails**

    ```jsonl
    {"id": "a1", "title": "T", "source": "x.example", "body": "Rain fell.\\nSubscribe to X Daily for free today"}
    {"id": "a2", "title": "T", "source": "x.example", "body": "Sun shone.\\nSubscribe to X Daily for free today"}
    {"id": "a3", "title": "T", "source": "x.example", "body": "Wind blew.\\nSubscribe to X Daily for free today"}
    {"id": "a4", "title": "T", "source": "x.example", "body": "Snow fell.\\nSubscribe to X Daily for free today"}
    {"id": "a5", "title": "T", "source": "x.example", "body": "Fog lifted."}
    ```

    **Passes**

    ```jsonl
    {"id": "a1", "title": "T", "source": "x.example", "body": "Rain fell on the coast."}
    {"id": "a2", "title": "T", "source": "x.example", "body": "Sun shone on the hills."}
    {"id": "a3", "title": "T", "source": "x.example", "body": "Wind blew in the valley."}
    {"id": "a4", "title": "T", "source": "x.example", "body": "Snow fell on the peaks."}
    {"id": "a5", "title": "T", "source": "x.example", "body": "Fog lifted over the bay."}
    ```
    """

    id = "learned-boilerplate"
    category = "artifact"
    severity = "warning"
    options_schema = {
        "min_share": {"type": "number", "exclusiveMinimum": 0, "maximum": 1, "default": 0.3,
                      "description": "share of a source's records a line must recur in"},
        "min_records": {"type": "integer", "minimum": 2, "default": 5, "description": "smallest source considered"},
    }

    def start(self) -> dict:
        return {}  # source -> [records, {line hash: [count, first (provenance, identity, field, value, span)]}]

    def add(self, state: dict, record: Record) -> None:
        entry = state.setdefault(record.source_key, [0, {}])
        entry[0] += 1
        body, seen = record.text("body"), set()
        where = (record.provenance, record.identity, record.source_name("body"))
        for start, end in record.analysis(body_lines):
            if not 12 <= end - start <= 300:
                continue
            line = body[start:end]
            key = hashlib.blake2b(line.encode(), digest_size=8).digest()
            if key in seen:
                continue
            seen.add(key)
            count(entry[1], key, (*where, line, (start, end)))

    def merge(self, state: dict, other: dict) -> dict:
        for source, (records, lines) in other.items():
            mine = state.setdefault(source, [0, {}])
            mine[0] += records
            merge_counts(mine[1], lines)
        return state

    def finish(self, state: dict) -> Iterable[Problem]:
        for source, (records, lines) in state.items():
            if records < self.options["min_records"]:
                continue
            for number, (at, identity, field, text, span) in lines.values():
                if number / records > self.options["min_share"] and number > 1:
                    yield Problem(f"this line recurs in {number} of {records} records of {source or '(unknown source)'}: "
                                  f"{text[:80]!r}", field=field, span=span, suggestion="", excerpt=text[:120],
                                  at=at, record=identity)
