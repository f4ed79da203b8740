from typing import Iterator

from validator.record import Record
from validator.rule import Problem, RecordRule
from validator.text.timestamps import timestamp_values, whole


class TimestampUnparseable(RecordRule):
    """A timestamp that cannot be read, and that no glue repair explains.

    Every part of the value must be a date, a time, a zone, a weekday or a known connecting
    word ("at", "Published:"); anything else makes it unreadable rather than guessed at.
    Python-dateutil's fuzzy mode, for one, turns `Listen Live 24/7 | 12 comments` into
    2012-07-24.

    **Fails**

    ```jsonl
    {"id": "a1", "title": "T", "body": "B.", "published": "Listen Live 24/7 | 12 comments"}
    ```

    **Passes**

    ```jsonl
    {"id": "a1", "title": "T", "body": "B.", "published": "Sun, 21 Jul 2019 05:41:00 +0300"}
    ```
    """

    id = "timestamp-unparseable"
    category = "timestamp"
    severity = "warning"
    exact = True

    def check(self, record: Record) -> Iterator[Problem]:
        for field, verdict in timestamp_values(record, "unparseable"):
            yield Problem(f"cannot read this timestamp: {verdict.detail}", field=field, span=whole(verdict))
