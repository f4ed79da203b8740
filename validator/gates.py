"""When a run fails: findings at or above `fail-on`, except for rules given a rate gate
(`max-rate`, like Great Expectations' `mostly`), which fail only when more than that share of
records (of every source, with `per-source`) carries them."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from .findings import PlacesOfLine, at_or_above
from .result import RunResult


@dataclass(frozen=True)
class Gate:
    rule: str
    max_rate: float
    per_source: bool = False


def failures(result: RunResult, fail_on: str, gates: dict[str, Gate]) -> list[str]:
    """Why the run fails, one reason a line; empty when it passes. One pass over the findings,
    which come in report order: the findings of one line are adjacent, so records are counted
    without a set of them all."""
    reasons = []
    ungated = 0
    flagged: Counter = Counter()  # (rule, source or None for all) -> records flagged
    line = PlacesOfLine()
    if not gates:  # the count alone: no pass over the findings
        ungated = sum(n for severity, n in result.findings.by_severity.items() if at_or_above(severity, fail_on))
    for f in result.findings if gates else ():
        if not at_or_above(f.severity, fail_on):
            continue
        if f.rule not in gates:
            ungated += 1
            continue
        for key in ((f.rule, None), (f.rule, f.source)) if gates[f.rule].per_source else ((f.rule, None),):
            if line.first(f, key):
                flagged[key] += 1
    if ungated:
        reasons.append(f"{ungated} findings at or above {fail_on}")
    for rule, gate in sorted(gates.items()):
        hits = flagged[(rule, None)]
        if not hits:
            continue
        if result.records and hits / result.records > gate.max_rate:
            reasons.append(f"{rule} on {hits / result.records:.1%} of records (max-rate {gate.max_rate:.1%})")
        if gate.per_source:
            for source, total in sorted(result.records_by_source.items()):
                share = flagged[(rule, source)] / total if total else 0
                if share > gate.max_rate:
                    reasons.append(f"{rule} on {share:.1%} of the records of {source or '(no source)'} "
                                   f"(max-rate {gate.max_rate:.1%})")
    return reasons
