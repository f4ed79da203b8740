from typing import Iterator

from validator.record import Record
from validator.rule import Problem, RecordRule

from . import absence


class MissingBody(RecordRule):
    """A record whose body text is absent, null or blank.

    Without a body there is nothing to check or to use: the extractor failed on the page, or
    the field mapping points at the wrong field (see the mapping in the report header, and
    `--field body=...`).

    **Fails**

    ```jsonl
    {"id": "a1", "title": "Ramadi falls to militants", "body": ""}
    ```

    **Passes**

    ```jsonl
    {"id": "a1", "title": "Ramadi falls to militants", "body": "The city fell on Sunday."}
    ```
    """

    id = "missing-body"
    category = "schema"
    severity = "error"
    exact = True

    def check(self, record: Record) -> Iterator[Problem]:
        problem = absence(record, "body")
        if problem:
            yield problem
