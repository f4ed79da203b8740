"""What newslint reads in single timestamp values (`newslint parse`): the parser's reading
and the findings the timestamp rules give, each value checked on its own."""
from __future__ import annotations

from typing import Any, Iterable

from .text.timestamps import parse


def describe(values: Iterable[str]) -> list[dict[str, Any]]:
    """Every timestamp rule runs, those in preview too: a person debugging a value wants all."""
    values = list(values)
    from . import check

    # Each value is its own source, so that no value settles another's order or layout.
    rows = [{"id": str(index), "source": f"value {index}", "published": value} for index, value in enumerate(values)]
    found: dict[str, list] = {}
    for finding in check(rows, select=["timestamp"], preview=True):
        if finding.field == "published":
            found.setdefault(finding.record, []).append(finding)
    return [_describe(value, found.get(str(index), [])) for index, value in enumerate(values)]


def _describe(value: str, findings: list) -> dict[str, Any]:
    result = parse(value)
    stamp = result.timestamp
    readings = []
    if stamp is not None:
        readings = [stamp.iso(), *(_iso_of(stamp, other) for other in stamp.alternatives)]
    suggestions = [f.suggestion for f in findings if f.suggestion]
    return {
        "value": value,
        "verdict": result.outcome,
        "iso": readings[0] if len(readings) == 1 else None,
        "readings": readings,
        "layout": result.layout or None,
        "calendar": stamp.calendar if stamp is not None else None,
        "written": list(stamp.written) if stamp is not None and stamp.written else None,
        "faults": sorted({f.rule for f in findings}),
        "messages": [f"{f.rule}: {f.message}" for f in findings],
        "suggestion": suggestions[0] if suggestions else None,
        "detail": result.detail or None,
    }


def _iso_of(stamp, date: tuple[int, int, int]) -> str:
    from dataclasses import replace

    year, month, day = date
    return replace(stamp, year=year, month=month, day=day, alternatives=()).iso()
