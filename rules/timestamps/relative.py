from typing import Iterator

from validator.record import Record
from validator.rule import Problem, RecordRule
from validator.text.timestamps import timestamp_values, whole


class TimestampRelative(RecordRule):
    """A relative time stored as a timestamp: `2 hours ago`, `Yesterday`, `il y a 3 jours`.

    It meant something on the page at the moment of the scrape and nothing after. The
    scrape time is not a safe anchor (pages are cached), so no repair is offered.

    **Fails**

    ```jsonl
    {"id": "a1", "title": "T", "body": "B.", "published": "2 hours ago"}
    ```

    **Passes**

    ```jsonl
    {"id": "a1", "title": "T", "body": "B.", "published": "21 July 2019 05:41 GMT"}
    ```
    """

    id = "timestamp-relative"
    category = "timestamp"
    severity = "warning"
    exact = True

    def check(self, record: Record) -> Iterator[Problem]:
        for field, verdict in timestamp_values(record, "relative"):
            yield Problem("a relative time, not a date: it cannot be placed", field=field, span=whole(verdict))
