from typing import Iterator

from validator.record import Record
from validator.rule import Problem, RecordRule
from validator.text.date_mentions import date_mentions


class BodyWeekdayMismatch(RecordRule):
    """A weekday in the body that contradicts its date: `Tuesday, May 25, 2015` (a Monday).

    Without a written year, the year nearest the published date is assumed; a mismatch then
    often means the story is from another year (`Monday, May 25` fits 2015, not 2019).

    **Fails**

    ```jsonl
    {"id": "a1", "title": "T", "published": "2019-07-21T09:00:00Z", "body": "The city fell on Monday, May 25, the army said."}
    ```

    **Passes**

    ```jsonl
    {"id": "a1", "title": "T", "published": "2015-05-27T09:00:00Z", "body": "The city fell on Monday, May 25, the army said."}
    ```
    """

    id = "body-weekday-mismatch"
    category = "temporal"
    severity = "warning"

    def check(self, record: Record) -> Iterator[Problem]:
        for mention in record.analysis(date_mentions):
            if mention.kind == "date" and not mention.written_weekday_ok:
                year = "" if mention.year else " (year taken as the one nearest the published date)"
                yield Problem(f"{mention.date:%d %B %Y} was a {mention.date:%A}{year}", field="body",
                              span=mention.span)
