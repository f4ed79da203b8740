from typing import Iterator

from validator.record import Record
from validator.rule import Problem, RecordRule

from . import fault_problems


class TimestampWeekdayMismatch(RecordRule):
    """A weekday that contradicts its date: `Tuesday, May 25, 2015` (a Monday).

    One of the two is wrong, and nothing says which; python-dateutil drops the weekday
    without a word.

    **Fails**

    ```jsonl
    {"id": "a1", "title": "T", "body": "B.", "published": "Tuesday, May 25, 2015"}
    ```

    **Passes**

    ```jsonl
    {"id": "a1", "title": "T", "body": "B.", "published": "Monday, May 25, 2015"}
    ```
    """

    id = "timestamp-weekday-mismatch"
    category = "timestamp"
    severity = "error"
    exact = True

    def check(self, record: Record) -> Iterator[Problem]:
        return fault_problems(record, ("weekday",))
