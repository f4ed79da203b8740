from typing import Iterator

from validator.record import Record
from validator.rule import Problem, RecordRule
from validator.text.datelines import dateline, nearest_date, published_date


class DatelineInvalidDate(RecordRule):
    """A dateline date that does not exist in any year near the published date (`Feb. 30`, `June 31`).

    **Fails**

    ```jsonl
    {"id": "a1", "title": "T", "published": "2019-03-01T09:00:00Z", "body": "WASHINGTON, Feb. 30 (UPI) -- The Senate voted."}
    ```

    **Passes**

    ```jsonl
    {"id": "a1", "title": "T", "published": "2019-03-01T09:00:00Z", "body": "WASHINGTON, Feb. 28 (UPI) -- The Senate voted."}
    ```
    """

    id = "dateline-invalid-date"
    category = "temporal"
    severity = "warning"

    def check(self, record: Record) -> Iterator[Problem]:
        line, reference = record.analysis(dateline), record.analysis(published_date)
        if line and line.month is not None and reference and nearest_date(line.month, line.day, reference) is None:
            yield Problem(f"the dateline's date (month {line.month}, day {line.day}) does not exist",
                          field="body", span=line.date_span)
