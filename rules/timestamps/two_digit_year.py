from typing import Iterator

from validator.record import Record
from validator.rule import Problem, RecordRule
from validator.text.timestamps import timestamp_values


class TimestampTwoDigitYear(RecordRule):
    """A date whose year is written with two digits (`21/07/19`, `21 Jul 19`), with every
    reading it can have.

    A two-digit year is read in the century that puts it nearest today. When the order of the
    parts is open too (`03/04/19`, `14-12-29`: day, month or year first), each reading is
    listed and none is chosen; the other rules allow for all of them.

    **Fails**

    ```jsonl
    {"id": "a1", "title": "T", "body": "B.", "published": "03/04/19 10:00"}
    ```

    **Passes**

    ```jsonl
    {"id": "a1", "title": "T", "body": "B.", "published": "03/04/2019 10:00"}
    ```
    """

    id = "timestamp-two-digit-year"
    fix = "unsafe"
    category = "timestamp"
    severity = "warning"
    exact = True

    def check(self, record: Record) -> Iterator[Problem]:
        for field, verdict in timestamp_values(record, "ok"):
            stamp = verdict.timestamp
            if not stamp.two_digit_year:
                continue
            if not stamp.alternatives:
                yield Problem(f"a two-digit year, read as {stamp.year}", field=field, span=stamp.span,
                              suggestion=stamp.iso())
            else:
                listed = " or ".join(stamp.dates())
                yield Problem(f"a two-digit year and an open order: {listed}", field=field, span=stamp.span)
