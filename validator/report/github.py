"""`--format github`: GitHub Actions workflow commands, one annotation per finding.

Data cannot issue commands or reach the log raw: line breaks are encoded as the workflow
syntax asks, and other control characters (ESC, BEL ...) are written as visible escapes."""
from __future__ import annotations

import re
from typing import TextIO

from ..result import RunResult
from ..findings import at_or_above

COMMAND = {"error": "error", "warning": "warning", "info": "notice"}
_CONTROL = re.compile(r"[\x00-\x09\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029]")


def _data(text: str) -> str:
    text = _CONTROL.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def render(result: RunResult, stream: TextIO, minimum: str = "info") -> None:
    """One annotation per finding at or above `minimum` (the run's --fail-on): what does not
    fail the run does not crowd the pull request."""
    for finding in result.findings:
        if not at_or_above(finding.severity, minimum):
            continue
        properties = [f"file={_property(finding.path or '.')}"]
        if finding.line:
            properties.append(f"line={finding.line}")
        properties.append(f"title={_property(finding.rule)}")
        where = f"{finding.record} {finding.field or ''}".strip() if finding.record else (finding.field or "")
        message = f"{where}: {finding.message}" if where else finding.message
        stream.write(f"::{COMMAND[finding.severity]} {','.join(properties)}::{_data(message)}\n")
