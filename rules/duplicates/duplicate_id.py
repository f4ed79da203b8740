from typing import Iterable

from validator.record import Record
from validator.rule import DatasetRule, Problem
from validator.states import merge_lists

from . import report_repeats


class DuplicateId(DatasetRule):
    """Two records with the same `id`: ids are how records are joined, cited and deduplicated.

    Each later record is reported, naming the first. State: one entry per distinct id.

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

    def start(self) -> dict:
        return {}  # id -> [place, ...]

    def add(self, state: dict, record: Record) -> None:
        value = record.get("id")
        if value is not None and value != "" and not isinstance(value, (dict, list)):
            state.setdefault(str(value), []).append((record.provenance, record.identity, record.source_name("id")))

    def merge(self, state: dict, other: dict) -> dict:
        return merge_lists(state, other)

    def finish(self, state: dict) -> Iterable[Problem]:
        yield from report_repeats(state, "the same id")
