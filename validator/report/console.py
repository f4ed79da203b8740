"""`--format console`: the report for people, rendered with rich; readable without colour."""
from __future__ import annotations

import re
from itertools import groupby, islice
from typing import Iterable, Iterator, TextIO

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..version import __version__
from ..result import RunResult
from ..findings import Finding
from .summary import Tally, summary, tally

SHOWN = 1_000  # findings shown at most; the table and the footer count them all
SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
_INVISIBLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")


def visible(text: str) -> str:
    """Scraped text shown literally: line breaks as ⏎, other control and bidi characters escaped,
    so that nothing in the data can move the cursor, recolour or reorder the terminal."""
    return _INVISIBLE.sub(lambda m: "⏎" if m.group() == "\n" else f"\\u{ord(m.group()):04x}", text)


def render(result: RunResult, stream: TextIO, limit_per_rule: int | None = None, group_by: str = "record") -> None:
    console = Console(file=stream, highlight=False, emoji=False, soft_wrap=not stream.isatty())
    _header(console, result)
    counts = tally(result)
    shown = list(islice(_limited(result.findings, limit_per_rule), SHOWN))
    if group_by == "record":
        for (path, line, record), group in groupby(shown, key=lambda f: (f.path, f.line, f.record)):
            _record(console, _place(path, line, record), list(group))
    else:
        key = (lambda f: f.rule) if group_by == "rule" else (lambda f: f.source or "(no source)")
        for name, group in groupby(sorted(shown, key=lambda f: (key(f), f.sort_key())), key=key):
            _record(console, Text(visible(name), style="bold"), list(group), with_place=True)
    if len(shown) < counts.findings:
        why = "--limit-per-rule" if limit_per_rule and len(shown) < SHOWN else f"the console shows {SHOWN:,}"
        console.print(Text(f"{counts.findings - len(shown)} more findings not shown ({why}; "
                           "--format json or html for all)", style="dim"))
        console.print()
    if counts.findings:
        _table(console, result, counts)
    _footer(console, result, counts)


def _limited(findings: Iterable[Finding], limit: int | None) -> Iterator[Finding]:
    if limit is None:
        yield from findings
        return
    seen: dict[str, int] = {}
    for finding in findings:
        seen[finding.rule] = seen.get(finding.rule, 0) + 1
        if seen[finding.rule] <= limit:
            yield finding


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
            _gutter(console, _excerpt(finding))
        if finding.suggestion is not None:
            console.print(Text.assemble("          → ", (visible(finding.suggestion) or "(remove)", "green")))
    console.print()


_GUTTER = "          │ "


def _gutter(console: Console, body: Text) -> None:
    """The excerpt behind its gutter; wrapped to the terminal, every line keeps the gutter."""
    if console.soft_wrap:
        console.print(Text(_GUTTER, style="dim") + body)
        return
    options = console.options.update(width=max(20, console.width - len(_GUTTER)), no_wrap=False)
    for line in console.render_lines(body, options, pad=False):
        console.print(Text(_GUTTER, style="dim") + Text.assemble(*((seg.text, seg.style) for seg in line)),
                      no_wrap=True, crop=False)


def _excerpt(finding: Finding) -> Text:
    text = Text()
    excerpt, span = finding.excerpt, finding.excerpt_span
    if span:
        text.append(visible(excerpt[: span[0]]))
        text.append(visible(excerpt[span[0]: span[1]]), style="bold reverse")
        text.append(visible(excerpt[span[1]:]))
    else:
        text.append(visible(excerpt))
    return text


def _table(console: Console, result: RunResult, counts: Tally) -> None:
    table = Table(title="Findings per rule", title_justify="left", show_edge=False)
    for column, justify in (("rule", "left"), ("category", "left"), ("severity", "left"),
                            ("findings", "right"), ("records", "right"), ("share", "right")):
        table.add_column(column, justify=justify)
    flagged = counts.records_per_rule
    for rule, count in sorted(counts.by_rule.items()):
        severity = counts.severity_of[rule]
        share = f"{flagged[rule] / result.records:.1%}" if result.records else "-"
        table.add_row(rule, counts.category_of[rule], Text(severity, style=SEVERITY_STYLE[severity]),
                      str(count), str(flagged[rule]), share)
    console.print(table)
    console.print()


def _footer(console: Console, result: RunResult, counts: Tally) -> None:
    by_severity = summary(result)["by_severity"]
    if not counts.findings:
        console.print(Text(f"No findings in {result.records} records.", style="bold green"))
        return
    parts = ", ".join(f"{n} {name}{'s' * (n != 1 and name != 'info')}" for name, n in by_severity.items() if n)
    flagged, faults = counts.records_flagged, counts.input_faults
    line = f"Found {counts.findings} findings ({parts}); {flagged} of {result.records} records flagged"
    console.print(Text(line + (f", {faults} input faults." if faults else "."), style="bold"))
