"""Findings: the small immutable values every reporter renders."""
from __future__ import annotations

from dataclasses import dataclass, field

SEVERITIES = ("info", "warning", "error")
SEVERITY_RANK = {name: rank for rank, name in enumerate(SEVERITIES)}


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


def at_or_above(severity: str, threshold: str) -> bool:
    return SEVERITY_RANK[severity] >= SEVERITY_RANK[threshold]
