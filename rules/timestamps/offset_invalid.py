from typing import Iterator

from validator.record import Record
from validator.rule import Problem, RecordRule

from . import fault_problems


class TimestampOffsetInvalid(RecordRule):
    """A UTC offset that no place on Earth uses: beyond -12:00 or +14:00, or an odd minute.

    Valid offsets are whole hours from -12 to +14 and the half and quarter hours in real use
    (-09:30, -03:30, -02:30, +03:30, +04:30, +05:30, +05:45, +06:30, +08:45, +09:30, +10:30,
    +12:45, +13:45). Parsers such as python-dateutil accept `+25:00` without a word.

    **Fails**

    ```jsonl
    {"id": "a1", "title": "T", "body": "B.", "published": "2019-07-21T05:41:00+25:00"}
    ```

    **Passes**

    ```jsonl
    {"id": "a1", "title": "T", "body": "B.", "published": "2019-07-21T05:41:00+05:45"}
    ```
    """

    id = "timestamp-offset-invalid"
    category = "timestamp"
    severity = "error"
    exact = True

    def check(self, record: Record) -> Iterator[Problem]:
        return fault_problems(record, ("offset",))
