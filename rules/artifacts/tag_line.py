import re
from typing import Iterator

from validator.record import Record
from validator.rule import Problem, RecordRule
from validator.text.body import body_lines

_TAG = re.compile(r"[A-Z][\w'’.-]*(?: [A-Z&][\w'’.-]*){0,3}")


class TagLine(RecordRule):
    """A line of tags or keywords inside the body: "Daesh, United States, Iran, Iraq".

    Three or more comma-separated items, each of one to four capitalised words, and nothing
    else on the line. The suggestion removes it.

    **Fails**

    ```jsonl
    {"id": "a1", "title": "T", "body": "Iran seized a tanker on Sunday.\\nDaesh, United States, Iran, Iraq"}
    ```

    **Passes**

    ```jsonl
    {"id": "a1", "title": "T", "body": "Iran seized a tanker on Sunday.\\nIran, Iraq and Syria condemned it, officials said."}
    ```
    """

    id = "tag-line"
    category = "artifact"
    severity = "warning"

    def check(self, record: Record) -> Iterator[Problem]:
        body = record.text("body")
        for start, end in record.analysis(body_lines):
            items = body[start:end].split(",")
            if len(items) >= 3 and end - start <= 200 and all(_TAG.fullmatch(item.strip()) for item in items):
                yield Problem(f"a tag line in the text: {body[start:end]!r}", field="body", span=(start, end),
                              suggestion="")
