import re
from importlib.resources import files
from typing import Iterator

from validator.record import Record
from validator.rule import Problem, RecordRule
from validator.text.body import body_lines, body_lowered
from validator.text.lexicon import first_char_regex, trie_regex

_TRIM = " \t»›|•·:-–—"


def _phrases() -> tuple[set[str], list[str]]:
    text = files(__package__).joinpath("data", "boilerplate.tsv").read_text(encoding="utf-8")
    rows = [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return {p for where, _, p in rows if where == "line"}, [p for where, _, p in rows if where == "anywhere"]


LINE_PHRASES, ANYWHERE_PHRASES = _phrases()
# Opening with the phrases' first letters, the pattern lets the regex engine skip in C to
# where one can start; the condition before it (no letter: "glued after digits too") is
# checked after.
_ANYWHERE = re.compile(first_char_regex(ANYWHERE_PHRASES))
_LINE_START = re.compile(r"(?:" + trie_regex(LINE_PHRASES) + ")")


def _anywhere(lowered: str) -> Iterator[tuple[int, int]]:
    """Spans of the anywhere phrases not preceded by a letter, as one scan with that look-behind finds them."""
    match = _ANYWHERE.search(lowered)
    while match:
        start = match.start()
        if start and lowered[start - 1].isalnum() and not lowered[start - 1].isdecimal():
            match = _ANYWHERE.search(lowered, start + 1)  # preceded by a letter: try from the next character
            continue
        yield match.span()
        match = _ANYWHERE.search(lowered, match.end())


class BoilerplatePhrase(RecordRule):
    """Page chrome in the body: share and comment widgets, "Listen Live", "Get short URL",
    cookie and newsletter prompts, "Read more", section labels, "ADVERTISEMENT".

    A curated multilingual phrase list (rules/artifacts/data/boilerplate.tsv) matched in one
    pass. Distinctive phrases count wherever they stand; common words ("Share", "Read more",
    "Middle East") only as a line of their own or glued to the next element ("Listen
    LiveSearch"). The suggestion removes the phrase.

    **Fails**

    ```jsonl
    {"id": "a1", "title": "T", "body": "Listen Live\\nIran seized a tanker on Sunday.\\nGet short URL"}
    ```

    **Passes**

    ```jsonl
    {"id": "a1", "title": "T", "body": "Listeners can read more about the seizure, which took place on Sunday."}
    ```
    """

    id = "boilerplate-phrase"
    category = "artifact"
    severity = "warning"

    def check(self, record: Record) -> Iterator[Problem]:
        body = record.text("body")
        lowered = record.analysis(body_lowered)
        if lowered is None:
            return  # lower-casing moved characters; spans would be wrong
        found = []
        found.extend(_anywhere(lowered))
        for start, end in record.analysis(body_lines):
            line = lowered[start:end]
            core = line.strip(_TRIM)
            if core in LINE_PHRASES:
                offset = start + line.index(core)
                found.append((offset, offset + len(core)))
                continue
            glued = _LINE_START.match(lowered, start, end)
            if glued and glued.end() < end and body[glued.end()].isupper():
                found.append((start, glued.end()))
        for start, end in sorted(set(found)):
            yield Problem(f"page chrome in the text: {body[start:end]!r}", field="body", span=(start, end),
                          suggestion="")
