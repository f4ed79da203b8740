import datetime as dt
from typing import Iterator

from validator.record import Record
from validator.rule import Problem, RecordRule
from validator.text.timestamps import published
from validator.text.url_dates import url_date


class UrlDateMismatch(RecordRule):
    """A date in the URL more than two days from the published date.

    Sites write the publication date into the path (`/2019/07/21/`, `/2019-07-21-slug`,
    `-20190721` after an id, an epoch); a published value far from it was taken from
    somewhere else on the page (a related story, the crawl time).

    **Options**: `max_days` (integer; default 2).

    **Fails**

    ```jsonl
    {"id": "a1", "title": "T", "body": "B.", "url": "https://news.example.com/2019/07/14/museum", "published": "2019-07-21T09:00:00Z"}
    ```

    **Passes**

    ```jsonl
    {"id": "a1", "title": "T", "body": "B.", "url": "https://news.example.com/2019/07/20/museum", "published": "2019-07-21T09:00:00Z"}
    ```
    """

    id = "url-date-mismatch"
    category = "timestamp"
    severity = "warning"
    options_schema = {"max_days": {"type": "integer", "minimum": 0, "default": 2,
                                   "description": "days the URL date may differ from published"}}

    def check(self, record: Record) -> Iterator[Problem]:
        found = record.analysis(url_date)
        stamp = published(record)
        window = stamp.interval() if stamp and found else None
        if not window:
            return
        date, span = found
        start = dt.datetime.combine(date, dt.time(), tzinfo=dt.timezone.utc)
        slack = dt.timedelta(days=self.options["max_days"])
        # The URL date is a local calendar day: allow every zone on either side of it.
        if window[1] < start - dt.timedelta(hours=14) - slack or window[0] > start + dt.timedelta(hours=36) + slack:
            yield Problem(f"the URL says {date.isoformat()}, the record says published {stamp.iso()}",
                          field="url", span=span)
