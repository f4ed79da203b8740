"""`--format jsonl`: one finding object per line, for streaming into other tools."""
from __future__ import annotations

import json
from typing import TextIO

from ..engine import RunResult


def render(result: RunResult, stream: TextIO) -> None:
    for finding in result.findings:
        stream.write(json.dumps(finding.to_dict(), ensure_ascii=False))
        stream.write("\n")
