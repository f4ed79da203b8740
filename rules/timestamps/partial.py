from typing import Iterator

from validator.record import Record
from validator.rule import Problem, RecordRule
from validator.text.timestamps import timestamp_values, whole


class TimestampPartial(RecordRule):
    """A timestamp without a year, a month or a day, or a time alone.

    General-purpose parsers fill the missing parts from today's date without a word; newslint
    says which part is missing. A date without a time is complete enough and passes.

    **Fails**

    ```jsonl
    {"id": "a1", "title": "T", "body": "B.", "published": "July 2019"}
    ```

    **Passes**

    ```jsonl
    {"id": "a1", "title": "T", "body": "B.", "published": "21 July 2019"}
    ```
    """

    id = "timestamp-partial"
    category = "timestamp"
    severity = "warning"
    exact = True

    def check(self, record: Record) -> Iterator[Problem]:
        for field, verdict in timestamp_values(record, "ok"):
            missing = [part for part in verdict.timestamp.missing if part != "time"]
            if missing:
                what = "no date: a time alone" if len(missing) == 3 else "no " + " and no ".join(missing)
                yield Problem(f"incomplete timestamp ({what})", field=field, span=whole(verdict))
