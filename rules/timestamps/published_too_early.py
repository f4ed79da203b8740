import datetime as dt
from typing import Iterator

from validator.record import Record
from validator.rule import Problem, RecordRule
from validator.text.timestamps import published


class PublishedTooEarly(RecordRule):
    """A published date before the earliest plausible one (default 1995-01-01, when news sites began).

    Usually a default value or a misread field. Set `minimum` for archives that go further back.

    **Options**: `minimum` (ISO 8601 date; default `1995-01-01`).

    **Fails**

    ```jsonl
    {"id": "a1", "title": "T", "body": "B.", "published": "1971-03-02T09:00:00Z"}
    ```

    **Passes**

    ```jsonl
    {"id": "a1", "title": "T", "body": "B.", "published": "1996-03-02T09:00:00Z"}
    ```
    """

    id = "published-too-early"
    category = "timestamp"
    severity = "error"
    exact = True
    options_schema = {"minimum": {"type": "string", "format": "date", "default": "1995-01-01",
                                  "description": "the earliest plausible published date"}}

    def __init__(self, **options):
        super().__init__(**options)
        self.minimum = dt.datetime.combine(dt.date.fromisoformat(self.options["minimum"]), dt.time(),
                                           tzinfo=dt.timezone.utc)

    def check(self, record: Record) -> Iterator[Problem]:
        stamp = published(record)
        window = stamp.interval() if stamp else None
        if window and window[1] < self.minimum:
            yield Problem(f"published {stamp.iso()}, before {self.options['minimum']}", field="published")
