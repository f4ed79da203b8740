"""Phrase lists matched in one pass: a regex alternation shaped as a trie, so that the regex
engine follows one branch per character instead of trying every phrase at every position."""
from __future__ import annotations

import re
from typing import Iterable


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
