"""Settings from `newslint.toml` or `[tool.newslint]` in pyproject.toml, validated with JSON
Schema, and the plan they make: which rules run, with which options and severities."""
from __future__ import annotations

import json
import os
import stat
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jsonschema

from .faults import ENGINE
from .fields import CANONICAL_FIELDS
from .findings import SEVERITIES
from .gates import Gate
from .loaders.base import DEFAULT_MAX_RECORD_BYTES
from .paths import printable_path
from .registry import Registry, RegistryError, did_you_mean
from .rule import FaultRule, Rule, RuleOptionsError, missing_requirements
from .record_schema import SchemaReferenceError, check_references
from .tiers import tier

RECORD_SCHEMA_RULE = "schema-violation"

_NAMES = {"type": "array", "items": {"type": "string"}}
CONFIG_SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "select": {**_NAMES, "description": "rule ids or categories to run (default: all rules)"},
        "ignore": {**_NAMES, "description": "rule ids or categories not to run"},
        "preview": {"type": "boolean", "description": "also run the rules in preview (see `newslint rules`)"},
        "fail-on": {"enum": list(SEVERITIES), "description": "lowest severity that fails the run"},
        "fields": {
            "type": "object",
            "propertyNames": {"enum": list(CANONICAL_FIELDS)},
            "additionalProperties": {"type": "string"},
            "description": "canonical field = source field, overriding the built-in aliases",
        },
        "record-schema": {"type": "string", "description": "JSON Schema file every record must match"},
        "timestamp-fields": {**_NAMES, "description": "other fields the timestamp rules check"},
        "suppressions": {"type": "string", "description": "suppression file (TOML)"},
        "records-key": {"type": "string", "description": "JSON documents: the dotted key that holds the records"},
        "drop": {**_NAMES, "description": "rule ids whose records `newslint fix` moves to the quarantine "
                                          "(default: not-an-article, duplicate-body)"},
        "max-record-bytes": {"type": ["integer", "string"], "pattern": r"^\s*\d+\s*[KkMmGg]?(i?B)?\s*$",
                             "minimum": 1, "description": "largest record read (bytes, or with K, M or G)"},
        "rules": {
            "type": "object",
            "additionalProperties": {
                "type": "object",
                "properties": {"severity": {"enum": list(SEVERITIES)},
                               "max-rate": {"type": "number", "minimum": 0, "maximum": 1},
                               "per-source": {"type": "boolean"}},
            },
            "description": "per rule id: severity and options",
        },
    },
}


class ConfigError(ValueError):
    pass


@dataclass
class Settings:
    select: list[str] | None = None
    ignore: list[str] = field(default_factory=list)
    fail_on: str = "error"
    fields: dict[str, str] = field(default_factory=dict)
    rules: dict[str, dict[str, Any]] = field(default_factory=dict)
    timestamp_fields: list[str] = field(default_factory=list)
    suppressions: Path | None = None
    record_schema: dict[str, Any] | None = None
    path: Path | None = None
    max_record_bytes: int = DEFAULT_MAX_RECORD_BYTES
    preview: bool = False
    drop: list[str] | None = None  # for `newslint fix`; None: its default
    records_key: str | None = None
    audit: bool = False  # for the HTML report, not configured: keep each flagged field's text, and the profile


@dataclass
class Plan:
    rules: list[Rule]  # instantiated record and dataset rules
    faults: set[str]  # fault rules reported (loader faults and internal errors)
    severity: dict[str, str]
    category: dict[str, str]
    skipped: dict[str, str] = field(default_factory=dict)  # rule id -> why it could not run
    rule_classes: dict[str, type[Rule]] = field(default_factory=dict)  # rule id -> class, for reporters
    gates: dict[str, Gate] = field(default_factory=dict)  # rule id -> its rate gate
    max_record_bytes: int = DEFAULT_MAX_RECORD_BYTES  # larger records are skipped unread (record-too-large)
    audit: bool = False  # see Settings.audit

    @property
    def rule_ids(self) -> list[str]:
        return sorted({rule.id for rule in self.rules} | self.faults)


_UNITS = {"": 1, "k": 1 << 10, "m": 1 << 20, "g": 1 << 30}


def parse_size(value: int | str) -> int:
    """Bytes, from 33554432, "32M", "32MiB" or "1g" (units are powers of 1024)."""
    if isinstance(value, int):
        return value
    text = value.strip().lower().removesuffix("b").removesuffix("i")
    number, unit = (text[:-1], text[-1]) if text[-1:] in _UNITS else (text, "")
    if not number.strip().isdigit() or int(number) < 1:
        raise ValueError(f"expected a size such as 33554432 or 32M, got {value!r}")
    return int(number) * _UNITS[unit]


def find_config(start: Path) -> Path | None:
    """The nearest newslint.toml, or pyproject.toml with a [tool.newslint] table, from `start` up."""
    for folder in (start, *start.parents):
        candidate = folder / "newslint.toml"
        if candidate.is_file():
            return candidate
        candidate = folder / "pyproject.toml"
        if candidate.is_file() and "newslint" in _read_toml(candidate).get("tool", {}):
            return candidate
    return None


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with open(path, "rb") as handle:
            return tomllib.load(handle)
    except OSError as exc:
        raise ConfigError(f"{printable_path(path)}: cannot read: {exc.strerror or exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{printable_path(path)}: invalid TOML: {exc}") from None


