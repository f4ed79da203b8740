"""Reporters: the only place that renders findings. One module per output format."""
from __future__ import annotations

from typing import Callable, TextIO

from ..result import RunResult
from . import (
    console,
    github,
    gitlab,
    html_report,
    json_report,
    jsonl,
    junit,
    markdown,
    sarif,
    statistics,
)

Renderer = Callable[[RunResult, TextIO], None]
FORMATS: dict[str, Renderer] = {
    "console": console.render, "json": json_report.render, "jsonl": jsonl.render, "sarif": sarif.render,
    "junit": junit.render, "github": github.render, "markdown": markdown.render, "gitlab": gitlab.render,
    "html": html_report.render, "statistics": statistics.render,
}
