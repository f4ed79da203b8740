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

    The cut must end a line of running text: an ellipsis that ends a short label ("Loading...",
    "Load More...") is the page's, and a last line of a single sentence that stops without a
    period (a related link, a teaser, a footer) is not taken for a cut paragraph. A body that
    ends in chrome is `boilerplate-phrase`'s. Very short bodies are `not-an-article`'s.

    **Fails**

    ```jsonl
    {"id": "a1", "title": "T", "body": "Protesters blocked the port road in Basra on Sunday during a morning ro…"}
    ```

    **Passes**

    ```jsonl
    {"id": "a1", "title": "T", "body": "Protesters blocked the port road in Basra on Sunday. Police watched."}
    {"id": "a2", "title": "T", "body": "Protesters blocked the port road in Basra on Sunday. Police watched.\\nLoading..."}
    ```
    """

    id = "truncated-body"
    category = "artifact"
    severity = "warning"

    def check(self, record: Record) -> Iterator[Problem]:
        body = record.text("body").rstrip()
        if len(record.analysis(body_words)) < 8 and len(body) < _PROSE_CHARACTERS:
            return  # too short to tell (a script written without spaces counts by characters)
        tail_at = max(0, len(body) - 60)
        last_line = body.rsplit("\n", 1)[-1]
        cut = _CUT.search(body, tail_at)
        if cut and (_is_prose(last_line) or cut.group().startswith("[")):
            yield Problem(f"the body is cut short: ends with {cut.group()!r}", field="body", span=cut.span())
        elif not cut and _MID_SENTENCE.search(body, tail_at) and len(last_line) >= 60 and _SENTENCE_END.search(last_line):
            # A paragraph of prose whose last sentence stops on a lower-case word or a comma. A
            # last line of one sentence (a related link, a teaser, a footer) is not taken for one.
            yield Problem("the body stops mid-sentence: it may be cut short", field="body",
                          span=(max(0, len(body) - 20), len(body)))


_SENTENCE_END = re.compile(r"[.!?。！？][\"'”’)]?\s+\S")
_PROSE_WORDS = 6
_PROSE_CHARACTERS = 40  # a line of a script written without spaces


def _is_prose(line: str) -> bool:
    """A line of running text, not a label ("Loading...", "Load More...", "Trending stories…"):
    an ellipsis that ends a label belongs to the page, not to a cut."""
    return len(line.split()) >= _PROSE_WORDS or (" " not in line.strip() and len(line.strip()) >= _PROSE_CHARACTERS)
