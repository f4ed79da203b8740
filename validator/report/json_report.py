"""`--format json`: one document, the stable output contract (version 1). Written as the
findings are read, so that a report of millions of findings needs no more memory than one."""
from __future__ import annotations

from typing import TextIO

from ..version import __version__
from ..result import RunResult
from .jsontext import dumps, write_array
from .summary import summary

CONTRACT_VERSION = 1


def render(result: RunResult, stream: TextIO) -> None:
    head = {
        "version": CONTRACT_VERSION,
        "tool": {"name": "newslint", "version": __version__},
        "summary": summary(result),
    }
    text = dumps(head, indent=True)
    stream.write(text[:-2] + ',\n  "findings": ')  # the head's closing brace is replaced by the list
    write_array(stream, (finding.to_dict() for finding in result.findings), depth=1)
    stream.write("\n}\n")
