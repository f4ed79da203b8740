"""`--format console`: the report for people, rendered with rich; readable without colour."""
from __future__ import annotations

import re
from itertools import groupby
from typing import TextIO

from rich.console import Console
from rich.table import Table
from rich.text import Text

from .. import __version__
from ..engine import RunResult
from ..findings import Finding
from .summary import records_per_rule, summary

SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
_INVISIBLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")


def visible(text: str) -> str:
    """Scraped text shown literally: line breaks as ⏎, other control and bidi characters escaped,
    so that nothing in the data can move the cursor, recolour or reorder the terminal."""
    return _INVISIBLE.sub(lambda m: "⏎" if m.group() == "\n" else f"\\u{ord(m.group()):04x}", text)


def render(result: RunResult, stream: TextIO, limit_per_rule: int | None = None, group_by: str = "record") -> None:
    console = Console(file=stream, highlight=False, emoji=False, soft_wrap=not stream.isatty())
    _header(console, result)
    shown = _limited(result.findings, limit_per_rule)
    if group_by == "record":
        for (path, line, record), group in groupby(shown, key=lambda f: (f.path, f.line, f.record)):
            _record(console, _place(path, line, record), list(group))
    else:
        key = (lambda f: f.rule) if group_by == "rule" else (lambda f: f.source or "(no source)")
        for name, group in groupby(sorted(shown, key=lambda f: (key(f), f.sort_key())), key=key):
            _record(console, Text(visible(name), style="bold"), list(group), with_place=True)
    if len(shown) < len(result.findings):
        console.print(Text(f"{len(result.findings) - len(shown)} more findings not shown (--limit-per-rule)",
                           style="dim"))
        console.print()
    if result.findings:
        _table(console, result)
    _footer(console, result)


def _limited(findings: list[Finding], limit: int | None) -> list[Finding]:
    if limit is None:
        return findings
    seen: dict[str, int] = {}
    kept = []
    for finding in findings:
        seen[finding.rule] = seen.get(finding.rule, 0) + 1
        if seen[finding.rule] <= limit:
            kept.append(finding)
    return kept


def _place(path: str, line: int | None, record: str | None) -> Text:
    where = Text(visible(path) or "(run)", style="bold")
    if line:
        where.append(f":{line}")
    if record and record != f"{path}:{line}":
        where.append(f"  record {visible(record)}", style="dim")
    return where


def _header(console: Console, result: RunResult) -> None:
    console.print(Text.assemble(("newslint ", "bold"), __version__, "  ",
                                f"{result.files} file{'s' * (result.files != 1)}, "
                                f"{result.records} record{'s' * (result.records != 1)}"))
    for rule_id, why in result.skipped.items():
        console.print(Text(f"skipped {rule_id}: {why}", style="yellow"))
    if result.mapping:
        pairs = [f"{field} ← {', '.join(visible(n) for n in names)}" for field, names in result.mapping.items()]
        console.print(Text("fields: " + "; ".join(pairs), style="dim"))
    console.print()


def _record(console: Console, heading: Text, findings: list[Finding], with_place: bool = False) -> None:
    console.print(heading)
    for finding in findings:
        head = Text("  ")
        head.append(f"{finding.severity:<8}", style=SEVERITY_STYLE[finding.severity])
        head.append(finding.rule, style="bold")
        if with_place:
            head.append("  ")
            head.append_text(_place(finding.path, finding.line, finding.record))
        if finding.field:
            head.append(f"  {visible(finding.field)}")
            if finding.span:
                head.append(f"[{finding.span[0]}:{finding.span[1]}]")
        head.append("  ")
        head.append(visible(finding.message))
        console.print(head)
        if finding.excerpt:
            console.print(_excerpt(finding))
        if finding.suggestion is not None:
            console.print(Text.assemble("          → ", (visible(finding.suggestion) or "(remove)", "green")))
    console.print()


def _excerpt(finding: Finding) -> Text:
    text = Text("          │ ", style="dim")
    excerpt, span = finding.excerpt, finding.excerpt_span
    if span:
        text.append(visible(excerpt[: span[0]]))
        text.append(visible(excerpt[span[0]: span[1]]), style="bold reverse")
        text.append(visible(excerpt[span[1]:]))
    else:
        text.append(visible(excerpt))
    return text


def _table(console: Console, result: RunResult) -> None:
    table = Table(title="Findings per rule", title_justify="left", show_edge=False)
    for column, justify in (("rule", "left"), ("category", "left"), ("severity", "left"),
                            ("findings", "right"), ("records", "right"), ("share", "right")):
        table.add_column(column, justify=justify)
    flagged = records_per_rule(result)
    first = {}
    for finding in result.findings:
        first.setdefault(finding.rule, finding)
    for rule, count in summary(result)["by_rule"].items():
        sample = first[rule]
        share = f"{flagged[rule] / result.records:.1%}" if result.records else "-"
        table.add_row(rule, sample.category, Text(sample.severity, style=SEVERITY_STYLE[sample.severity]),
                      str(count), str(flagged[rule]), share)
    console.print(table)
    console.print()


def _footer(console: Console, result: RunResult) -> None:
    counts = summary(result)["by_severity"]
    if not result.findings:
        console.print(Text(f"No findings in {result.records} records.", style="bold green"))
        return
    parts = ", ".join(f"{n} {name}{'s' * (n != 1 and name != 'info')}" for name, n in counts.items() if n)
    flagged = len({(f.path, f.record) for f in result.findings if f.record})
    faults = sum(1 for f in result.findings if f.category == "input")
    line = f"Found {len(result.findings)} findings ({parts}); {flagged} of {result.records} records flagged"
    console.print(Text(line + (f", {faults} input faults." if faults else "."), style="bold"))
