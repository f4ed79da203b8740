"""`--format github`: GitHub Actions workflow commands, one annotation per finding."""
from __future__ import annotations

from typing import TextIO

from ..engine import RunResult

COMMAND = {"error": "error", "warning": "warning", "info": "notice"}


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def render(result: RunResult, stream: TextIO) -> None:
    for finding in result.findings:
        properties = [f"file={_property(finding.path or '.')}"]
        if finding.line:
            properties.append(f"line={finding.line}")
        properties.append(f"title={_property(finding.rule)}")
        where = f"{finding.record} {finding.field or ''}".strip() if finding.record else (finding.field or "")
        message = f"{where}: {finding.message}" if where else finding.message
        stream.write(f"::{COMMAND[finding.severity]} {','.join(properties)}::{_data(message)}\n")
