"""How a sentence places a date in the story's time: told as past, looking ahead, a limit
(`before`, `until`, `since`), part of a note added later (`UPDATE:`, `Correction:`), or inside
quoted speech. Shared by the temporal rules that read the story against its published date."""
from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache

from .layout import sentence_at, sentences

# A sentence that looks ahead is not reporting a past event.
_FUTURE = re.compile(r"\b(?:will|would|shall|expected|scheduled|plans?|planned|planning|due|set to|upcoming|"
                     r"next|is to|are to|going to|deadline|until|by|starting|from|ahead of|forecast|"
                     r"proposed|intends?|aims?|hopes?|runs?|running|through|opens?|opening)\b", re.I)
_PAST = re.compile(r"\b(?:said|was|were|had|did|took place|happened|died|announced|signed|met|won|lost|fell|"
                   r"held|killed|attacked|arrived|left|launched|voted|elected|resigned|declared|\w{3,}ed)\b", re.I)
# Words right before a date that make it a limit or a span, not the day of an event.
_LIMIT = re.compile(r"(?i)\b(?:after|before|by|until|till|through|since|from|starting|effective|as of|no later than|"
                    r"prior to|between|and|to)\s+(?:on\s+|the\s+)?$")
# Notes added to a story after it went out: their dates are the note's, not the story's.
_NOTE = re.compile(r"(?i)^\W*(?:update[ds]?|correction|clarification|editor['’]s note|this (?:story|article) "
                   r"(?:has been|was) (?:updated|corrected|amended)|corrected|amended)\b")


def sentence_around(body: str, position: int) -> str:
    """The sentence that holds the position. Sentences end at line breaks, so only its line is
    split (of the whole body, only the white space at the line's ends could differ), once for
    all the dates on it: a scraped body is often one line."""
    line_start = body.rfind("\n", 0, position) + 1
    line_end = body.find("\n", position)
    line = body[line_start:line_end if line_end >= 0 else len(body)]
    starts, spans = _line_sentences(line)
    at = bisect_right(starts, position - line_start) - 1
    start, end = sentence_at(spans[at:at + 1], position - line_start) if at >= 0 else (0, 0)
    return line[start:end]


@lru_cache(maxsize=16)
def _line_sentences(line: str) -> tuple[list[int], list[tuple[int, int]]]:
    spans = sentences(line)
    return [start for start, _ in spans], spans


def looks_ahead(sentence: str) -> bool:
    return bool(_FUTURE.search(sentence))


def tells_past(sentence: str) -> bool:
    return bool(_PAST.search(sentence))


def is_limit(body: str, start: int) -> bool:
    """`before January 20`, `until 2019`, `since May 3`: a date that bounds, not one that happened."""
    return bool(_LIMIT.search(body[max(0, start - 30):start]))


def in_note(body: str, position: int) -> bool:
    """Is the position in a line or sentence that is a note added later (`UPDATE: Dec. 22`)?"""
    line_start = body.rfind("\n", 0, position) + 1
    return bool(_NOTE.match(body[line_start:position])) or bool(_NOTE.match(sentence_around(body, position)))


def an_event(body: str, start: int, sentence: str | None = None) -> bool:
    """Is the date at `start` one the story tells of as a day something happens: not a limit
    (`before June 15, 2007`), not in a sentence that looks ahead (`runs through January 2019`),
    not in a note added later, not in quoted speech? (`sentence`: the one around it, if known.)"""
    sentence = sentence_around(body, start) if sentence is None else sentence
    return not (looks_ahead(sentence) or is_limit(body, start) or in_note(body, start) or inside_quote(body, start))


def inside_quote(text: str, at: int) -> bool:
    """Is the position inside quoted speech of its paragraph? (Quotes speak from their own day,
    and give people the titles they are addressed by.)"""
    start = text.rfind("\n", 0, at) + 1
    before = text[start:at]
    return before.count('"') % 2 == 1 or before.count("“") > before.count("”") or before.count("«") > before.count("»")
