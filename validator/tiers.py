"""Which rules run by default: a rule earns its place by its precision on judged real pages
(bench/precision, counts in rules/precision.json), as ruff's stable rules do; the others are
in preview, run with --preview (or `preview = true`) or when selected by id.

- exact: a rule whose finding is a fact of the record's form (bytes, JSON, a schema, an
  impossible date, an exact repeat) rather than a reading of its content; on by default
  unless the benchmark shows it wrong.
- measured: judged on at least MIN_JUDGED findings (or all it raised, if fewer), with a
  precision of PRECISION_FOR_DEFAULT or more.
- pinned: below that, or not measured, but needed to detect the seed page; on by default,
  with its measured precision shown, until it is made precise.
- preview: the rest, including rules the benchmark never saw fire.

A plug-in's rules (`newslint.rules` entry points) are the user's own choice, which the
benchmark does not measure: they run by default.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

from .rule import Rule

PRECISION_FOR_DEFAULT = 0.90
PRECISION_FOR_ERROR = 0.98  # a rule that is not exact reports errors only from this precision on (a test holds it)
MIN_JUDGED = 20


@dataclass(frozen=True)
class Measurement:
    raised: int
    judged: int
    true: int
    false: int
    debatable: int

    @property
    def precision(self) -> float | None:
        return self.true / (self.true + self.false) if self.true + self.false else None

    @property
    def enough(self) -> bool:
        """Judged on MIN_JUDGED findings, or on all it raised."""
        return self.true + self.false >= min(MIN_JUDGED, self.raised - self.debatable) and self.true + self.false > 0

    def __str__(self) -> str:
        if self.precision is None:
            return f"no judged finding of {self.raised}"
        return f"{self.precision:.0%} of {self.true + self.false}"


# A tier's short name in the rule catalogue, by its basis.
LABELS = {"exact": "stable (exact)", "measured": "stable", "pinned": "stable (pinned: seed page)", "plugin": "plug-in",
          "below": "preview", "unmeasured": "preview (not measured)"}


@dataclass(frozen=True)
class Tier:
    name: str  # "stable" or "preview"
    basis: str  # "exact", "measured", "pinned", "below", "unmeasured"
    measurement: Measurement | None

    @property
    def default(self) -> bool:
        return self.name == "stable"

    def describe(self) -> str:
        measured = f"precision {self.measurement}" if self.measurement else "not measured"
        return {"exact": f"stable (exact check; {measured})", "measured": f"stable ({measured})",
                "pinned": f"stable, pinned for the seed page ({measured})", "plugin": "plug-in (not measured)",
                "below": f"preview ({measured})", "unmeasured": "preview (not measured: never fired on the benchmark)"
                }[self.basis]


@lru_cache(maxsize=1)
def measurements() -> dict[str, Measurement]:
    document = json.loads(files("rules").joinpath("precision.json").read_text(encoding="utf-8"))
    return {rule: Measurement(**counts) for rule, counts in document["rules"].items()}


def tier(rule: type[Rule]) -> Tier:
    if rule.__module__.split(".")[0] != "rules":
        return Tier("stable", "plugin", None)
    measurement = measurements().get(rule.id)
    precise = measurement is not None and measurement.enough and measurement.precision >= PRECISION_FOR_DEFAULT
    judged_wrong = measurement is not None and measurement.precision is not None and not precise
    if rule.exact and not judged_wrong:
        return Tier("stable", "exact", measurement)
    if precise:
        return Tier("stable", "measured", measurement)
    if rule.pinned:
        return Tier("stable", "pinned", measurement)
    return Tier("preview", "below" if judged_wrong else "unmeasured", measurement)
