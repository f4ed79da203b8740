"""The rule protocol.

A rule declares a stable kebab-case `id`, a `category`, a default `severity`, its options as
JSON Schema properties, and documents itself in its docstring (a summary line, then Markdown
with a **Fails** and a **Passes** example). Rules yield `Problem`s; the engine stamps the id,
category, severity and location. Rules never print, read files, or see output settings.

Three kinds:
- `RecordRule.check(record)` looks at one record at a time.
- `DatasetRule` folds records into a state (`start`, `add`), merges states built on separate
  chunks (`merge`), and reports once every record was seen (`finish`). States must be plain,
  picklable and compact, so that chunks can run in other processes or machines.
- `FaultRule` only documents a fault that the loaders (bad JSON, bad bytes, ...) or the engine
  (a rule that raised) detect.
"""
from __future__ import annotations

import inspect
import re
from dataclasses import dataclass
from typing import Any, ClassVar, Iterable, Iterator

import jsonschema

from .findings import SEVERITIES
from .record import Place, Record

CATEGORIES = ("input", "schema", "timestamp", "temporal", "entity", "artifact", "duplicate", "internal")
RULE_ID = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")


class RuleOptionsError(ValueError):
    pass


@dataclass(frozen=True, slots=True)
class Problem:
    """What a rule found: a message, and where possible the field, span and a repaired value.

    `span` is [start, end) in characters of the field's string value. Record rules name the
    field canonically and leave the rest to the engine. Dataset rules, which report after the
    records are gone, give the `place` they kept (`Record.place(field)`: the record and the
    field as the input spells it) and the field's `value` that they saw, from which the engine
    makes the excerpt (or, when the value was too large to keep, an `excerpt` of their own).
    """

    message: str
    field: str | None = None
    span: tuple[int, int] | None = None
    suggestion: str | None = None
    value: Any = None  # dataset rules only, with excerpt and place
    excerpt: str | None = None
    place: Place | None = None


class Rule:
    id: ClassVar[str]
    category: ClassVar[str]
    severity: ClassVar[str]
    options_schema: ClassVar[dict[str, Any]] = {}
    # Whether `newslint fix` applies the suggestions: "safe" by default, "unsafe" only with
    # --unsafe-fixes, None never (validator/fixing.py).
    fix: ClassVar[str | None] = None
    requires: ClassVar[tuple[str, ...]] = ()  # modules from optional extras the rule needs
    # A fact of the record's form (bytes, JSON, a schema, an impossible date, an exact repeat),
    # not a reading of its content: on by default unless real pages show it wrong (tiers.py).
    exact: ClassVar[bool] = False
    # Why the rule stays on by default though real pages have not shown it precise (tiers.py).
    pinned: ClassVar[str] = ""

    def __init__(self, **options: Any):
        schema = {"type": "object", "properties": self.options_schema, "additionalProperties": False}
        errors = sorted(jsonschema.Draft202012Validator(schema).iter_errors(options), key=lambda e: list(e.path))
        if errors:
            where = ".".join(str(p) for p in errors[0].path)
            raise RuleOptionsError(f"rule {self.id}: option {where or '?'}: {errors[0].message}")
        self.options = {name: spec["default"] for name, spec in self.options_schema.items() if "default" in spec}
        self.options.update(options)

    @classmethod
    def documentation(cls) -> str:
        return inspect.cleandoc(cls.__doc__ or "")

    @classmethod
    def summary(cls) -> str:
        """The docstring's first paragraph, on one line."""
        return " ".join(cls.documentation().split("\n\n", 1)[0].split())


class RecordRule(Rule):
    def check(self, record: Record) -> Iterator[Problem]:
        raise NotImplementedError


class DatasetRule(Rule):
    def start(self) -> Any:
        raise NotImplementedError

    def add(self, state: Any, record: Record) -> None:
        raise NotImplementedError

    def merge(self, state: Any, other: Any) -> Any:
        raise NotImplementedError

    def finish(self, state: Any) -> Iterable[Problem]:
        raise NotImplementedError


class FaultRule(Rule):
    """Reported by the loaders or the engine itself; the class carries the id, severity and documentation."""

    exact = True


def validate_rule_class(cls: type[Rule]) -> None:
    """Raise ValueError when a rule class does not declare what the protocol asks for."""
    name = f"{cls.__module__}.{cls.__qualname__}"
    rule_id = getattr(cls, "id", None)
    if not isinstance(rule_id, str) or not RULE_ID.match(rule_id):
        raise ValueError(f"{name}: id must be kebab-case, got {rule_id!r}")
    if getattr(cls, "category", None) not in CATEGORIES:
        raise ValueError(f"{name}: category must be one of {', '.join(CATEGORIES)}")
    if getattr(cls, "severity", None) not in SEVERITIES:
        raise ValueError(f"{name}: severity must be one of {', '.join(SEVERITIES)}")
    if not cls.summary():
        raise ValueError(f"{name}: a rule documents itself in its docstring")
    jsonschema.Draft202012Validator.check_schema({"type": "object", "properties": cls.options_schema})


def missing_requirements(cls: type[Rule]) -> list[str]:
    """The modules a rule needs that are not installed."""
    import importlib.util

    return [name for name in cls.requires if importlib.util.find_spec(name) is None]
