import datetime as dt
from typing import Iterator

from validator.record import Record
from validator.rule import Problem, RecordRule
from validator.text.timestamps import published


class PublishedInFuture(RecordRule):
    """A published date after the moment of the check, by more than a day.

    Every reading the value allows must lie in the future (a naive time may be in any zone
    from -12:00 to +14:00). A date after the scrape is `scraped-before-published`'s.

    **Options**: `now` (ISO 8601 date-time; default: the time of the run) for reproducible runs.

    **Fails**

    ```jsonl
    {"id": "a1", "title": "T", "body": "B.", "published": "2999-01-01T09:00:00Z"}
    ```

    **Passes**

    ```jsonl
    {"id": "a1", "title": "T", "body": "B.", "published": "2019-07-21T05:41:00Z"}
    ```
    """

    id = "published-in-future"
    category = "timestamp"
    severity = "error"
    exact = True
    options_schema = {"now": {"type": "string", "format": "date-time", "description": "the present, for tests"}}

    def __init__(self, **options):
        super().__init__(**options)
        now = dt.datetime.fromisoformat(self.options["now"]) if "now" in self.options else dt.datetime.now(dt.timezone.utc)
        self.limit = (now if now.tzinfo else now.replace(tzinfo=dt.timezone.utc)) + dt.timedelta(days=1)

    def check(self, record: Record) -> Iterator[Problem]:
        stamp = published(record)
        window = stamp.interval() if stamp else None
        if window and window[0] > self.limit:
            yield Problem(f"published {stamp.iso()}, in the future", field="published")
