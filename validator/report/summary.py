"""Counts that several reporters show."""
from __future__ import annotations

from collections import Counter
from typing import Any

from ..engine import RunResult
from ..findings import SEVERITIES

# Input faults that lose the record they stand for (the others keep it, repaired).
SKIPPING = {"invalid-json", "not-an-object", "malformed-csv"}


def summary(result: RunResult) -> dict[str, Any]:
    by_severity = Counter(f.severity for f in result.findings)
    return {
        "files": result.files,
        "records": result.records,
        "findings": len(result.findings),
        "by_severity": {name: by_severity.get(name, 0) for name in reversed(SEVERITIES)},
        "by_rule": dict(sorted(Counter(f.rule for f in result.findings).items())),
        "skipped_rules": dict(sorted(result.skipped.items())),
        "records_skipped": dict(sorted(Counter(f.rule for f in result.findings if f.rule in SKIPPING).items())),
        "suppressed": result.suppressed,
        "baseline": result.baseline,
    }


def records_per_rule(result: RunResult) -> dict[str, int]:
    """How many distinct records (or inputs, for file-level faults) each rule flagged."""
    flagged: dict[str, set] = {}
    for f in result.findings:
        flagged.setdefault(f.rule, set()).add((f.path, f.line, f.record))
    return {rule: len(places) for rule, places in flagged.items()}