def load_settings(path: Path | None) -> Settings:
    if path is None:
        return Settings()
    document = _read_toml(path)
    table = document.get("tool", {}).get("newslint", {}) if path.name == "pyproject.toml" else document
    error = jsonschema.exceptions.best_match(jsonschema.Draft202012Validator(CONFIG_SCHEMA).iter_errors(table))
    if error is not None:
        where = ".".join(str(part) for part in error.absolute_path)
        raise ConfigError(f"{printable_path(path)}: {where + ': ' if where else ''}{error.message}")
    rules = {rule_id: {name: _file_option(path.parent, rule_id, name, value) for name, value in options.items()}
             for rule_id, options in table.get("rules", {}).items()}
    settings = Settings(
        select=table.get("select"), ignore=table.get("ignore", []), fail_on=table.get("fail-on", "error"),
        fields=table.get("fields", {}), rules=rules,
        timestamp_fields=table.get("timestamp-fields", []), path=path, preview=table.get("preview", False),
        suppressions=path.parent / table["suppressions"] if "suppressions" in table else None,
        drop=table.get("drop"), records_key=table.get("records-key"),
    )
    try:
        settings.max_record_bytes = parse_size(table.get("max-record-bytes", DEFAULT_MAX_RECORD_BYTES))
    except ValueError as exc:
        raise ConfigError(f"{printable_path(path)}: max-record-bytes: {exc}") from None
    if "record-schema" in table:
        settings.record_schema = _load_record_schema(path.parent / table["record-schema"])
    return settings


def _file_option(folder: Path, rule_id: str, name: str, value: Any) -> Any:
    """`option = {file = "path"}` gives the option the file's text (a rule never reads files)."""
    if not (isinstance(value, dict) and set(value) == {"file"} and isinstance(value["file"], str)):
        return value
    shown = printable_path(value["file"])
    try:
        return _read_regular_file(folder / value["file"]).decode("utf-8")
    except OSError as exc:
        raise ConfigError(f"rules.{rule_id}.{name}: cannot read {shown}: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise ConfigError(f"rules.{rule_id}.{name}: {shown} is not UTF-8 text") from None


def _load_record_schema(path: Path) -> dict[str, Any]:
    """The schema, checked now so that no record meets a schema that cannot work: valid for its
    draft, and every reference inside the file, in no endless loop (see validator.record_schema)."""
    name = f"record-schema {printable_path(path)}"
    try:
        schema = json.loads(_read_regular_file(path).decode("utf-8"))
        jsonschema.validators.validator_for(schema).check_schema(schema)
        check_references(schema)
    except OSError as exc:
        raise ConfigError(f"{name}: cannot read: {exc.strerror or exc}") from None
    except SchemaReferenceError as exc:
        raise ConfigError(f"{name}: {exc}") from None
    except ValueError as exc:
        raise ConfigError(f"{name}: not JSON: {exc}") from None
    except jsonschema.SchemaError as exc:
        raise ConfigError(f"{name}: not a valid JSON Schema: {exc.message}") from None
    except RecursionError:
        raise ConfigError(f"{name}: nested too deeply") from None
    return schema


def _read_regular_file(path: Path) -> bytes:
    """The bytes of a regular file. Opened without blocking and checked before reading: a FIFO
    would wait for a writer, and a device such as /dev/zero never ends."""
    with open(os.open(path, os.O_RDONLY | os.O_NONBLOCK), "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            raise OSError("not a regular file")
        return handle.read()


def build_plan(registry: Registry, settings: Settings) -> Plan:
    """Instantiate the selected rules; every configured rule is validated, selected or not."""
    try:
        selected = set(registry.select(settings.select, settings.ignore))
    except RegistryError as exc:
        raise ConfigError(str(exc)) from None
    severity = {rule_id: cls.severity for rule_id, cls in registry.rules.items()}
    options: dict[str, dict[str, Any]] = {}
    gates: dict[str, Gate] = {}
    for rule_id, table in settings.rules.items():
        if rule_id not in registry.rules:
            raise ConfigError(f"rules.{rule_id}: unknown rule{did_you_mean(rule_id, registry.rules)} "
                              f"(see 'newslint rules')")
        table = dict(table)
        severity[rule_id] = table.pop("severity", severity[rule_id])
        if "max-rate" in table:
            gates[rule_id] = Gate(rule_id, table.pop("max-rate"), table.pop("per-source", False))
        elif table.pop("per-source", None) is not None:
            raise ConfigError(f"rules.{rule_id}: per-source goes with max-rate")
        options[rule_id] = table
    if settings.record_schema is not None:
        options.setdefault(RECORD_SCHEMA_RULE, {})["schema"] = settings.record_schema
    by_id = {name for name in (settings.select or []) if name in registry.rules}
    if not settings.preview:  # a rule in preview runs only when asked for by its id
        selected = {rule_id for rule_id in selected if rule_id in by_id or tier(registry.rules[rule_id]).default}
    named = by_id | set(settings.rules)
    rules, faults, skipped = [], set(ENGINE), {}
    for rule_id, cls in registry.rules.items():
        if rule_id not in selected and rule_id not in options:
            continue
        missing = missing_requirements(cls)
        if missing:
            hint = f"needs {', '.join(missing)}: pip install 'newslint[all]'"
            if rule_id in named:
                raise ConfigError(f"rule {rule_id} {hint}")
            skipped[rule_id] = hint  # selected only by default or by category: said in the report
            continue
        try:
            rule = cls(**options.get(rule_id, {}))
        except RuleOptionsError as exc:
            raise ConfigError(str(exc)) from None
        if rule_id not in selected:
            continue
        if isinstance(rule, FaultRule):
            faults.add(rule_id)
        else:
            rules.append(rule)
    category = {rule_id: cls.category for rule_id, cls in registry.rules.items()}
    return Plan(sorted(rules, key=lambda r: r.id), faults, severity, category, skipped, dict(registry.rules), gates,
                settings.max_record_bytes, settings.audit)
