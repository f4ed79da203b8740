from typing import Iterable

from validator.record import Record
from validator.rule import DatasetRule, Problem
from validator.states import count, merge_counts, merge_grouped
from validator.text.timestamps import timestamp_values


class TimestampZoneMixed(DatasetRule):
    """A source whose timestamps in one field are partly zoned and partly naive.

    Usually two templates or two extractors at work on one publisher; the naive ones cannot
    be compared with the others. Reported once per source and field, at the first record of
    the minority kind, with the counts. State: two counters per source and field, each with
    the place it was first seen (nothing per record).

    **Fails**

    ```jsonl
    {"id": "a1", "title": "T", "body": "B.", "source": "example.com", "published": "2019-07-21T05:41:00+03:00"}
    {"id": "a2", "title": "T", "body": "B.", "source": "example.com", "published": "2019-07-22T05:41:00+03:00"}
    {"id": "a3", "title": "T", "body": "B.", "source": "example.com", "published": "2019-07-23 05:41:00"}
    ```

    **Passes**

    ```jsonl
    {"id": "a1", "title": "T", "body": "B.", "source": "example.com", "published": "2019-07-21T05:41:00+03:00"}
    {"id": "a2", "title": "T", "body": "B.", "source": "other.example", "published": "2019-07-23 05:41:00"}
    ```
    """

    id = "timestamp-zone-mixed"
    category = "timestamp"
    severity = "warning"

    def start(self) -> dict:
        # (source, field) -> {"zoned"|"naive": [count, first (place, value)]}
        return {}

    def add(self, state: dict, record: Record) -> None:
        for field, verdict in timestamp_values(record, "ok"):
            stamp = verdict.timestamp
            if not stamp.has_time or stamp.epoch:
                continue
            kind = "zoned" if stamp.has_zone else "naive"
            count(state.setdefault((record.source_key, field), {}), kind,
                  (record.place(field), verdict.text))

    def merge(self, state: dict, other: dict) -> dict:
        return merge_grouped(state, other, merge_counts)

    def finish(self, state: dict) -> Iterable[Problem]:
        for (source, field), kinds in state.items():
            if len(kinds) < 2:
                continue
            zoned, naive = kinds["zoned"][0], kinds["naive"][0]
            minority = "naive" if naive <= zoned else "zoned"
            place, value = kinds[minority][1]
            yield Problem(f"source {source or '(unknown)'}: {zoned} {field} values with a zone and {naive} without; "
                          f"this is the first {minority} one", value=value, place=place)
