from typing import Iterator

from validator.record import Record
from validator.rule import Problem, RecordRule

from . import fault_problems


class TimestampInvalidDate(RecordRule):
    """A date or time that does not exist: 30 February, month 13, 25:41, 13:00 PM.

    **Fails**

    ```jsonl
    {"id": "a1", "title": "T", "body": "B.", "published": "2019-02-30T10:00:00Z"}
    ```

    **Passes**

    ```jsonl
    {"id": "a1", "title": "T", "body": "B.", "published": "2020-02-29T10:00:00Z"}
    ```
    """

    id = "timestamp-invalid-date"
    category = "timestamp"
    severity = "error"
    exact = True

    def check(self, record: Record) -> Iterator[Problem]:
        return fault_problems(record, ("date", "time"))
