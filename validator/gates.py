"""When a run fails: findings at or above `fail-on`, except for rules given a rate gate
(`max-rate`, like Great Expectations' `mostly`), which fail only when more than that share of
records (of every source, with `per-source`) carries them."""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .findings import at_or_above

if TYPE_CHECKING:  # the engine imports the config, which imports Gate
    from .engine import RunResult


@dataclass(frozen=True)
class Gate:
    rule: str
    max_rate: float
    per_source: bool = False


def failures(result: RunResult, fail_on: str, gates: dict[str, Gate]) -> list[str]:
    """Why the run fails, one reason a line; empty when it passes."""
    reasons = []
    ungated = [f for f in result.findings if f.rule not in gates and at_or_above(f.severity, fail_on)]
    if ungated:
        reasons.append(f"{len(ungated)} findings at or above {fail_on}")
    for rule, gate in sorted(gates.items()):
        findings = [f for f in result.findings if f.rule == rule and at_or_above(f.severity, fail_on)]
        if not findings:
            continue
        flagged = {(f.path, f.record, f.line) for f in findings}
        if result.records and len(flagged) / result.records > gate.max_rate:
            reasons.append(f"{rule} on {len(flagged) / result.records:.1%} of records (max-rate {gate.max_rate:.1%})")
        if gate.per_source:
            for source, total in sorted(result.records_by_source.items()):
                hits = {(f.path, f.record, f.line) for f in findings if f.source == source}
                if total and len(hits) / total > gate.max_rate:
                    reasons.append(f"{rule} on {len(hits) / total:.1%} of the records of {source or '(no source)'} "
                                   f"(max-rate {gate.max_rate:.1%})")
    return reasons
