import re
from typing import Iterator

import ftfy
from ftfy.badness import BADNESS_RE

from validator.record import Record
from validator.rule import Problem, RecordRule
from validator.text.body import text_fields
from validator.text.lexicon import windows


class Mojibake(RecordRule):
    """Text decoded with the wrong encoding: "Iranâ€™s" for "Iran's", "CafÃ©" for "Café".

    Found with ftfy's badness measure, which knows the character sequences that mis-decoding
    produces and real text does not; the suggestion is ftfy's repair of the damaged stretch.

    **Fails**

    ```jsonl
    {"id": "a1", "title": "T", "body": "Iranâ€™s foreign ministry said on Sunday."}
    ```

    **Passes**

    ```jsonl
    {"id": "a1", "title": "T", "body": "Iran’s foreign ministry met in the Café Naderi on Sunday."}
    ```
    """

    id = "mojibake"
    category = "artifact"
    severity = "error"

    def check(self, record: Record) -> Iterator[Problem]:
        for field, text in record.analysis(text_fields):
            if text.isascii():
                continue
            for match in bad_sequences(text):
                start, end = _word_around(text, match.start(), match.end())
                repaired = ftfy.fix_text(text[start:end])
                if repaired != text[start:end]:
                    yield Problem(f"mis-decoded text (mojibake): {text[start:end]!r}", field=field, span=(start, end),
                                  suggestion=repaired)


# Every pattern of ftfy's BADNESS_RE holds a character other than ASCII and the punctuation
# of real text (curly quotes, dashes, ellipsis, no-break space, bullet) and is at most eight
# characters long (tests/test_fast_paths.py checks both), so it is searched only around such
# characters: a character-class scan in C instead of the large pattern tried everywhere.
_UNUSUAL = re.compile("[^\x00-\x7f’‘“”—–…\xa0•]+")
_REACH = 8


def bad_sequences(text: str) -> Iterator[re.Match]:
    """BADNESS_RE's matches in the text, as `BADNESS_RE.finditer(text)` finds them."""
    for start, end in windows((run.span() for run in _UNUSUAL.finditer(text)), _REACH):
        for match in BADNESS_RE.finditer(text, start, end):
            if match.start() < end - _REACH:  # starts at or before its window's last unusual character
                yield match


def _word_around(text: str, start: int, end: int) -> tuple[int, int]:
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    while end < len(text) and not text[end].isspace():
        end += 1
    return start, end
