from typing import Iterable

from validator.record import Record
from validator.rule import DatasetRule, Problem
from validator.states import Repeats

from . import report_repeats


class DuplicateId(DatasetRule):
    """Two records with the same `id`: ids are how records are joined, cited and deduplicated.

    Each later record is reported, naming the first. State: a 64-bit digest of each id and the
    record's place, in columns (about 30 bytes a record).

    **Fails**

    ```jsonl
    {"id": "a1", "title": "Dam repaired", "body": "Engineers repaired the dam."}
    {"id": "a1", "title": "Bridge reopens", "body": "The bridge reopened."}
    ```

    **Passes**

    ```jsonl
    {"id": "a1", "title": "Dam repaired", "body": "Engineers repaired the dam."}
    {"id": "a2", "title": "Bridge reopens", "body": "The bridge reopened."}
    ```
    """

    id = "duplicate-id"
    category = "duplicate"
    severity = "error"
    exact = True

    def start(self) -> Repeats:
        return Repeats()

    def add(self, state: Repeats, record: Record) -> None:
        value = record.get("id")
        if value is not None and value != "" and not isinstance(value, (dict, list)):
            state.add(str(value), record.place("id"))

    def merge(self, state: Repeats, other: Repeats) -> Repeats:
        return state.merge(other)

    def finish(self, state: Repeats) -> Iterable[Problem]:
        yield from report_repeats(state, "the same id")
