from typing import Iterator

from validator.record import Record
from validator.rule import Problem, RecordRule
from validator.text.timestamps import timestamp_values


class TimestampMultiple(RecordRule):
    """Two or more timestamps in one field: usually published and updated scraped together.

    Each is reported with its span, so the right one can be kept.

    **Fails**

    ```jsonl
    {"id": "a1", "title": "T", "body": "B.", "published": "2019-07-21T05:41:00Z 2019-07-22T06:00:00Z"}
    ```

    **Passes**

    ```jsonl
    {"id": "a1", "title": "T", "body": "B.", "published": "2019-07-21T05:41:00Z"}
    ```
    """

    id = "timestamp-multiple"
    category = "timestamp"
    severity = "warning"
    exact = True

    def check(self, record: Record) -> Iterator[Problem]:
        for field, verdict in timestamp_values(record, "multiple"):
            readings = ", ".join(stamp.iso() for stamp in verdict.candidates)
            yield Problem(f"{len(verdict.candidates)} timestamps in one value: {readings}", field=field,
                          span=(verdict.candidates[0].span[0], verdict.candidates[-1].span[1]))
