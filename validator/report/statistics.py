"""`--statistics`: how many findings each rule raised, and nothing else (as ruff's)."""
from __future__ import annotations

from collections import Counter
from typing import TextIO

from ..result import RunResult


def render(result: RunResult, stream: TextIO) -> None:
    counts: Counter = Counter()
    severity: dict[str, str] = {}
    for finding in result.findings:
        counts[finding.rule] += 1
        severity[finding.rule] = finding.severity
    width = max((len(str(n)) for n in counts.values()), default=1)
    for rule, number in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        stream.write(f"{number:>{width}}  {rule}  ({severity[rule]})\n")
