from typing import Iterator

from validator.record import Record
from validator.rule import Problem, RecordRule
from validator.text.timestamps import timestamp_values, whole


class TimestampPlaceholder(RecordRule):
    """A placeholder where a timestamp belongs: `null`, `None`, `NaN`, `undefined`, `Invalid Date`,
    an empty string, an unrendered template (`{{ date }}`, `%Y-%m-%d`), epoch 0, 0001-01-01.

    These are what a scraper or CMS writes when it had no date; read as dates they become
    1 January 1970 or the year 1. A JSON null is an absent value, not a placeholder.

    **Fails**

    ```jsonl
    {"id": "a1", "title": "T", "body": "B.", "published": "{{ article.published_at }}"}
    ```

    **Passes**

    ```jsonl
    {"id": "a1", "title": "T", "body": "B.", "published": "2019-07-21T05:41:00Z"}
    ```
    """

    id = "timestamp-placeholder"
    category = "timestamp"
    severity = "error"
    exact = True

    def check(self, record: Record) -> Iterator[Problem]:
        for field, verdict in timestamp_values(record, "placeholder"):
            yield Problem(verdict.detail, field=field, span=whole(verdict) if verdict.text else None)
