"""Findings: the small immutable values every reporter renders."""
from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from typing import Any

SEVERITIES = ("info", "warning", "error")
SEVERITY_RANK = {name: rank for rank, name in enumerate(SEVERITIES)}
WORST_FIRST = {name: rank for rank, name in enumerate(reversed(SEVERITIES))}  # error 0, warning 1, info 2
EXCERPT_WHOLE = 120  # values up to this length are shown whole
EXCERPT_CONTEXT = 40  # characters of context either side of a span in longer values
EXCERPT_SPAN = 240  # a longer span is shown by its first and last 120 characters
_NUMBERS = re.compile(r"\d+")
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Finding:
    rule: str
    category: str
    severity: str
    path: str
    line: int | None
    record: str | None
    field: str | None
    span: tuple[int, int] | None
    excerpt: str | None
    message: str
    suggestion: str | None = None
    # Where `span` lies inside `excerpt` (the excerpt may be a window of a long value).
    excerpt_span: tuple[int, int] | None = field(default=None, compare=False)
    # The record's publisher (for per-source gates and grouping); None for input faults and
    # for dataset findings, which report after the records are gone.
    source: str | None = field(default=None, compare=False)
    url: str | None = field(default=None, compare=False)  # the record's URL, for suppressions
    # The whole value of `field`, which `span` indexes: kept only for the HTML report (Plan.audit).
    text: str | None = field(default=None, compare=False, repr=False)

    def __reduce__(self):
        # Rebuilt by the constructor from a tuple: spilled findings read back several times
        # faster than through the dataclass's generic state.
        return Finding, tuple(getattr(self, name) for name in _FIELDS)

    def fingerprint(self) -> str:
        """A stable identity: record, rule, field and offending text, not the line number, so it
        survives records added or moved around it (baselines, SARIF, GitLab)."""
        place = f"{self.path}:{self.line}"
        # A record known only by its place is known by its URL instead, where it has one.
        where = self.record if self.record and self.record != place else (self.url or self.record or place)
        text = self.excerpt
        if not text:  # the message alone: without the places and counts it may name
            text = _NUMBERS.sub("#", self.message.replace(self.path or "\0", "").replace(place, ""))
        text = _SPACE.sub(" ", text.strip().lower())
        key = "\x1f".join((where, self.rule, self.field or "", text))
        return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:32]

    def sort_key(self) -> tuple:
        span = self.span or (-1, -1)
        return (self.path, self.line or 0, self.rule, span, self.field or "", self.message)

    def to_dict(self) -> dict:
        return {
            "rule": self.rule,
            "category": self.category,
            "severity": self.severity,
            "path": self.path,
            "line": self.line,
            "record": self.record,
            "field": self.field,
            "span": list(self.span) if self.span else None,
            "excerpt": self.excerpt,
            "message": self.message,
            "suggestion": self.suggestion,
        }


_FIELDS = tuple(Finding.__dataclass_fields__)


def at_or_above(severity: str, threshold: str) -> bool:
    return SEVERITY_RANK[severity] >= SEVERITY_RANK[threshold]


class PlacesOfLine:
    """Which (key, record) pairs the current line has shown, to count records once each while
    reading findings in report order, where the findings of one line are adjacent."""

    def __init__(self) -> None:
        self.line: tuple | None = None
        self.seen: set = set()

    def first(self, finding, key) -> bool:
        """Whether this is the first finding of its record (path, line, record) under `key`."""
        line = (finding.path, finding.line)
        if line != self.line:
            self.line, self.seen = line, set()
        pair = (key, finding.record)
        if pair in self.seen:
            return False
        self.seen.add(pair)
        return True


def shorten(text: str, limit: int = EXCERPT_WHOLE) -> str:
    """The text, cut to `limit` characters with an ellipsis when longer."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def excerpt(value: Any, span: tuple[int, int] | None) -> tuple[str | None, tuple[int, int] | None]:
    """The offending text with a little context, and where the span lies inside it."""
    if value is None or value == "":
        return None, None
    if not isinstance(value, str):
        text = json.dumps(value, ensure_ascii=False, default=str)
        return shorten(text), None
    if span is None:
        return shorten(value), None
    start, end = span
    if len(value) <= EXCERPT_WHOLE:
        return value, span
    lo, hi = max(0, start - EXCERPT_CONTEXT), min(len(value), end + EXCERPT_CONTEXT)
    prefix = "…" if lo else ""
    suffix = "…" if hi < len(value) else ""
    if end - start > EXCERPT_SPAN:  # a long span is shown by its ends
        half = EXCERPT_SPAN // 2
        shown = value[start:start + half] + "…" + value[end - half:end]
        return (prefix + value[lo:start] + shown + value[end:hi] + suffix,
                (start - lo + len(prefix), start - lo + len(prefix) + len(shown)))
    return prefix + value[lo:hi] + suffix, (start - lo + len(prefix), end - lo + len(prefix))
