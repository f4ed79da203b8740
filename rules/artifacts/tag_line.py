import re
from typing import Iterator

from validator.record import Record
from validator.rule import Problem, RecordRule
from validator.text.body import body_lines

_TAG = re.compile(r"[A-Z][\w'’.-]*(?: [A-Z&][\w'’.-]*){0,3}")
_LABEL = re.compile(r"\s*(?:tags|topics|keywords)\s*:\s*", re.IGNORECASE)
MIN_ITEMS = 4


class TagLine(RecordRule):
    """A line of tags or keywords inside the body: "Daesh, United States, Iran, Iraq".

    Four or more comma-separated items, each of one to four capitalised words, and nothing
    else on the line; or any such items after a "Tags:" or "Topics:" label. Three items are
    as often a person's name and degrees ("Rachael Link, MS, RD"), a byline of several
    authors, a company and its city and state, or a menu entry ("Eat, Drink, Cook"), and are
    not taken for tags. The suggestion removes it.

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
    fix = "unsafe"
    category = "artifact"
    severity = "warning"

    def check(self, record: Record) -> Iterator[Problem]:
        body = record.text("body")
        for start, end in record.analysis(body_lines):
            line = body[start:end]
            label = _LABEL.match(line)
            items = line[label.end() if label else 0:].split(",")
            if len(items) >= (1 if label else MIN_ITEMS) and end - start <= 200 and all(
                    _TAG.fullmatch(item.strip()) for item in items) and not items[0].lstrip().startswith("By "):
                yield Problem(f"a tag line in the text: {body[start:end]!r}", field="body", span=(start, end),
                              suggestion="")
