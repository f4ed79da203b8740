import datetime as dt
from typing import Iterator

from validator.record import Record
from validator.rule import Problem, RecordRule
from validator.text.timestamps import published
from validator.text.url_dates import fallback, url_date

PRINT_DAYS = 14  # a magazine's or print edition's URL carries the issue date, online days before


class UrlDateMismatch(RecordRule):
    """A date in the URL more than two days from the published date.

    Sites write the publication date into the path (`/2019/07/21/`, `/2019-07-21-slug`,
    `-20190721` after an id, `/2019/politics/07/21/`, or the month alone: `/2019/07/`); a
    published value far from it was taken from somewhere else on the page (a related story,
    the crawl time). Ten-digit numbers are article ids, not epochs. A magazine or
    print-edition URL (`/magazine/`, `/print/`) carries the issue's date, which may come up to
    two weeks after the story went online. Where the published value is a known extractor
    fallback (1 January, day and month swapped), `published-fallback-date` reports it instead.

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
        if not window or record.analysis(fallback) is not None:
            return  # a known extractor fallback is published-fallback-date's
        start = dt.datetime.combine(found.first, dt.time(), tzinfo=dt.timezone.utc)
        end = dt.datetime.combine(found.last, dt.time(), tzinfo=dt.timezone.utc)
        slack = dt.timedelta(days=self.options["max_days"])
        ahead = dt.timedelta(days=PRINT_DAYS if found.print_section else 0)
        # The URL date is a local calendar day: allow every zone on either side of it.
        if window[1] < start - dt.timedelta(hours=14) - slack - ahead or \
                window[0] > end + dt.timedelta(hours=36) + slack:
            yield Problem(f"the URL says {found.text}, the record says published {stamp.iso()}",
                          field="url", span=found.span)
