from typing import Iterator

from validator.record import Record
from validator.rule import Problem, RecordRule

from . import absence


class MissingTitle(RecordRule):
    """A record whose title is absent, null or blank.

    A scraped article without its headline usually means the extractor missed the title
    element. Raw-text pages carry no title at all, so they get this finding too.

    **Fails**

    ```jsonl
    {"id": "a1", "title": "  ", "body": "The city fell on Sunday."}
    ```

    **Passes**

    ```jsonl
    {"id": "a1", "title": "Ramadi falls to militants", "body": "The city fell on Sunday."}
    ```
    """

    id = "missing-title"
    category = "schema"
    severity = "warning"
    exact = True

    def check(self, record: Record) -> Iterator[Problem]:
        problem = absence(record, "title")
        if problem:
            yield problem
