"""What a run gives the reporters: its findings in report order and the counts around them."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .profile import Profile
from .spool import Findings


@dataclass
class RunResult:
    findings: Findings  # in report order; held in memory up to a bound, beyond it on disk
    files: int
    records: int
    mapping: dict[str, list[str]]
    rules: list[str]
    skipped: dict[str, str]  # rules selected that could not run, and why
    records_by_source: dict[str, int] = field(default_factory=dict)
    rule_classes: dict[str, Any] = field(default_factory=dict)  # rule id -> its class (for its documentation)
    suppressed: int = 0  # findings a suppression file removed
    baseline: dict[str, int] | None = None  # {"matched": n, "stale": n} when a baseline was applied
    profile: Profile | None = None  # what the records hold, when the plan asked for it (Plan.audit)
