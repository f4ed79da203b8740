"""`--format markdown`: a summary for a CI job page (GitHub's $GITHUB_STEP_SUMMARY), errors
first.

Text from the data is shown, never rendered: every place and message is a code span, where
Markdown makes no link, image, HTML or emphasis, with its control characters escaped and its
pipes escaped, so that no value can add a row or a cell."""
from __future__ import annotations

import re
import heapq
from typing import TextIO

from ..findings import WORST_FIRST
from ..result import RunResult
from .summary import summary, tally

MAX_ROWS = 50
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u200b-\u200f\u202a-\u202e\u2066-\u2069]")
_BACKTICKS = re.compile(r"`+")


def code(text) -> str:
    """`text` as an inline code span inside a table cell."""
    text = _CONTROL.sub(lambda m: f"\\u{ord(m.group()):04x}", str(text)).replace("|", "\\|")
    fence = "`" * (max((len(run) for run in _BACKTICKS.findall(text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") or not text.strip() else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def render(result: RunResult, stream: TextIO) -> None:
    counts = tally(result)
    severities = ", ".join(f"{n} {name}" for name, n in summary(result)["by_severity"].items())
    stream.write(f"## newslint\n\n{result.files} files, {result.records} records, "
                 f"{counts.findings} findings ({severities}).\n\n")
    if not counts.findings:
        return
    severity = counts.severity_of  # a rule's severity, as stamped (configurable)
    stream.write("| rule | severity | findings | records | share |\n| --- | --- | ---: | ---: | ---: |\n")
    for rule, count in sorted(counts.by_rule.items(), key=lambda item: (WORST_FIRST.get(severity.get(item[0]), 3),
                                                                         -item[1], item[0])):
        flagged = counts.records_per_rule[rule]
        share = f"{flagged / result.records:.1%}" if result.records else "-"
        stream.write(f"| {code(rule)} | {severity.get(rule, '')} | {count} | {flagged} | {share} |\n")
    stream.write("\n| severity | rule | place | message |\n| --- | --- | --- | --- |\n")
    worst_first = heapq.nsmallest(MAX_ROWS, result.findings,
                                  key=lambda f: (WORST_FIRST.get(f.severity, 3), f.sort_key()))
    for finding in worst_first:
        place = f"{finding.path}:{finding.line or ''}" + (f" {finding.record}" if finding.record else "")
        stream.write(f"| {finding.severity} | {code(finding.rule)} | {code(place)} | {code(finding.message)} |\n")
    if counts.findings > MAX_ROWS:
        stream.write(f"\n{counts.findings - MAX_ROWS} more findings are in the full report.\n")
