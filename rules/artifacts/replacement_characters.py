import re
from typing import Iterator

from validator.record import Record
from validator.rule import Problem, RecordRule
from validator.text.body import text_fields

_REPLACEMENT = re.compile("\ufffd+")


class ReplacementCharacters(RecordRule):
    """U+FFFD replacement characters in the text: bytes that a decoder upstream could not read
    and threw away. What they stood for is lost; no repair is offered.

    **Fails**

    ```jsonl
    {"id": "a1", "title": "T", "body": "The minister\ufffd\ufffds visit was cancelled."}
    ```

    **Passes**

    ```jsonl
    {"id": "a1", "title": "T", "body": "The minister’s visit was cancelled."}
    ```
    """

    id = "replacement-characters"
    category = "artifact"
    severity = "warning"
    exact = True

    def check(self, record: Record) -> Iterator[Problem]:
        for field, text in record.analysis(text_fields):
            if "\ufffd" not in text:
                continue
            for match in _REPLACEMENT.finditer(text):
                yield Problem(f"{len(match.group())} replacement character(s): text was lost in decoding",
                              field=field, span=match.span())
