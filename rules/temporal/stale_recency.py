import statistics
from typing import Iterator

from validator.record import Record
from validator.rule import Problem, RecordRule
from validator.text.date_mentions import date_mentions
from validator.text.datelines import published_date
from validator.text.story_time import an_event, in_note, inside_quote


class StaleRecency(RecordRule):
    """Recency language ("on Sunday", "this month", "yesterday") while the dated events the
    story names lie far from its published date: a stale, republished or misdated story.

    Speaks when at least two dates with a written year appear, their median lies more than
    `max_days` (default 60) from the published date, and none is near it. Years alone ("since
    2003", "the 2010 earthquake") are ordinary context and do not count; neither do dates that
    bound (`before June 15, 2007`, `until`), dates in sentences that look ahead (`runs through
    January 2019`) and dates or recency words in quoted speech or notes added later.

    **Options**: `max_days` (integer; default 60).

    **Fails**

    ```jsonl
    {"id": "a1", "title": "T", "published": "2019-07-21T09:00:00Z", "body": "Militants took the city on Sunday. The siege began on May 17, 2015 and talks failed on May 20, 2015."}
    ```

    **Passes**

    ```jsonl
    {"id": "a1", "title": "T", "published": "2019-07-21T09:00:00Z", "body": "Militants took the city on Sunday. The siege began on July 10, 2019 after talks failed on May 20, 2015."}
    ```
    """

    id = "stale-recency"
    category = "temporal"
    severity = "warning"
    options_schema = {"max_days": {"type": "integer", "minimum": 1, "default": 60,
                                   "description": "days from published beyond which dated events are far"}}

    def check(self, record: Record) -> Iterator[Problem]:
        reference = record.analysis(published_date)
        mentions = record.analysis(date_mentions) if reference else []
        body = record.text("body") if mentions else ""
        recency = [m for m in mentions if m.kind == "relative" and not inside_quote(body, m.span[0])
                   and not in_note(body, m.span[0])]
        if not recency:  # most records: the dated mentions need not be weighed
            return
        dated = [m for m in mentions if m.kind == "date" and m.year and an_event(body, m.span[0])]
        if len(dated) < 2:
            return
        distances = [abs((m.date - reference).days) for m in dated]
        if statistics.median(distances) > self.options["max_days"] and min(distances) > self.options["max_days"]:
            middle = sorted(m.date for m in dated)[len(dated) // 2]
            yield Problem(f"says {recency[0].text!r} but the dated events centre on {middle.isoformat()}, "
                          f"far from the published date {reference.isoformat()}", field="body", span=recency[0].span)
