"""`--format json`: one document, the stable output contract (version 1)."""
from __future__ import annotations

import json
from typing import TextIO

import orjson

from .. import __version__
from ..engine import RunResult
from .summary import summary

CONTRACT_VERSION = 1


def render(result: RunResult, stream: TextIO) -> None:
    document = {
        "version": CONTRACT_VERSION,
        "tool": {"name": "newslint", "version": __version__},
        "summary": summary(result),
        "findings": [finding.to_dict() for finding in result.findings],
    }
    try:  # orjson: several times faster on large reports
        stream.write(orjson.dumps(document, option=orjson.OPT_INDENT_2).decode())
    except TypeError:  # text with lone surrogates, which orjson refuses
        json.dump(document, stream, ensure_ascii=False, indent=2)
    stream.write("\n")
