import re
from typing import Iterator

from validator.record import Record
from validator.rule import Problem, RecordRule
from validator.text.body import body_words

_CUT = re.compile(r"(?:\w…|\w\.\.\.|\.\.?\s*read more|…\s*read more|\[…\]|\[\.\.\.\]|continue reading)\W{0,3}$",
                  re.IGNORECASE)
_MID_SENTENCE = re.compile(r"(?:\s[a-z]+|,)$")


class TruncatedBody(RecordRule):
    """A body cut short: it stops mid-word with an ellipsis ("during a morning ro…"), ends in
    "..Read more", or stops on a lower-case word or a comma at the end of a line of prose.

    A body that ends in a heading-like line of chrome is `boilerplate-phrase`'s; this rule
    looks at the last characters. Very short bodies are `not-an-article`'s.

    **Fails**

    ```jsonl
    {"id": "a1", "title": "T", "body": "Protesters blocked the port road in Basra on Sunday during a morning ro…"}
    ```

    **Passes**

    ```jsonl
    {"id": "a1", "title": "T", "body": "Protesters blocked the port road in Basra on Sunday. Police watched."}
    ```
    """

    id = "truncated-body"
    category = "artifact"
    severity = "warning"

    def check(self, record: Record) -> Iterator[Problem]:
        body = record.text("body").rstrip()
        if len(record.analysis(body_words)) < 8:
            return
        tail_at = max(0, len(body) - 60)
        cut = _CUT.search(body, tail_at)
        if cut:
            yield Problem(f"the body is cut short: ends with {cut.group()!r}", field="body", span=cut.span())
        elif _MID_SENTENCE.search(body, tail_at) and len(body.rsplit("\n", 1)[-1]) >= 60:
            # A last line of prose that stops on a lower-case word or a comma; labels, links and
            # credits at the end are other rules' business.
            yield Problem("the body stops mid-sentence: it may be cut short", field="body",
                          span=(max(0, len(body) - 20), len(body)))
