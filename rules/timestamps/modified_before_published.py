from typing import Iterator

from validator.record import Record
from validator.rule import Problem, RecordRule

from . import before


class ModifiedBeforePublished(RecordRule):
    """A modified date earlier than the published date: one of the two is wrong or swapped.

    Only when every reading of both values says so (zones and missing times allowed for).

    **Fails**

    ```jsonl
    {"id": "a1", "title": "T", "body": "B.", "published": "2019-07-21T09:00:00Z", "modified": "2019-07-19T09:00:00Z"}
    ```

    **Passes**

    ```jsonl
    {"id": "a1", "title": "T", "body": "B.", "published": "2019-07-21T09:00:00Z", "modified": "2019-07-21"}
    ```
    """

    id = "modified-before-published"
    category = "timestamp"
    severity = "warning"
    exact = True

    def check(self, record: Record) -> Iterator[Problem]:
        yield from before(record, "modified", "published")
