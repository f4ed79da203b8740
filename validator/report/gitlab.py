"""`--format gitlab`: GitLab Code Quality JSON."""
from __future__ import annotations

from typing import TextIO

from ..result import RunResult
from .jsontext import write_array

SEVERITY = {"error": "major", "warning": "minor", "info": "info"}


def render(result: RunResult, stream: TextIO) -> None:
    issues = ({
        "description": f"{finding.record + ': ' if finding.record else ''}{finding.message}",
        "check_name": finding.rule,
        "fingerprint": finding.fingerprint(),
        "severity": SEVERITY[finding.severity],
        "location": {"path": finding.path or ".", "lines": {"begin": finding.line or 1}},
    } for finding in result.findings)
    write_array(stream, issues)
    stream.write("\n")
