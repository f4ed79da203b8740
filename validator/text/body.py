"""Analyses of a record's body shared by the artifact and duplicate rules."""
from __future__ import annotations

import hashlib
import re

from ..record import Record
from .layout import lines, stripped

_WORD = re.compile(r"\w+")


def body_lines(record: Record) -> list[tuple[int, int]]:
    """Non-empty lines of the body, as stripped spans."""
    body = record.text("body")
    return [span for span in (stripped(body, line) for line in lines(body)) if span[0] < span[1]]


def body_lowered(record: Record) -> str | None:
    """The body in lower case, when lower-casing keeps every character's place (nearly all
    text; not "İ"), so that spans found in it are spans of the body; else None."""
    body = record.text("body")
    lowered = body.lower()
    return lowered if len(lowered) == len(body) else None


def body_words(record: Record) -> list[str]:
    return _WORD.findall(record.text("body").lower())


def body_fingerprint(record: Record) -> str | None:
    """A hash of the body's words (case, spacing and punctuation ignored), or None if empty."""
    words = record.analysis(body_words)
    return hashlib.blake2b(" ".join(words).encode(), digest_size=12).hexdigest() if words else None


def text_fields(record: Record) -> list[tuple[str, str]]:
    """(field, text) of the fields that hold prose or names: title, body, authors, section."""
    found = []
    for field in ("title", "body", "authors", "section"):
        value = record.get(field)
        if isinstance(value, str):
            found.append((field, value))
    return found
