import re
from typing import Iterator

from validator.record import Record
from validator.rule import Problem, RecordRule
from validator.text.body import body_lines

from . import picture_credit

# "Credit" glued to the end of a caption by the extractor, then a name: "...on Sunday.Credit
# Nabil al-Jurani/Associated Press" (a word glued to "Credit", as no sentence writes it).
_GLUED_CREDIT = re.compile(r"(?<=[a-z.)”\"])Credit:?\s+(?=[A-Z])")


class PhotoCredit(RecordRule):
    """A photo credit or caption line inside the body: "© AP Photo/ Office of the Iranian
    Supreme Leader", "Photo: Reuters", "Image copyright Getty Images". The suggestion removes it.
    A caption glued to its credit by the extractor ("...on Sunday.Credit Nabil al-Jurani/AP")
    is reported from "Credit" to the end of the line. A line that opens with ©, (c) or
    Copyright is a credit only when it names a picture (a
    word for one, a picture agency, "Agency/Photographer"): else it is the site's copyright
    notice ("© 2019 Billboard. All Rights Reserved", "© Reuters" closing a story), which
    `boilerplate-phrase` reports as page chrome.

    **Fails**

    ```jsonl
    {"id": "a1", "title": "T", "body": "Iran seized a tanker.\\n© AP Photo/ Iranian Presidency\\nShipping firms were warned."}
    ```

    **Passes**

    ```jsonl
    {"id": "a1", "title": "T", "body": "Iran seized a tanker, an AP photographer saw.\\nShipping firms were warned.\\n© 2019 Gulf Daily. All rights reserved."}
    ```
    """

    id = "photo-credit"
    fix = "unsafe"
    category = "artifact"
    severity = "warning"

    def check(self, record: Record) -> Iterator[Problem]:
        body = record.text("body")
        for start, end in record.analysis(body_lines):
            if end - start <= 160 and picture_credit(body, start, end):
                yield Problem(f"a photo credit in the text: {body[start:end]!r}", field="body", span=(start, end),
                              suggestion="")
                continue
            glued = _GLUED_CREDIT.search(body, start, end)
            if glued and end - glued.start() <= 120:
                yield Problem(f"a photo caption glued to its credit: {body[glued.start():end]!r}", field="body",
                              span=(glued.start(), end), suggestion="")
