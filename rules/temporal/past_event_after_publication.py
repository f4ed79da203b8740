import datetime as dt
from typing import Iterator

from validator.record import Record
from validator.rule import Problem, RecordRule
from validator.text.date_mentions import date_mentions
from validator.text.datelines import published_date
from validator.text.story_time import an_event, sentence_around, tells_past
from validator.text.timestamps import reading

class PastEventAfterPublication(RecordRule):
    """An event told in the past tense but dated after the story was published.

    "The talks ended on August 3, 2019" in a story published on 21 July 2019 cannot be; the
    published date is wrong, or the story was updated without it. Only dates with a written
    year count, held against `modified` when the record has one (an updated story may tell of
    later days). Sentences that look ahead ("will", "is expected to", "scheduled", "next")
    pass, and so do dates that bound rather than happen ("after January 20", "until"), notes
    added later ("UPDATE: Dec. 22", "Correction:") and quoted speech.

    **Fails**

    ```jsonl
    {"id": "a1", "title": "T", "published": "2019-07-21T09:00:00Z", "body": "The talks ended on August 3, 2019, officials said."}
    ```

    **Passes**

    ```jsonl
    {"id": "a1", "title": "T", "published": "2019-07-21T09:00:00Z", "body": "The talks will end on August 3, 2019, officials said."}
    ```
    """

    id = "past-event-after-publication"
    category = "temporal"
    severity = "warning"

    def check(self, record: Record) -> Iterator[Problem]:
        reference = record.analysis(published_date)
        if not reference:
            return
        modified = reading(record, "modified")
        latest = reference
        if modified is not None and modified.has_date and not modified.faults():
            latest = max(reference, dt.date(modified.year, modified.month, modified.day))  # updated since
        body = record.text("body")
        for mention in record.analysis(date_mentions):
            if mention.kind != "date" or not mention.year or mention.date <= latest + dt.timedelta(days=1):
                continue
            start = mention.span[0]
            sentence = sentence_around(body, start)
            if not tells_past(sentence) or not an_event(body, start, sentence):
                continue
            yield Problem(f"an event of {mention.date.isoformat()} told in the past tense, in a story "
                          f"published {reference.isoformat()}", field="body", span=mention.span)
