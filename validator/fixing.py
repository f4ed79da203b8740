"""Repairs: the suggestions of findings applied to records, with an account of every change.

A rule says whether its suggestions are safe to apply unattended (`fix = "safe"`: a glued
timestamp's single reading, control characters, mojibake, a whole line of page chrome) or
only when asked (`fix = "unsafe"`: a name's house spelling, a headline or tag line taken
out). A suggestion replaces its span (an empty one removes it; a removal that leaves only
white space on its line takes the line). Edits are chosen in order of their start, the
first of two that overlap kept and the other reported, and applied from the end of the text
so that every span stays valid. The findings of the repaired values are sought again until
none has a fix left (at most `PASSES` times), so that fixing the output changes nothing.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable

PASSES = 4
# Rules whose fix is safe only for a whole line: in a sentence, a phrase is not chrome.
LINE_ONLY = {"boilerplate-phrase", "learned-boilerplate"}
DROP_DEFAULT = ("not-an-article", "duplicate-body")


@dataclass(frozen=True, slots=True)
class Edit:
    field: str
    start: int
    end: int
    after: str
    rule: str


@dataclass(frozen=True, slots=True)
class Change:
    """One edit as applied: `before` was at [start, end) of the field's value, `after` took its place."""

    field: str
    rule: str
    start: int
    end: int
    before: str
    after: str
    pass_number: int

    def to_dict(self) -> dict[str, Any]:
        return {"field": self.field, "rule": self.rule, "span": [self.start, self.end], "before": self.before,
                "after": self.after, "pass": self.pass_number}


@dataclass(slots=True)
class Outcome:
    """What fixing one record did: its repaired fields, each change, and the fixes left out."""

    raw: dict
    changes: list[Change] = field(default_factory=list)
    left_out: list[tuple[str, str]] = field(default_factory=list)  # (rule, why)


def allowed(rule_fix: str | None, unsafe: bool) -> bool:
    return rule_fix == "safe" or (unsafe and rule_fix == "unsafe")


def edits_of(findings: Iterable, raw: dict, safety: dict[str, str | None], unsafe: bool) -> list[Edit]:
    """The edits the findings suggest for this record's text fields."""
    found = []
    for finding in findings:
        value = raw.get(finding.field) if finding.field else None
        if finding.suggestion is None or finding.span is None or not isinstance(value, str):
            continue
        if not allowed(safety.get(finding.rule), unsafe):
            continue
        start, end = finding.span
        if not 0 <= start <= end <= len(value):
            continue
        if finding.suggestion == "":
            start, end, whole = _line_of(value, start, end)
            if finding.rule in LINE_ONLY and not whole and not unsafe:
                continue  # chrome inside a sentence is not removed unattended
        found.append(Edit(finding.field, start, end, finding.suggestion, finding.rule))
    return found


def _line_of(value: str, start: int, end: int) -> tuple[int, int, bool]:
    """The span of a removal, widened to its whole line (and the line break after it) when
    nothing but white space would be left on that line."""
    line_start = value.rfind("\n", 0, start) + 1
    line_end = value.find("\n", end)
    line_end = len(value) if line_end < 0 else line_end
    if value[line_start:start].strip() or value[end:line_end].strip():
        return start, end, False
    return line_start, min(line_end + 1, len(value)), True


def choose(edits: list[Edit]) -> tuple[list[Edit], list[tuple[str, str]]]:
    """Edits that do not overlap, the first by start (then the longer, then by rule) kept."""
    kept: list[Edit] = []
    left_out = []
    for edit in sorted(edits, key=lambda e: (e.field, e.start, -e.end, e.rule)):
        clash = next((k for k in kept if k.field == edit.field and k.start < edit.end and edit.start < k.end
                      or k.field == edit.field and k.start == edit.start == edit.end == k.end), None)
        if clash is None:
            kept.append(edit)
        elif (clash.start, clash.end, clash.after) != (edit.start, edit.end, edit.after):
            left_out.append((edit.rule, f"overlaps {clash.rule} at {clash.start}-{clash.end} of {edit.field}"))
    return kept, left_out


def apply(raw: dict, edits: list[Edit], pass_number: int) -> tuple[dict, list[Change]]:
    """The record with the edits applied, from the end of each field, and the changes."""
    fixed = dict(raw)
    changes = []
    for edit in sorted(edits, key=lambda e: (e.field, -e.start, -e.end)):
        value = fixed[edit.field]
        changes.append(Change(edit.field, edit.rule, edit.start, edit.end, value[edit.start:edit.end], edit.after,
                              pass_number))
        fixed[edit.field] = value[:edit.start] + edit.after + value[edit.end:]
    changes.sort(key=lambda c: (c.field, c.start))
    return fixed, changes


def undo(raw: dict, changes: list[Change]) -> dict:
    """The record before the changes (the change log read backwards)."""
    restored = dict(raw)
    # A pass applied its edits from the end, so undoing it goes from the start: each edit's
    # span holds again once those before it are undone.
    for change in sorted(changes, key=lambda c: (-c.pass_number, c.field, c.start)):
        value = restored[change.field]
        restored[change.field] = value[:change.start] + change.before + value[change.start + len(change.after):]
    return restored


def dropped_by(findings: Iterable, drop: Iterable[str]) -> list:
    """The findings that send a record to quarantine."""
    wanted = set(drop)
    return [f for f in findings if f.rule in wanted]

