"""Finding phrases fast: a regex alternation shaped as a trie, so that the regex engine
follows one branch per character instead of trying every phrase at every position; patterns
that open with literal characters, which the engine skips to in C; and trying a pattern only
where its matches can begin."""
from __future__ import annotations

import re
from typing import Iterable, Iterator


def trie_regex(phrases: Iterable[str]) -> str:
    """A regex (no group) matching any of the phrases, longest first; a space in a phrase
    matches any run of white space."""
    trie: dict = {}
    for phrase in phrases:
        node = trie
        for char in phrase:
            node = node.setdefault(char, {})
        node[""] = {}
    return _emit(trie)


def first_char_regex(phrases: Iterable[str], tail: str = "") -> str:
    """trie_regex as a bare alternation by first character, `tail` after each branch. A pattern
    that opens with literal alternatives lets the regex engine skip in C to the characters that
    can start a match; a group or a look-behind first makes it try every position (4 to 6 times
    slower on news text). Combine with `|` only with other such patterns."""
    by_first: dict[str, list[str]] = {}
    for phrase in phrases:
        by_first.setdefault(phrase[0], []).append(phrase[1:])
    return "|".join(_char(first) + "(?:" + trie_regex(rests) + ")" + tail for first, rests in sorted(by_first.items()))


def _emit(node: dict) -> str:
    ends = "" in node
    branches = [(_char(char) + _emit(child)) for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if ends:
        return f"(?:{body})?"
    return body


def _char(char: str) -> str:
    return r"\s+" if char == " " else re.escape(char)


def matches_at(pattern: re.Pattern, text: str, starts: Iterable[int]) -> Iterator[re.Match]:
    """The pattern's matches as its finditer finds them, tried only at `starts` (in order):
    for a pattern with a costly opening, given every place where a match of it can begin."""
    done = 0
    for at in starts:
        match = pattern.match(text, at) if at >= done else None
        if match:
            done = match.end()
            yield match


def windows(spans: Iterable[tuple[int, int]], reach: int) -> list[tuple[int, int]]:
    """Stretches reaching `reach` characters either side of the spans (sorted by start),
    merged where they meet; they may end past the text."""
    merged: list[list[int]] = []
    for start, end in spans:
        start, end = max(0, start - reach), end + reach
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(start, end) for start, end in merged]


def find_all(text: str | bytes, needle: str | bytes) -> Iterator[int]:
    """Every place the needle starts in the text (str.find: far faster than a regex scan)."""
    at = text.find(needle)
    while at >= 0:
        yield at
        at = text.find(needle, at + 1)
