from typing import Iterable

from validator.record import Record
from validator.rule import DatasetRule, Problem
from validator.states import count, merge_counts, merge_grouped
from validator.text.timestamps import field_parse


class TimestampLayoutDrift(DatasetRule):
    """A source whose published values come in more than one layout: its template or the
    scraper changed partway.

    The layout is the value's structure, its parts without their values (`Weekday D Month
    YYYY HH:MM zone` for `Sun, 21 Jul 2019 05:41 GMT`; `ISO 8601` whatever the offset). Each
    layout other than the source's most common one, held by at least `min_share` of its
    readable values and by `min_records` records (as the usual one must be: one record against
    one other is no template), is reported at its first record. Numeric dates are named by
    their order (`DD/MM/YYYY`, `MM/DD/YYYY`); one that could be either (`03/04/2019`) counts
    with the source's own. State: a counter per source and layout, each with the place it was
    first seen (nothing per record).

    **Options**: `min_share` (number; default 0.05), `min_records` (integer; default 3).

    **Fails**

    ```jsonl
    {"id": "a1", "title": "T", "body": "B.", "source": "example.com", "published": "2019-07-21T05:41:00Z"}
    {"id": "a2", "title": "T", "body": "B.", "source": "example.com", "published": "2019-07-22T05:41:00Z"}
    {"id": "a3", "title": "T", "body": "B.", "source": "example.com", "published": "2019-07-22T07:41:00Z"}
    {"id": "a4", "title": "T", "body": "B.", "source": "example.com", "published": "23 July 2019 05:41 GMT"}
    {"id": "a5", "title": "T", "body": "B.", "source": "example.com", "published": "24 July 2019 05:41 GMT"}
    {"id": "a6", "title": "T", "body": "B.", "source": "example.com", "published": "25 July 2019 05:41 GMT"}
    ```

    **Passes**

    ```jsonl
    {"id": "a1", "title": "T", "body": "B.", "source": "example.com", "published": "2019-07-21T05:41:00Z"}
    {"id": "a2", "title": "T", "body": "B.", "source": "example.com", "published": "2019-07-22T05:41:00Z"}
    {"id": "a3", "title": "T", "body": "B.", "source": "example.com", "published": "2019-07-22T07:41:00Z"}
    {"id": "a4", "title": "T", "body": "B.", "source": "example.com", "published": "23 July 2019 05:41 GMT"}
    ```
    """

    id = "timestamp-layout-drift"
    category = "timestamp"
    severity = "info"
    options_schema = {"min_share": {"type": "number", "minimum": 0, "maximum": 1, "default": 0.05,
                                    "description": "share of a source's records a second layout must hold"},
                      "min_records": {"type": "integer", "minimum": 1, "default": 3,
                                      "description": "records each of the two layouts must hold"}}

    def start(self) -> dict:
        return {}  # source -> {layout: [count, first (place, value)]}

    def add(self, state: dict, record: Record) -> None:
        verdict = record.analysis(field_parse, "published")
        if verdict is None or verdict.outcome != "ok":
            return
        count(state.setdefault(record.source_key, {}), verdict.layout,
              (record.place("published"), verdict.text))

    def merge(self, state: dict, other: dict) -> dict:
        return merge_grouped(state, other, merge_counts)

    def finish(self, state: dict) -> Iterable[Problem]:
        for source, counted in state.items():
            layouts = _settled(counted)
            if len(layouts) < 2:
                continue
            total = sum(number for number, _ in layouts.values())
            usual = max(layouts, key=lambda layout: layouts[layout][0])
            for layout, (number, (place, value)) in layouts.items():
                if layout != usual and number / total >= self.options["min_share"] and \
                        number >= self.options["min_records"] and layouts[usual][0] >= self.options["min_records"]:
                    yield Problem(f"source {source or '(unknown)'} writes published as {usual!r} in "
                                  f"{layouts[usual][0]} records and as {layout!r} in {number}; this is the first",
                                  value=value, place=place)


def _settled(layouts: dict) -> dict:
    """Numeric dates whose day and month could be either (`NN/NN/YYYY`) counted with the
    source's own order, when its other dates show one."""
    merged = {}
    for layout, (number, first) in layouts.items():
        target = layout
        if "NN" in layout:
            known = [other for other in layouts if other != layout and _orderless(other) == layout]
            target = max(known, key=lambda other: layouts[other][0]) if known else layout
        held = merged.get(target)
        merged[target] = [number + (held[0] if held else 0), held[1] if held else first]
    return merged


def _orderless(layout: str) -> str:
    return layout.replace("DD/MM", "NN/NN").replace("MM/DD", "NN/NN")
