"""Baselines: accept the findings a dataset has today, and fail only on new ones.

A baseline file holds each finding's fingerprint (record identity, rule, field, normalised
excerpt: not its line, so it survives records moving). Matching counts repeats, so a second
copy of a baselined finding is new."""
from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from .version import __version__
from .findings import Finding
from .paths import printable_path
from .spool import Findings

FORMAT_VERSION = 1


class BaselineError(ValueError):
    pass


@dataclass(frozen=True)
class BaselineOutcome:
    findings: Findings  # the new ones
    matched: int  # findings the baseline accepted
    stale: int  # baseline entries that no longer occur


def document(findings: Iterable[Finding]) -> dict:
    entries = sorted(({"fingerprint": f.fingerprint(), "rule": f.rule, "record": f.record} for f in findings),
                     key=lambda e: (e["fingerprint"], e["rule"]))
    return {"version": FORMAT_VERSION, "tool": {"name": "newslint", "version": __version__}, "findings": entries}


def load(path: Path) -> Counter:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("version") != FORMAT_VERSION:
            raise BaselineError(f"{printable_path(path)}: not a newslint baseline of version {FORMAT_VERSION}")
        return Counter(entry["fingerprint"] for entry in data["findings"])
    except OSError as exc:
        raise BaselineError(f"{printable_path(path)}: cannot read: {exc.strerror or exc}") from None
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise BaselineError(f"{printable_path(path)}: not a newslint baseline ({exc})") from None


def apply(findings: Findings, baseline: Counter) -> BaselineOutcome:
    """The findings the baseline does not hold; the entries matched are used up (a second copy
    of a baselined finding is new), so `baseline` is left with the entries not seen."""
    remaining = baseline
    total = len(findings)

    def new(finding: Finding) -> bool:
        key = finding.fingerprint()
        if remaining[key] > 0:
            remaining[key] -= 1
            return False
        return True

    kept = findings.filtered(new)
    return BaselineOutcome(kept, total - len(kept), sum(remaining.values()))
