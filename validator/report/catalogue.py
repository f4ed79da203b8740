"""The rule catalogue (`newslint rules`) and one rule's documentation (`newslint explain`),
rendered for the console, as JSON and as Markdown (docs/rules.md is generated from it)."""
from __future__ import annotations

import json
from typing import Any, TextIO

from rich.console import Console
from rich.markdown import Markdown
from rich.table import Table

from ..registry import Registry
from ..rule import Rule
from ..tiers import LABELS, tier


def rows(registry: Registry) -> list[dict[str, Any]]:
    """One entry a rule, in id order: what `newslint rules --format json` prints."""
    found = []
    for rule in registry.sorted():
        place = tier(rule)
        measured = place.measurement
        found.append({"id": rule.id, "category": rule.category, "severity": rule.severity, "tier": place.name,
                      "basis": place.basis, "precision": None if measured is None or measured.precision is None else
                      {"value": round(measured.precision, 3), "judged": measured.true + measured.false,
                       "raised": measured.raised}, "fix": rule.fix, "summary": rule.summary()})
    return found


def _precision_cell(row: dict[str, Any]) -> str:
    precision = row["precision"]
    return f"{precision['value']:.0%} of {precision['judged']}" if precision else "-"


def markdown(registry: Registry) -> str:
    lines = ["| id | category | severity | tier | precision | fix | options | summary |",
             "| --- | --- | --- | --- | --- | --- | --- | --- |"]
    for rule, row in zip(registry.sorted(), rows(registry)):
        options = ", ".join(f"`{name}`" for name in rule.options_schema) or "-"
        lines.append(f"| `{rule.id}` | {rule.category} | {rule.severity} | {LABELS[row['basis']]} | "
                     f"{_precision_cell(row)} | {rule.fix or '-'} | {options} | {rule.summary()} |")
    return "\n".join(lines) + "\n"


def render(registry: Registry, form: str, stream: TextIO) -> None:
    if form == "json":
        stream.write(json.dumps(rows(registry), indent=2, ensure_ascii=False) + "\n")
    elif form == "markdown":
        stream.write(markdown(registry))
    else:
        table = Table(show_edge=False)
        for column in ("id", "category", "severity", "tier", "precision", "summary"):
            table.add_column(column)
        for row in rows(registry):
            table.add_row(row["id"], row["category"], row["severity"], LABELS[row["basis"]], _precision_cell(row),
                          row["summary"])
        Console(file=stream, highlight=False).print(table)


def explain(rule: type[Rule], stream: TextIO) -> None:
    """A rule's documentation: on a terminal rendered, piped the Markdown as written (no
    padding to a terminal's width)."""
    heading = f"{rule.id}  ({rule.category}, default severity {rule.severity}; {tier(rule).describe()})"
    if not stream.isatty():
        stream.write(f"{heading}\n\n{rule.documentation()}\n")
        return
    console = Console(file=stream, highlight=False)
    console.print(f"[bold]{rule.id}[/bold]" + heading[len(rule.id):])
    console.print(Markdown(rule.documentation()))
