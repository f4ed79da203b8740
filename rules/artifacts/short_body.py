import statistics
from typing import Iterable

from validator.record import Record
from validator.rule import DatasetRule, Problem
from array import array

from validator.states import Places
from validator.text.body import body_words


class ShortBody(DatasetRule):
    """A body far shorter than its source's usual one: a teaser, a truncated extraction, or a
    page that only links to the story.

    Reported when a body has fewer than `max_share` (default 0.2) of the median word count of
    its source, in sources of at least `min_records` (default 10) records. State: per source,
    each record's word count and place, in columns (about 25 bytes a record).

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
        return {}  # source -> (word counts, places)

    def add(self, state: dict, record: Record) -> None:
        words = len(record.analysis(body_words))
        if words:
            counts, places = state.get(record.source_key) or state.setdefault(record.source_key, (array("I"), Places()))
            counts.append(words)
            places.add(record.place("body"))

    def merge(self, state: dict, other: dict) -> dict:
        for source, (counts, places) in other.items():
            if source in state:
                state[source][0].extend(counts)
                state[source][1].extend(places)
            else:
                state[source] = (counts, places)
        return state

    def finish(self, state: dict) -> Iterable[Problem]:
        for source, (counts, places) in state.items():
            if len(counts) < self.options["min_records"]:
                continue
            median = statistics.median(counts)
            for index, words in enumerate(counts):
                if words < self.options["max_share"] * median:
                    yield Problem(f"{words} words where {source or '(unknown source)'} usually has {median:.0f}",
                                  place=places[index])
