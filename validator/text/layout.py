"""Lines, paragraphs and sentences of a text, as character spans."""
from __future__ import annotations

import re

# A sentence end: . ! or ? with closing quotes and white space before an opening capital or
# digit, or line breaks. Each branch opens with a literal character, so the regex engine skips
# in C to the few places where one can start.
_SENTENCE_END = re.compile("|".join(rf"{re.escape(mark)}[\"'”’)]*\s+(?=[\"'“‘(]*[A-Z0-9])" for mark in ".!?")
                           + r"|\n\s*\n|\n")
# Abbreviations that end in a dot without ending a sentence.
_ABBREVIATION = re.compile(r"\b(?:[A-Z]|Mr|Mrs|Ms|Dr|Gen|Lt|Col|Maj|Sgt|Capt|Gov|Sen|Rep|St|Jr|Sr|Prof|"
                           r"Jan|Feb|Aug|Sept|Oct|Nov|Dec|No|U\.S|U\.N|U\.K)\.$")


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence: split after . ! ? before a capital or a digit, and at line breaks."""
    spans, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        end = match.start() + (text[match.start()] != "\n")  # the mark stays with its sentence
        if text[end:match.end()].strip() == "" and _ABBREVIATION.search(text, max(0, end - 6), end):
            continue
        if end > start:
            spans.append((start, end))
        start = match.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def sentence_at(spans: list[tuple[int, int]], position: int) -> tuple[int, int]:
    for start, end in spans:
        if start <= position < end:
            return start, end
    return position, position
