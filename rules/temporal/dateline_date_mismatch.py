import datetime as dt
from typing import Iterator

from validator.record import Record
from validator.rule import Problem, RecordRule
from validator.text.datelines import dateline, nearest_date, published_date


class DatelineDateMismatch(RecordRule):
    """A dateline date outside [published - 2 days, published + 1 day]: a misdated or republished story.

    A dateline carries the local date where the story was filed, so it may lead or trail the
    published date by a day; more means the published date or the story is not what it
    seems. The dateline's year is the one nearest the published date (a December dateline on
    a January story is last year's).

    **Fails**

    ```jsonl
    {"id": "a1", "title": "T", "published": "2019-07-21T09:00:00Z", "body": "BAGHDAD, May 25 (Reuters) - Iraqi troops advanced on Monday."}
    ```

    **Passes**

    ```jsonl
    {"id": "a1", "title": "T", "published": "2019-07-21T09:00:00Z", "body": "BAGHDAD, July 20 (Reuters) - Iraqi troops advanced on Saturday."}
    ```
    """

    id = "dateline-date-mismatch"
    category = "temporal"
    severity = "warning"

    def check(self, record: Record) -> Iterator[Problem]:
        line, reference = record.analysis(dateline), record.analysis(published_date)
        if not line or line.month is None or not reference:
            return
        date = nearest_date(line.month, line.day, reference)
        if date is None:
            return  # an impossible date is dateline-invalid-date's
        if not reference - dt.timedelta(days=2) <= date <= reference + dt.timedelta(days=1):
            days = (reference - date).days
            yield Problem(f"the dateline says {date:%d %B %Y}, {abs(days)} days {'before' if days > 0 else 'after'} "
                          f"the published date {reference.isoformat()}", field="body", span=line.date_span)
