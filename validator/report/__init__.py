"""Reporters: the only place that renders findings. One module per output format."""
from __future__ import annotations

from typing import Callable, TextIO

from ..engine import RunResult
from . import console, json_report, jsonl

Renderer = Callable[[RunResult, TextIO], None]
FORMATS: dict[str, Renderer] = {"console": console.render, "json": json_report.render, "jsonl": jsonl.render}
