import re
from typing import Iterator

import ftfy
from ftfy.badness import BADNESS_RE

from validator.record import Record
from validator.rule import Problem, RecordRule
from validator.text.body import text_fields
from validator.text.lexicon import windows

# Runs reported one by one per field; the rest make one finding, as each costs an ftfy repair
# (30 to 50 µs), and a field of 200,000 characters can hold 40,000 runs.
RUNS_ONE_BY_ONE = 100
SHOWN = 60  # characters of a run quoted in the message


class Mojibake(RecordRule):
    """Text decoded with the wrong encoding: "Iranâ€™s" for "Iran's", "CafÃ©" for "Café".

    Found with ftfy's badness measure, which knows the character sequences that mis-decoding
    produces and real text does not. One finding per mis-decoded run: the words (stretches
    between spaces) holding such a sequence, together with whatever lies between them that
    holds no letter (spaces, punctuation, digits), so that a whole mis-decoded Russian or
    Chinese paragraph is one finding and a clean word ends a run. The span covers the run and
    the suggestion is ftfy's repair of it; a run ftfy leaves as it is is not reported. A field
    with more than 100 runs has its first 100 reported one by one and the rest as one finding
    from the 101st to the last.

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
    fix = "safe"
    category = "artifact"
    severity = "error"

    def check(self, record: Record) -> Iterator[Problem]:
        for field, text in record.analysis(text_fields):
            if text.isascii():
                continue
            runs = damaged_runs(text)
            rest = len(runs) - RUNS_ONE_BY_ONE
            if rest > 0:
                runs[RUNS_ONE_BY_ONE:] = [(runs[RUNS_ONE_BY_ONE][0], runs[-1][1])]
            for number, (start, end) in enumerate(runs):
                damaged = text[start:end]
                repaired = ftfy.fix_text(damaged)
                if repaired != damaged:
                    more = f", {rest:,} runs from here on in one" if number == RUNS_ONE_BY_ONE else ""
                    yield Problem(f"mis-decoded text (mojibake){more}: {_shown(damaged)}", field=field,
                                  span=(start, end), suggestion=repaired)


# Every pattern of ftfy's BADNESS_RE holds a character other than ASCII and the punctuation
# of real text (curly quotes, dashes, ellipsis, no-break space, bullet), is at most eight
# characters long and has no look-around and no anchor but the text's start, which a search's
# `pos` does not move (tests/test_fast_paths.py checks all three). So its matches are searched
# for only around such characters (a character-class scan in C instead of the large pattern
# tried everywhere), and a search within such a window finds what one in the whole text does.
_UNUSUAL = re.compile("[^\x00-\x7f’‘“”—–…\xa0•]+")
_REACH = 8
_LETTER = re.compile(r"[^\W\d_]")
_WORD_REST = re.compile(r"\S*")
_THROUGH_LAST_SPACE = re.compile(r".*\s", re.DOTALL)


def damaged_runs(text: str) -> list[tuple[int, int]]:
    """The mis-decoded runs, in order: a word (a stretch between white space) is damaged when a
    match of BADNESS_RE, tried at every position, has its first character other than white
    space in it; a run goes from a damaged word to the last damaged word after it with no
    letter between. Each word is looked at once and the search goes on after it, so the cost
    is linear in the text (a word of 200,000 characters is one search, not one per match)."""
    runs: list[list[int]] = []
    done = 0  # the text before this is decided
    for window_start, window_end in windows((run.span() for run in _UNUSUAL.finditer(text)), _REACH):
        at = max(window_start, done)
        while match := BADNESS_RE.search(text, at, window_end):
            first = _first_not_space(match)
            if first is None:
                at = match.start() + 1
                continue
            start, end = _word_start(text, first), _WORD_REST.match(text, first).end()
            if runs and not _LETTER.search(text, runs[-1][1], start):
                runs[-1][1] = end
            else:
                runs.append([start, end])
            at = done = end
    return [(start, end) for start, end in runs]


def _first_not_space(match: re.Match) -> int | None:
    found = match.group()
    rest = found.lstrip()
    return match.start() + len(found) - len(rest) if rest else None


def _word_start(text: str, at: int) -> int:
    """Where the word holding `at` starts: after the last white space before it, looked for a
    chunk at a time in C (a word may be the whole text)."""
    while at > 0:
        low = max(0, at - 256)
        through = _THROUGH_LAST_SPACE.match(text, low, at)
        if through:
            return through.end()
        at = low
    return 0


def _shown(damaged: str) -> str:
    if len(damaged) <= SHOWN:
        return repr(damaged)
    return f"{damaged[:SHOWN]!r}… ({len(damaged):,} characters)"
