import re
from typing import Iterator

from validator.datafiles import table
from validator.record import Record
from validator.rule import Problem, RecordRule
from validator.text.body import body_lines, body_lowered, body_vocabulary
from validator.text.lexicon import find_all, matches_at, trie_regex

from . import copyright_notice

_TRIM = " \t»›|•·:-–—"


def _phrases() -> tuple[set[str], list[str]]:
    rows = table(__package__, "boilerplate.tsv")
    return {p for where, _, p in rows if where == "line"}, [p for where, _, p in rows if where == "anywhere"]


LINE_PHRASES, ANYWHERE_PHRASES = _phrases()
_ANYWHERE = re.compile(r"(?<![^\W\d_])(?:" + trie_regex(ANYWHERE_PHRASES) + ")")  # glued after digits too
_LINE_START = re.compile(r"(?:" + trie_regex(LINE_PHRASES) + ")")
_LONGEST = max(map(len, LINE_PHRASES))


def _needs(phrase: str) -> tuple[frozenset[str], str, str]:
    """What a body holding the phrase must hold: its inner words among the body's words (they
    stand between white space), its first and last words as text (glued to digits before, or
    to anything after); the longer end word first, as it is found faster."""
    words = re.findall(r"\w+", phrase)
    longer, shorter = sorted((words[0], words[-1]), key=len, reverse=True)
    return frozenset(words[1:-1]), longer, shorter


_NEEDS = [_needs(phrase) for phrase in ANYWHERE_PHRASES]
_FIRSTS = [re.match(r"\w+", phrase).group() for phrase in ANYWHERE_PHRASES]


def _anywhere(record: Record, lowered: str) -> list[tuple[int, int]]:
    """_ANYWHERE's matches, as its finditer finds them, tried only where the first word of a
    phrase whose words are all there stands: set lookups and str.find, far cheaper than the
    pattern, which opens with a look-behind and so is tried at every character."""
    vocabulary = record.analysis(body_vocabulary)
    firsts = {first for (inner, longer, shorter), first in zip(_NEEDS, _FIRSTS)
              if inner <= vocabulary and longer in lowered and shorter in lowered}
    starts = sorted({at for word in firsts for at in find_all(lowered, word)})
    return [match.span() for match in matches_at(_ANYWHERE, lowered, starts)]


class BoilerplatePhrase(RecordRule):
    """Page chrome in the body: share and comment widgets, "Listen Live", "Get short URL",
    cookie and newsletter prompts, "Read more", section labels, "ADVERTISEMENT".

    A curated multilingual phrase list (rules/artifacts/data/boilerplate.tsv) matched in one
    pass. Distinctive phrases count wherever they stand; common words ("Share", "Read more",
    "Middle East") only as a line of their own or glued to the next element ("Listen
    LiveSearch"). A site's copyright notice as a line of its own ("© 2019 Billboard. All
    Rights Reserved", "Copyright © Gannett 2018") is chrome too, whatever its language. The
    suggestion removes the phrase.

    **Fails**

    ```jsonl
    {"id": "a1", "title": "T", "body": "Listen Live\\nIran seized a tanker on Sunday.\\nGet short URL"}
    {"id": "a2", "title": "T", "body": "Iran seized a tanker on Sunday.\\n© 2014-2019 Gulf Daily"}
    ```

    **Passes**

    ```jsonl
    {"id": "a1", "title": "T", "body": "Listeners can read more about the seizure, which took place on Sunday."}
    {"id": "a2", "title": "T", "body": "The order says:\\n(c) The Secretary of Commerce shall report within 90 days."}
    ```
    """

    id = "boilerplate-phrase"
    fix = "safe"
    category = "artifact"
    severity = "warning"

    def check(self, record: Record) -> Iterator[Problem]:
        body = record.text("body")
        lowered = record.analysis(body_lowered)
        if lowered is None:
            return  # lower-casing moved characters; spans would be wrong
        found = []
        found.extend(_anywhere(record, lowered))
        for start, end in record.analysis(body_lines):
            # A paragraph longer than any phrase, with no trimmings at its ends, is not one.
            if end - start <= _LONGEST or lowered[start] in _TRIM or lowered[end - 1] in _TRIM:
                line = lowered[start:end]
                core = line.strip(_TRIM)
                if core in LINE_PHRASES:
                    offset = start + line.index(core)
                    found.append((offset, offset + len(core)))
                    continue
            if copyright_notice(body, start, end):
                found.append((start + len(body[start:end]) - len(body[start:end].lstrip()), end))
                continue
            glued = _LINE_START.match(lowered, start, end)
            if glued and glued.end() < end and body[glued.end()].isupper():
                found.append((start, glued.end()))
        for start, end in sorted(set(found)):
            yield Problem(f"page chrome in the text: {body[start:end]!r}", field="body", span=(start, end),
                          suggestion="")
