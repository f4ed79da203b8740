from typing import Iterable

from validator.record import Record
from validator.rule import DatasetRule, Problem
from validator.states import count, merge_counts
from validator.text.timestamps import published


class TimestampSharedSecond(DatasetRule):
    """Many records of one source published at the very same second: a crawl or import time
    stored as the publication time.

    Reported once per source and second, at the first record, when at least `min_records`
    records share a published value with a time of day. State: one counter per distinct
    published second and source.

    **Options**: `min_records` (integer; default 5).

    **Fails**

    ```jsonl
    {"id": "a1", "title": "T", "body": "B.", "source": "example.com", "published": "2019-07-21T05:41:07Z"}
    {"id": "a2", "title": "T", "body": "B.", "source": "example.com", "published": "2019-07-21T05:41:07Z"}
    {"id": "a3", "title": "T", "body": "B.", "source": "example.com", "published": "2019-07-21T05:41:07Z"}
    {"id": "a4", "title": "T", "body": "B.", "source": "example.com", "published": "2019-07-21T05:41:07Z"}
    {"id": "a5", "title": "T", "body": "B.", "source": "example.com", "published": "2019-07-21T05:41:07Z"}
    ```

    **Passes**

    ```jsonl
    {"id": "a1", "title": "T", "body": "B.", "source": "example.com", "published": "2019-07-21T05:41:07Z"}
    {"id": "a2", "title": "T", "body": "B.", "source": "example.com", "published": "2019-07-21T05:41:07Z"}
    {"id": "a3", "title": "T", "body": "B.", "source": "example.com", "published": "2019-07-21"}
    {"id": "a4", "title": "T", "body": "B.", "source": "example.com", "published": "2019-07-21"}
    {"id": "a5", "title": "T", "body": "B.", "source": "example.com", "published": "2019-07-21"}
    ```
    """

    id = "timestamp-shared-second"
    category = "timestamp"
    severity = "warning"
    options_schema = {"min_records": {"type": "integer", "minimum": 2, "default": 5,
                                      "description": "records sharing one second before it is reported"}}

    def start(self) -> dict:
        return {}  # (source, iso second) -> [count, first (place, value)]

    def add(self, state: dict, record: Record) -> None:
        stamp = published(record)
        if stamp is None or not stamp.has_time or not stamp.has_date:
            return
        count(state, (record.source_key, stamp.iso()),
              (record.place("published"), record.get("published")))

    def merge(self, state: dict, other: dict) -> dict:
        return merge_counts(state, other)

    def finish(self, state: dict) -> Iterable[Problem]:
        for (source, second), (number, (place, value)) in state.items():
            if number >= self.options["min_records"]:
                yield Problem(f"{number} records of {source or '(unknown source)'} share the published moment {second}: "
                              f"a crawl or import time, not a publication time", value=value, place=place)
