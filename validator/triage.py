"""The user's verdicts on findings, applied as one step after the checks, the same for the
command line, the Python API and the Scrapy pipeline: suppressions (a side file that accepts
findings by record or URL; an entry that matches nothing is itself reported) and a baseline
(the findings a dataset had, by fingerprint: only new ones are kept). Both files are read and
validated before any record is checked."""
from __future__ import annotations

from collections import Counter
from dataclasses import replace
from pathlib import Path

from .baseline import apply as apply_baseline
from .baseline import load as load_baseline
from .config import Plan
from .faults import UNUSED_SUPPRESSION
from .findings import Finding
from .result import RunResult
from .suppressions import Suppression
from .suppressions import apply as apply_suppressions
from .suppressions import load as load_suppressions


class Triage:
    def __init__(self, plan: Plan, suppressions: Path | None = None, baseline: Path | None = None):
        self.plan = plan
        self.path = suppressions
        known = set(plan.rule_classes) | {cls.category for cls in plan.rule_classes.values()}
        self.suppressions: list[Suppression] = load_suppressions(suppressions, known) if suppressions else []
        self.used: set[int] = set()  # suppression entries that matched, over every result triaged
        self.baseline: Counter | None = load_baseline(baseline) if baseline else None

    def apply(self, result: RunResult, last: bool = True, baseline: bool = True) -> RunResult:
        """The result without its suppressed and baselined findings. A stream of results (a
        pipeline's items) passes `last=False` until its end: an unused suppression is only
        known then, and the baseline's entries are used up across the stream. `baseline=False`
        applies the suppressions only (what a repair may act on), using up no baseline entry."""
        findings, suppressed = result.findings, 0
        if self.suppressions:
            findings, suppressed, used = apply_suppressions(findings, self.suppressions, self.plan.category)
            self.used |= used
            if last:
                findings.extend(self._unused(entry) for entry in self.unused())
        counts = None
        if self.baseline is not None and baseline:
            outcome = apply_baseline(findings, self.baseline)
            findings = outcome.findings
            counts = {"matched": outcome.matched, "stale": sum(self.baseline.values()) if last else 0}
        return replace(result, findings=findings, suppressed=result.suppressed + suppressed,
                       baseline=counts if counts is not None else result.baseline)

    def unused(self) -> list[Suppression]:
        return [entry for entry in self.suppressions if entry.number not in self.used]

    @staticmethod
    def describe(entry: Suppression) -> str:
        """What an entry names: `record 'a1'` or `url 'https://...'`."""
        return f"record {entry.record!r}" if entry.record is not None else f"url {entry.url!r}"

    def _unused(self, entry: Suppression) -> Finding:
        return Finding(rule=UNUSED_SUPPRESSION, category=self.plan.category[UNUSED_SUPPRESSION],
                       severity=self.plan.severity[UNUSED_SUPPRESSION], path=self.path.as_posix(), line=None,
                       record=None, field=None, span=None, excerpt=None,
                       message=f"suppression {entry.number} ({self.describe(entry)}: "
                               f"{', '.join(sorted(entry.rules))}) matched nothing")
