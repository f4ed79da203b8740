from typing import Iterator

from validator.record import Record
from validator.rule import Problem, RecordRule
from validator.text.timestamps import field_parse, published, whole
from validator.text.url_dates import fallback


class PublishedFallbackDate(RecordRule):
    """A published date that an extractor fell back on, when the URL (or else the dateline)
    says otherwise: the 1st of January of a year (a copyright line's year read as a date), the
    URL's date with day and month swapped (a month-first reading of a day-first page), or the
    moment the page was last updated (published equal to modified, days after the URL's date).

    The suggestion is the day the URL or dateline gives.

    **Fails**

    ```jsonl
    {"id": "a1", "title": "T", "body": "B.", "url": "https://news.example.com/2019/07/14/museum", "published": "2019-01-01"}
    {"id": "a2", "title": "T", "body": "B.", "url": "https://news.example.com/2019/07/04/museum", "published": "2019-04-07"}
    ```

    **Passes**

    ```jsonl
    {"id": "a1", "title": "T", "body": "B.", "url": "https://news.example.com/2019/01/01/museum", "published": "2019-01-01"}
    ```
    """

    id = "published-fallback-date"
    fix = "unsafe"
    category = "timestamp"
    severity = "warning"

    def check(self, record: Record) -> Iterator[Problem]:
        found = record.analysis(fallback)
        if found is None:
            return
        stamp, verdict = published(record), record.analysis(field_parse, "published")
        # A glued value's reading is of the repaired text: its span is the whole value written.
        span = whole(verdict) if verdict.outcome == "glued" else stamp.span if verdict.written else None
        yield Problem(f"published {stamp.iso()} is {_WHAT[found.kind]}; the {found.where} says {found.said}",
                      field="published", span=span, suggestion=found.day.isoformat() if found.day else None)


_WHAT = {"new-year": "the 1st of January, a year's fallback (a copyright line)",
         "swapped": "the date with day and month swapped",
         "updated": "the moment it was modified, not published"}
