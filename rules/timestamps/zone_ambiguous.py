from typing import Iterator

from validator.record import Record
from validator.rule import Problem, RecordRule
from validator.text.timestamps import format_offset, timestamp_values, whole


class TimestampZoneAmbiguous(RecordRule):
    """A zone abbreviation that names several zones: IST (India, Ireland, Israel), CST, BST, AST, GST.

    The table of abbreviations (validator/text/data/zones.tsv) records every reading; other
    rules allow for all of them when they compare moments.

    **Fails**

    ```jsonl
    {"id": "a1", "title": "T", "body": "B.", "published": "04:25:06 PM IST Apr 08, 2020"}
    ```

    **Passes**

    ```jsonl
    {"id": "a1", "title": "T", "body": "B.", "published": "04:25:06 PM +05:30 Apr 08, 2020"}
    ```
    """

    id = "timestamp-zone-ambiguous"
    category = "timestamp"
    severity = "warning"
    exact = True

    def check(self, record: Record) -> Iterator[Problem]:
        for field, verdict in timestamp_values(record, "ok"):
            stamp = verdict.timestamp
            if stamp.zone_offsets:
                readings = ", ".join(format_offset(o) for o in stamp.zone_offsets)
                yield Problem(f"zone {stamp.zone} is ambiguous: it may mean {readings}", field=field,
                              span=whole(verdict))
