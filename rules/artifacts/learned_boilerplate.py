from __future__ import annotations

from itertools import islice
from typing import Iterable

from validator.record import Record
from validator.rule import DatasetRule, Problem
from validator.states import Tally, digest64
from validator.text.body import body_lines


class LearnedBoilerplate(DatasetRule):
    """A line that recurs in many of one source's records: the source's own page chrome
    (a tagline, a subscription prompt, a comment policy) that no list can know in advance.

    A line of 12 to 300 characters held by more than `min_share` (default 0.3) of a source's
    records, in a source of at least `min_records` (default 5) records, is reported once, at
    its first record. State: per source, one counter per distinct line (a 64-bit hash), for the
    first `max_lines` (default 50,000) distinct lines of each source in the order they first
    occur: a line first seen after that is not counted, and one finding, at the first such
    line, says so (chrome that only appears late in a very large source may be missed; raise
    `max_lines` to look further, at about 110 bytes of memory a line). The first place and
    text of each line are kept in spilled columns (temporary disk, not memory).

    **Options**: `min_share` (number; default 0.3), `min_records` (integer; default 5),
    `max_lines` (integer; default 50,000).

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
        "max_lines": {"type": "integer", "minimum": 1, "default": 50_000,
                      "description": "distinct lines counted per source, the first ones"},
    }

    # The cap is applied where states merge (and at the end), never in `add`: the engine folds
    # every few thousand records into the state as it folds the parts of a parallel run, and a
    # part's own state is complete, so the lines kept (each source's first distinct ones) and
    # their counts are the same however the input was cut.

    def start(self) -> dict:
        # source -> [records, its lines, index of the first line left out or None]
        return {}

    def add(self, state: dict, record: Record) -> None:
        entry = state.get(record.source_key) or state.setdefault(record.source_key, [0, Tally(), None])
        entry[0] += 1
        body, seen = record.text("body"), set()
        where = (record.provenance, record.identity, record.source_name("body"))
        lines = entry[1]
        for start, end in record.analysis(body_lines):
            if not 12 <= end - start <= 300:
                continue
            line = body[start:end]
            key = digest64(line)
            if key in seen:
                continue
            seen.add(key)
            lines.count(key, *where, line, (start, end))

    def merge(self, state: dict, other: dict) -> dict:
        for source, (records, lines, left_out) in other.items():
            mine = self._capped(state.setdefault(source, [0, Tally(), None]))
            mine[0] += records
            base = len(mine[1])
            first_left_out = mine[1].merge(lines, self.options["max_lines"])
            if mine[2] is None:
                mine[2] = first_left_out if first_left_out is not None else None if left_out is None else base + left_out
        return state

    def _capped(self, entry: list) -> list:
        """A source's entry with only its first max_lines lines (a part's state holds them all)."""
        lines, cap = entry[1], self.options["max_lines"]
        if len(lines.first) > cap:
            if entry[2] is None:
                entry[2] = next(islice(lines.first.values(), cap, None))
            lines.first = dict(islice(lines.first.items(), cap))
        return entry

    def finish(self, state: dict) -> Iterable[Problem]:
        for source, entry in state.items():
            records, lines, left_out = self._capped(entry)
            if left_out is not None:
                at, identity, field, text, span = lines.place(left_out)
                yield Problem(f"learned-boilerplate counts the first {self.options['max_lines']:,} distinct lines of "
                              f"each source; this line of {source or '(unknown source)'} and the new ones after it were "
                              "not counted, so chrome that first appears from here on is not found (option max_lines)",
                              field=field, span=span, at=at, record=identity)
            if records < self.options["min_records"]:
                continue
            for index in lines.first.values():
                number = lines.counts[index]
                if number / records > self.options["min_share"] and number > 1:
                    at, identity, field, text, span = lines.place(index)
                    yield Problem(f"this line recurs in {number} of {records} records of {source or '(unknown source)'}: "
                                  f"{text[:80]!r}", field=field, span=span, suggestion="", excerpt=text[:120],
                                  at=at, record=identity)

