import statistics
from typing import Iterable

from validator.record import Record
from validator.rule import DatasetRule, Problem
from validator.states import merge_lists
from validator.text.body import body_words


class ShortBody(DatasetRule):
    """A body far shorter than its source's usual one: a teaser, a truncated extraction, or a
    page that only links to the story.

    Reported when a body has fewer than `max_share` (default 0.2) of the median word count of
    its source, in sources of at least `min_records` (default 10) records. State: per source,
    each record's word count and place (a few dozen bytes a record).

    **Options**: `max_share` (number; default 0.2), `min_records` (integer; default 10).

    **Fails**

    ```jsonl
    {"id": "a1", "title": "T", "source": "x.example", "body": "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty."}
    {"id": "a2", "title": "T", "source": "x.example", "body": "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty."}
    {"id": "a3", "title": "T", "source": "x.example", "body": "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty."}
    {"id": "a4", "title": "T", "source": "x.example", "body": "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty."}
    {"id": "a5", "title": "T", "source": "x.example", "body": "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty."}
    {"id": "a6", "title": "T", "source": "x.example", "body": "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty."}
    {"id": "a7", "title": "T", "source": "x.example", "body": "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty."}
    {"id": "a8", "title": "T", "source": "x.example", "body": "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty."}
    {"id": "a9", "title": "T", "source": "x.example", "body": "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty."}
    {"id": "a10", "title": "T", "source": "x.example", "body": "Read on."}
    ```

    **Passes**

    ```jsonl
    {"id": "a1", "title": "T", "source": "x.example", "body": "Read on."}
    {"id": "a2", "title": "T", "source": "y.example", "body": "one two three four five six seven eight nine ten eleven twelve."}
    ```
    """

    id = "short-body"
    category = "artifact"
    severity = "warning"
    options_schema = {
        "max_share": {"type": "number", "exclusiveMinimum": 0, "maximum": 1, "default": 0.2,
                      "description": "share of the source's median length below which a body is short"},
        "min_records": {"type": "integer", "minimum": 3, "default": 10, "description": "smallest source considered"},
    }

    def start(self) -> dict:
        return {}  # source -> [(words, provenance, identity, field name)]

    def add(self, state: dict, record: Record) -> None:
        words = len(record.analysis(body_words))
        if words:
            state.setdefault(record.source_key, []).append((words, record.provenance, record.identity,
                                                            record.source_name("body")))

    def merge(self, state: dict, other: dict) -> dict:
        return merge_lists(state, other)

    def finish(self, state: dict) -> Iterable[Problem]:
        for source, entries in state.items():
            if len(entries) < self.options["min_records"]:
                continue
            median = statistics.median(entry[0] for entry in entries)
            for words, at, identity, field in entries:
                if words < self.options["max_share"] * median:
                    yield Problem(f"{words} words where {source or '(unknown source)'} usually has {median:.0f}",
                                  field=field, at=at, record=identity)
