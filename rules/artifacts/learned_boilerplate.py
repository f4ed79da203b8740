from __future__ import annotations

from array import array
from typing import Iterable

from validator.findings import shorten
from validator.record import Place, Record
from validator.rule import DatasetRule, Problem
from validator.states import Bloom, Column, Sightings, digest64
from validator.text.body import body_lines


class LearnedBoilerplate(DatasetRule):
    """A line that recurs in many of one source's records: the source's own page chrome
    (a tagline, a subscription prompt, a comment policy) that no list can know in advance.

    A line of 12 to 300 characters held by more than `min_share` (default 0.3) of a source's
    records, in a source of at least `min_records` (default 5) records, is reported once, at
    its first record. The counts are exact, and memory does not grow with the lines: a line
    seen once (most lines) costs about 1.5 bytes of memory, in a Bloom filter, and its place
    goes to a spilled log (temporary disk); only lines the filter says may have been seen
    before are counted in memory. A false hint of the filter costs a counter, never a count:
    the log settles, at the end, which counted line was first seen earlier.

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
    fix = "unsafe"
    category = "artifact"
    severity = "warning"
    options_schema = {
        "min_share": {"type": "number", "exclusiveMinimum": 0, "maximum": 1, "default": 0.3,
                      "description": "share of a source's records a line must recur in"},
        "min_records": {"type": "integer", "minimum": 2, "default": 5, "description": "smallest source considered"},
    }

    def start(self) -> _Lines:
        return _Lines()

    def add(self, state: _Lines, record: Record) -> None:
        source = state.source_number(record.source_key)
        state.records[source] += 1
        body, seen = record.text("body"), set()
        place = record.place("body")
        for start, end in record.analysis(body_lines):
            if not 12 <= end - start <= 300:
                continue
            line = body[start:end]
            key = digest64(f"{record.source_key}\x00{line}")
            if key not in seen:
                seen.add(key)
                state.count(key, source, place, line, (start, end))

    def merge(self, state: _Lines, other: _Lines) -> _Lines:
        state.merge(other)
        return state

    def finish(self, state: _Lines) -> Iterable[Problem]:
        state.settle()
        for key, index in state.repeats.items():
            source, number = state.source_of[index], state.counts[index]
            records = state.records[source]
            if records >= self.options["min_records"] and number / records > self.options["min_share"] and number > 1:
                place, text, span = state.seen[state.first[index]]
                name = state.sources[source] or "(unknown source)"
                yield Problem(f"this line recurs in {number} of {records} records of {name}: {text[:80]!r}",
                              span=span, suggestion="", excerpt=shorten(text), place=place)


class _Lines:
    """The lines of every source, counted exactly in bounded memory.

    - `seen`: where each line was first seen in a part, and each first hint of the filter,
      with its text, by index (spilled);
    - `bloom`: the keys seen; `log`: (key, index) of each line seen for the first time,
      spilled; a key is in the log at most once, as the filter never forgets;
    - `repeats`: key -> entry of the lines the filter says may have been seen: `counts`,
      `first` (index of the earliest place known), `source_of`. `settle` adds the log's
      occurrence of each counted line (the count was short by it, and it came first)."""

    def __init__(self) -> None:
        self.sources: list[str] = []
        self.source_index: dict[str, int] = {}
        self.records = array("I")
        self.seen = Sightings()
        self.bloom = Bloom()
        self.log_keys = Column("Q")
        self.log_places = Column("Q")
        self.log_sources = Column("I")
        self.repeats: dict[int, int] = {}
        self.counts = array("I")
        self.first = array("Q")
        self.source_of = array("I")

    def source_number(self, source: str) -> int:
        number = self.source_index.get(source)
        if number is None:
            number = self.source_index[source] = len(self.sources)
            self.sources.append(source)
            self.records.append(0)
        return number

    def count(self, key: int, source: int, place: Place, text: str, span: tuple[int, int]) -> None:
        entry = self.repeats.get(key)
        if entry is not None:
            self.counts[entry] += 1
            return
        seen = self.seen.add(place, text, span)
        if self._remember(key):  # new to the filter: logged, settled at the end if it recurs
            self._log(key, seen, source)
        else:
            self._repeat(key, 1, seen, source)

    def _log(self, key: int, place: int, source: int) -> None:
        self.log_keys.append(key)
        self.log_places.append(place)
        self.log_sources.append(source)

    def _remember(self, key: int) -> bool:
        """Give the filter the key; whether it is new to it. A full filter is replaced by one
        twice its size, given every key again (from the log and the counters)."""
        if self.bloom.full:
            bloom = Bloom(self.bloom.capacity * 2)
            for keys in self.log_keys.chunks():
                for logged in keys:
                    bloom.add(logged)
            for counted in self.repeats:
                bloom.add(counted)
            self.bloom = bloom
        return self.bloom.add(key)

    def _repeat(self, key: int, count: int, first: int, source: int) -> None:
        self.repeats[key] = len(self.counts)
        self.counts.append(count)
        self.first.append(first)
        self.source_of.append(source)

    def merge(self, other: _Lines) -> None:
        """The other's lines after these (in input order), counted as one pass would count them."""
        sources = [self.source_number(name) for name in other.sources]
        for number, records in zip(sources, other.records):
            self.records[number] += records
        base = len(self.seen)
        self.seen.extend(other.seen)
        for key, entry in other.repeats.items():
            self._add(key, other.counts[entry], base + other.first[entry], sources[other.source_of[entry]])
        for keys, places, of in zip(other.log_keys.chunks(), other.log_places.chunks(), other.log_sources.chunks()):
            for key, place, source in zip(keys, places, of):
                entry = self.repeats.get(key)
                if entry is not None:  # a line counted here or in the other: one occurrence more
                    self.counts[entry] += 1
                    self.first[entry] = min(self.first[entry], base + place)
                elif self._remember(key):
                    self._log(key, base + place, sources[source])
                else:
                    self._repeat(key, 1, base + place, sources[source])

    def _add(self, key: int, count: int, first: int, source: int) -> None:
        entry = self.repeats.get(key)
        if entry is not None:
            self.counts[entry] += count
            self.first[entry] = min(self.first[entry], first)
            return
        self._remember(key)
        self._repeat(key, count, first, source)

    def settle(self) -> None:
        for keys, places in zip(self.log_keys.chunks(), self.log_places.chunks()):
            for key, place in zip(keys, places):
                entry = self.repeats.get(key)
                if entry is not None:
                    self.counts[entry] += 1
                    self.first[entry] = min(self.first[entry], place)
        self.log_keys, self.log_places, self.log_sources = Column("Q"), Column("Q"), Column("I")
