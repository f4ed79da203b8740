from typing import Iterator

from validator.record import Record
from validator.rule import Problem, RecordRule

from . import before


class ScrapedBeforePublished(RecordRule):
    """A published date after the moment the page was scraped: the published value is wrong.

    Only when every reading of both values says so (zones and missing times allowed for).

    **Fails**

    ```jsonl
    {"id": "a1", "title": "T", "body": "B.", "published": "2031-01-01T09:00:00Z", "scraped_at": "2019-07-22T08:00:00Z"}
    ```

    **Passes**

    ```jsonl
    {"id": "a1", "title": "T", "body": "B.", "published": "2019-07-21T09:00:00Z", "scraped_at": "2019-07-22T08:00:00Z"}
    ```
    """

    id = "scraped-before-published"
    category = "timestamp"
    severity = "error"
    exact = True

    def check(self, record: Record) -> Iterator[Problem]:
        yield from before(record, "scraped_at", "published")
