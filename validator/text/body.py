"""Analyses of a record's body shared by the artifact and duplicate rules."""
from __future__ import annotations

import hashlib
import re

from ..record import Record

# ASCII characters outside \w become spaces, on the UTF-8 bytes, where bytes.translate runs
# in C at any text; the common non-ASCII punctuation of news text goes first (str.replace),
# and a regex only clears what else is left outside \w (£, ©, emoji, zero-width space).
_NOT_WORD_ASCII = bytes(b for b in range(128) if not (chr(b).isalnum() or b == ord("_")))
_TO_SPACES = bytes.maketrans(_NOT_WORD_ASCII, b" " * len(_NOT_WORD_ASCII))
_PUNCTUATION = "’‘“”—–…\xa0•«»"
_OTHER_NON_WORD = re.compile(r"[^\x00-\x7f\w]+")


def body_lines(record: Record) -> list[tuple[int, int]]:
    """Non-empty lines of the body, as stripped spans."""
    spans, start = [], 0
    for line in record.text("body").split("\n"):
        core = line.strip()
        if core:
            lead = len(line) - len(line.lstrip())
            spans.append((start + lead, start + lead + len(core)))
        start += len(line) + 1
    return spans


def body_lowered(record: Record) -> str | None:
    """The body in lower case, when lower-casing keeps every character's place (nearly all
    text; not "İ"), so that spans found in it are spans of the body; else None."""
    body = record.text("body")
    lowered = body.lower()
    return lowered if len(lowered) == len(body) else None


def body_plain(record: Record) -> str:
    """The lower-cased body with every character outside words (\\w) made an ASCII space, so
    that its words are the pieces of str.split(), found far cheaper than by a regex."""
    text = record.analysis(body_lowered)
    if text is None:
        text = record.text("body").lower()
    for mark in _PUNCTUATION:
        if mark in text:
            text = text.replace(mark, " ")
    plain = text.encode("utf-8", "surrogatepass").translate(_TO_SPACES).decode("utf-8", "surrogatepass")
    return plain if plain.isascii() else _OTHER_NON_WORD.sub(" ", plain)


def body_words(record: Record) -> list[str]:
    """The body's words (\\w+), lower-cased."""
    return record.analysis(body_plain).split()


def body_vocabulary(record: Record) -> frozenset[str]:
    """The set of the body's words (\\w+), lower-cased."""
    return frozenset(record.analysis(body_words))


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
