"""Lines, paragraphs and sentences of a text, as character spans."""
from __future__ import annotations

import re

_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[\"'“‘(]*[A-Z0-9])|\n\s*\n|\n")
# Abbreviations that end in a dot without ending a sentence.
_ABBREVIATION = re.compile(r"\b(?:[A-Z]|Mr|Mrs|Ms|Dr|Gen|Lt|Col|Maj|Sgt|Capt|Gov|Sen|Rep|St|Jr|Sr|Prof|"
                           r"Jan|Feb|Aug|Sept|Oct|Nov|Dec|No|U\.S|U\.N|U\.K)\.$")


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence: split after . ! ? before a capital or a digit, and at line breaks."""
    spans, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        if match.group().strip() == "" and _ABBREVIATION.search(text, max(0, match.start() - 6), match.start()):
            continue
        if match.start() > start:
            spans.append((start, match.start()))
        start = match.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def sentence_at(spans: list[tuple[int, int]], position: int) -> tuple[int, int]:
    for start, end in spans:
        if start <= position < end:
            return start, end
    return position, position


def lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of each line without its line break."""
    spans, start = [], 0
    for line in text.split("\n"):
        spans.append((start, start + len(line)))
        start += len(line) + 1
    return spans


def stripped(text: str, span: tuple[int, int]) -> tuple[int, int]:
    """The span without the white space at its ends."""
    start, end = span
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
