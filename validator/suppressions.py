"""Suppressions in a side file (scraped data has no comments to carry a `noqa`):

    [[suppress]]
    record = "ts-glued"                 # a record id, or: url = "https://..."
    rules = ["timestamp-glued"]         # rule ids or categories
    reason = "the page really says so"

A suppression that matches nothing is reported, so that the file does not rot."""
from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

import jsonschema

from .findings import Finding
from .paths import printable_path
from .spool import Findings

SCHEMA = {
    "type": "object", "additionalProperties": False, "required": ["suppress"],
    "properties": {"suppress": {"type": "array", "items": {
        "type": "object", "additionalProperties": False, "required": ["rules"],
        "oneOf": [{"required": ["record"]}, {"required": ["url"]}],
        "properties": {"record": {"type": "string"}, "url": {"type": "string"},
                       "rules": {"type": "array", "items": {"type": "string"}, "minItems": 1},
                       "reason": {"type": "string"}}}}},
}


class SuppressionError(ValueError):
    pass


@dataclass(frozen=True)
class Suppression:
    number: int  # 1-based, in file order
    record: str | None
    url: str | None
    rules: frozenset[str]

    def matches(self, finding: Finding, categories: dict[str, str]) -> bool:
        place = (self.record is not None and finding.record == self.record) or (
            self.url is not None and finding.url == self.url)
        return place and (finding.rule in self.rules or categories.get(finding.rule) in self.rules)


def load(path: Path, known: set[str]) -> list[Suppression]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise SuppressionError(f"{printable_path(path)}: cannot read: {exc.strerror or exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise SuppressionError(f"{printable_path(path)}: invalid TOML: {exc}") from None
    error = jsonschema.exceptions.best_match(jsonschema.Draft202012Validator(SCHEMA).iter_errors(data))
    if error is not None:
        where = ".".join(str(p) for p in error.absolute_path)
        raise SuppressionError(f"{printable_path(path)}: {where + ': ' if where else ''}{error.message}")
    found = []
    for number, entry in enumerate(data["suppress"], 1):
        unknown = sorted(set(entry["rules"]) - known)
        if unknown:
            raise SuppressionError(f"{printable_path(path)}: suppress[{number}]: "
                                   f"unknown rule or category {unknown[0]!r}")
        found.append(Suppression(number, entry.get("record"), entry.get("url"), frozenset(entry["rules"])))
    return found


def apply(findings: Findings, suppressions: list[Suppression],
          categories: dict[str, str]) -> tuple[Findings, int, set[int]]:
    """The findings left, how many were suppressed, and the numbers of the suppressions that
    matched."""
    used: set[int] = set()
    total = len(findings)

    def unsuppressed(finding: Finding) -> bool:
        match = next((s for s in suppressions if s.matches(finding, categories)), None)
        if match is not None:
            used.add(match.number)
        return match is None

    kept = findings.filtered(unsuppressed)
    return kept, total - len(kept), used
