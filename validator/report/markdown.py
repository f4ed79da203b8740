"""`--format markdown`: a summary for a CI job page (GitHub's $GITHUB_STEP_SUMMARY)."""
from __future__ import annotations

from typing import TextIO

from ..engine import RunResult
from .summary import records_per_rule, summary

MAX_ROWS = 50


def _cell(text) -> str:
    return str(text).replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ").replace("<", "&lt;")


def render(result: RunResult, stream: TextIO) -> None:
    counts = summary(result)
    severities = ", ".join(f"{n} {name}" for name, n in counts["by_severity"].items())
    stream.write(f"## newslint\n\n{result.files} files, {result.records} records, "
                 f"{len(result.findings)} findings ({severities}).\n\n")
    if not result.findings:
        return
    flagged = records_per_rule(result)
    stream.write("| rule | findings | records | share |\n| --- | ---: | ---: | ---: |\n")
    for rule, count in counts["by_rule"].items():
        share = f"{flagged[rule] / result.records:.1%}" if result.records else "-"
        stream.write(f"| `{rule}` | {count} | {flagged[rule]} | {share} |\n")
    stream.write("\n| severity | rule | place | message |\n| --- | --- | --- | --- |\n")
    for finding in result.findings[:MAX_ROWS]:
        place = f"{finding.path}:{finding.line or ''}" + (f" {finding.record}" if finding.record else "")
        stream.write(f"| {finding.severity} | `{finding.rule}` | {_cell(place)} | {_cell(finding.message)} |\n")
    if len(result.findings) > MAX_ROWS:
        stream.write(f"\n{len(result.findings) - MAX_ROWS} more findings are in the full report.\n")
