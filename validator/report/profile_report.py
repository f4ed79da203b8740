"""`newslint profile`: the profile of a dump, in the console (rich) or as JSON."""
from __future__ import annotations

import json
from typing import Any, TextIO

from rich.console import Console
from rich.table import Table


def render_json(summary: dict[str, Any], stream: TextIO) -> None:
    stream.write(json.dumps(summary, indent=2, ensure_ascii=False) + "\n")


def render_console(summary: dict[str, Any], stream: TextIO, sources: int = 10) -> None:
    console = Console(file=stream, highlight=False, soft_wrap=not stream.isatty())
    _part(console, "all sources", summary["overall"])
    for name, part in list(summary["sources"].items())[:sources]:
        _part(console, name, part)
    hidden = len(summary["sources"]) - sources
    if hidden > 0:
        console.print(f"{hidden} more sources (--format json for all)", style="dim")


def _part(console: Console, name: str, part: dict[str, Any]) -> None:
    console.rule(f"[bold]{name}[/bold]: {part['records']:,} records")
    dates = part["published"]
    if dates["first"]:
        months = dates["per_month"]
        busiest = max(months.items(), key=lambda item: item[1])
        console.print(f"published {dates['first']} to {dates['last']}; {len(months)} months, the busiest "
                      f"{busiest[0]} ({busiest[1]:,} records)")
    words = part["body_words"]
    if words["median"] is not None:
        console.print(f"body words: median {words['median']:,} (10 % under {words['p10']:,}, 10 % over "
                      f"{words['p90']:,}); exact duplicate bodies {part['duplicate_bodies']:.1%}")
    if part["languages"]:
        console.print("languages: " + ", ".join(f"{k} {v:,}" for k, v in part["languages"].items()))
    table = Table(show_edge=False, box=None, padding=(0, 2))
    table.add_column("field")
    table.add_column("present", justify="right")
    for name, share in part["fields"].items():
        if share:
            table.add_row(name, f"{share:.0%}")
    console.print(table)
    if part["top_rules"]:
        console.print("top rules: " + ", ".join(f"{k} {v:,}" for k, v in part["top_rules"].items()))
    console.print()
