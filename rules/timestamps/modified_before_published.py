from typing import Iterator

from validator.record import Record
from validator.rule import Problem, RecordRule
from validator.text.timestamps import published, reading


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

    def check(self, record: Record) -> Iterator[Problem]:
        yield from before(record, "modified", "published")


def before(record: Record, field: str, reference_field: str) -> Iterator[Problem]:
    """A problem on `field` when it certainly lies before the published moment."""
    stamp, reference = record.analysis(reading, field), published(record)
    window = stamp.interval() if stamp else None
    reference_window = reference.interval() if reference else None
    if window and reference_window and window[1] < reference_window[0]:
        yield Problem(f"{field} {stamp.iso()} is before {reference_field} {reference.iso()}", field=field)
