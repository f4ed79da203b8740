"""`--format jsonl`: one finding object per line, for streaming into other tools."""
from __future__ import annotations

from typing import TextIO

from ..result import RunResult
from .jsontext import dumps


def render(result: RunResult, stream: TextIO) -> None:
    for finding in result.findings:
        stream.write(dumps(finding.to_dict()))
        stream.write("\n")
