"""`newslint parse`: what was read in each value, for people (rich) or as JSON Lines."""
from __future__ import annotations

from typing import Any, TextIO

from rich.console import Console
from rich.table import Table

from .jsontext import dumps

_KEYS = ("value", "verdict", "iso", "readings", "layout", "calendar", "written", "faults", "suggestion")


def render_json(results: list[dict[str, Any]], stream: TextIO) -> None:
    for result in results:
        stream.write(dumps({key: result[key] for key in _KEYS}))
        stream.write("\n")


def render_console(results: list[dict[str, Any]], stream: TextIO) -> None:
    console = Console(file=stream, highlight=False)
    for result in results:
        table = Table(show_header=False, box=None, padding=(0, 1))
        table.add_column(style="dim")
        table.add_column()
        style = "green" if result["verdict"] == "ok" and not result["faults"] else "yellow"
        table.add_row("value", repr(result["value"]))
        table.add_row("verdict", f"[{style}]{result['verdict']}[/{style}]" + (
            f" ({result['detail']})" if result["detail"] else ""))
        if result["readings"]:
            label = "reads" if len(result["readings"]) == 1 else "readings"
            table.add_row(label, " or ".join(result["readings"]))
        if result["layout"]:
            table.add_row("layout", result["layout"])
        if result["calendar"] and result["calendar"] != "gregorian":
            written = "-".join(f"{part:02d}" for part in result["written"] if part)
            table.add_row("calendar", f"{result['calendar']} (written {written})")
        for message in result["messages"]:
            table.add_row("finding", message)
        if result["suggestion"]:
            table.add_row("repair", result["suggestion"])
        console.print(table)
        console.print()
