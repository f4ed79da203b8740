from typing import Iterator

from validator.record import Record
from validator.rule import Problem, RecordRule
from validator.text.timestamps import timestamp_values, whole


class TimestampNoZone(RecordRule):
    """A date and time with no zone or UTC offset: the moment is uncertain by up to 26 hours.

    Informational: many dumps store local times. Comparisons in other rules then allow for
    every offset from -12:00 to +14:00. A date without a time needs no zone.

    **Fails**

    ```jsonl
    {"id": "a1", "title": "T", "body": "B.", "published": "2019-07-21 05:41:00"}
    ```

    **Passes**

    ```jsonl
    {"id": "a1", "title": "T", "body": "B.", "published": "2019-07-21 05:41:00+03:00"}
    ```
    """

    id = "timestamp-no-zone"
    category = "timestamp"
    severity = "info"
    exact = True

    def check(self, record: Record) -> Iterator[Problem]:
        for field, verdict in timestamp_values(record, "ok"):
            stamp = verdict.timestamp
            if stamp.has_time and not stamp.has_zone and stamp.has_date:
                yield Problem("no time zone or UTC offset", field=field, span=whole(verdict))
