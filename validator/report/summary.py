"""Counts that several reporters show, worked out in one pass over the findings.

Findings come in report order (path, line, ...), so the findings of one line are adjacent:
records flagged are counted with a set of the records of the current line only (a line may
hold several records: a .json array written on one line)."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from ..result import RunResult
from ..findings import SEVERITIES, PlacesOfLine

# Input faults that lose the record they stand for (the others keep it, repaired).
SKIPPING = {"invalid-json", "not-an-object", "malformed-csv", "record-too-large"}


@dataclass
class Tally:
    findings: int = 0
    by_severity: Counter = field(default_factory=Counter)
    by_rule: Counter = field(default_factory=Counter)
    by_category: Counter = field(default_factory=Counter)
    by_source: Counter = field(default_factory=Counter)
    records_per_rule: Counter = field(default_factory=Counter)  # distinct records (or inputs) each rule flagged
    records_flagged: int = 0  # distinct records with any finding
    input_faults: int = 0
    severity_of: dict[str, str] = field(default_factory=dict)  # rule -> severity of its first finding
    category_of: dict[str, str] = field(default_factory=dict)


def tally(result: RunResult) -> Tally:
    counts = Tally()
    line = PlacesOfLine()
    for f in result.findings:
        counts.findings += 1
        counts.by_severity[f.severity] += 1
        counts.by_rule[f.rule] += 1
        counts.by_category[f.category] += 1
        counts.by_source[f.source or "(none)"] += 1
        counts.severity_of.setdefault(f.rule, f.severity)
        counts.category_of.setdefault(f.rule, f.category)
        if line.first(f, f.rule):
            counts.records_per_rule[f.rule] += 1
        if f.record and line.first(f, None):
            counts.records_flagged += 1
        if f.category == "input":
            counts.input_faults += 1
    return counts


def summary(result: RunResult) -> dict[str, Any]:
    """The JSON summary: counts the findings keep as they come (no pass over them)."""
    findings = result.findings
    return {
        "files": result.files,
        "records": result.records,
        "findings": len(findings),
        "by_severity": {name: findings.by_severity.get(name, 0) for name in reversed(SEVERITIES)},
        "by_rule": dict(sorted(findings.by_rule.items())),
        "skipped_rules": dict(sorted(result.skipped.items())),
        "records_skipped": {rule: n for rule, n in sorted(findings.by_rule.items()) if rule in SKIPPING},
        "suppressed": result.suppressed,
        "baseline": result.baseline,
    }


def records_per_rule(result: RunResult) -> dict[str, int]:
    """How many distinct records (or inputs, for file-level faults) each rule flagged."""
    return dict(tally(result).records_per_rule)
