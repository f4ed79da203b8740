import datetime as dt
import re
from typing import Iterator

from validator.record import Record
from validator.rule import Problem, RecordRule
from validator.text.date_mentions import date_mentions
from validator.text.datelines import published_date
from validator.text.layout import sentence_at, sentences

# A sentence that looks ahead is not reporting a past event.
_FUTURE = re.compile(r"\b(?:will|would|shall|expected|scheduled|plans?|planned|planning|due|set to|upcoming|"
                     r"next|is to|are to|going to|deadline|until|by|starting|from|ahead of|forecast|"
                     r"proposed|intends?|aims?|hopes?)\b", re.I)
_PAST = re.compile(r"\b(?:said|was|were|had|did|took place|happened|died|announced|signed|met|won|lost|fell|"
                   r"held|killed|attacked|arrived|left|launched|voted|elected|resigned|declared|\w{3,}ed)\b", re.I)


class PastEventAfterPublication(RecordRule):
    """An event told in the past tense but dated after the story was published.

    "The talks ended on August 3, 2019" in a story published on 21 July 2019 cannot be; the
    published date is wrong, or the story was updated without it. Sentences that look ahead
    ("will", "is expected to", "scheduled", "next") pass, and only dates with a written year count.

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
        body = record.text("body")
        for mention in record.analysis(date_mentions):
            if mention.kind != "date" or not mention.year or mention.date <= reference + dt.timedelta(days=1):
                continue
            sentence = _sentence_around(body, mention.span[0])
            if _PAST.search(sentence) and not _FUTURE.search(sentence):
                yield Problem(f"an event of {mention.date.isoformat()} told in the past tense, in a story "
                              f"published {reference.isoformat()}", field="body", span=mention.span)


def _sentence_around(body: str, position: int) -> str:
    """The sentence that holds the position. Sentences end at line breaks, so only its line is
    split (of the whole body, only the white space at the line's ends could differ)."""
    line_start = body.rfind("\n", 0, position) + 1
    line_end = body.find("\n", position)
    line = body[line_start:line_end if line_end >= 0 else len(body)]
    start, end = sentence_at(sentences(line), position - line_start)
    return line[start:end]
