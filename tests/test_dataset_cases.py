"""Runs the table-driven dataset-rule cases in tests/cases/dataset/*.toml through the engine.

A case names a `rule`, a `name`, maybe rule `options`, `records` (JSON Lines: one record per
line, no blank lines) and `expect`: one [line, field, start, end] per finding of the rule, in
report order; `line` is the record's line in `records` (1-based), `field` the field as the
input spells it (-1 for none), and the span -1, -1 where there is none. Ids and places are
checked, never wording. Optional: `suggestions`, one suggested value per finding (-1 for
none); `xfail`, why the case shows a known bug (the case states the right answer and is
expected to fail until the rule is fixed; strict, so a fix is noticed).

Each case is run three ways, which must agree: as one part (Engine.run_records, the way a run
of one process goes), cut into two halves checked as separate parts and merged
(Engine.check_part / Engine.finish, the way a parallel run goes), and one part per record.
"""
import json
import tomllib
from pathlib import Path

import pytest

from validator.config import Settings, build_plan
from validator.engine import Engine
from validator.fields import FieldMapping
from validator.loaders.base import make_record
from validator.registry import Registry
from validator.rule import DatasetRule, missing_requirements

FOLDER = Path(__file__).parent / "cases" / "dataset"
KEYS = {"rule", "name", "options", "records", "expect", "suggestions", "xfail"}
PATH = "<records>"  # what Engine.run_records names its input

CASES = [
    case
    for path in sorted(FOLDER.glob("*.toml"))
    for case in tomllib.loads(path.read_text(encoding="utf-8")).get("case", [])
]
_registry = Registry.default()


def _param(case):
    marks = [pytest.mark.xfail(reason=case["xfail"], strict=True, raises=AssertionError)] if "xfail" in case else []
    return pytest.param(case, id=f"{case['rule']}: {case['name']}", marks=marks)


def _records(case) -> list[dict]:
    lines = case["records"].splitlines()
    assert lines and all(line.strip() for line in lines), "records: one JSON object per line, no blank lines"
    records = [json.loads(line) for line in lines]
    assert all(isinstance(record, dict) for record in records)
    return records


def _engine(case) -> Engine:
    rule_id = case["rule"]
    plan = build_plan(_registry, Settings(select=[rule_id], rules={rule_id: case.get("options", {})}))
    assert [rule.id for rule in plan.rules] == [rule_id]
    return Engine(plan, FieldMapping())  # a fresh one per run: the mapping remembers what it resolved


def _in_parts(case, records: list[dict], cuts: list[int]):
    """The findings of the records checked as separate parts, cut before each index in `cuts`."""
    engine = _engine(case)
    items = [make_record(raw, engine.mapping, PATH, number) for number, raw in enumerate(records, 1)]
    bounds = [0, *cuts, len(items)]
    parts = [engine.check_part(items[low:high]) for low, high in zip(bounds, bounds[1:])]
    return list(engine.finish(parts).findings)


def _places(findings, rule_id: str) -> list[list]:
    return [[f.line, f.field or -1, *(f.span or (-1, -1))] for f in findings if f.rule == rule_id]


@pytest.mark.parametrize("case", [_param(case) for case in CASES])
def test_dataset_case(case):
    missing = missing_requirements(_registry[case["rule"]])
    if missing:
        pytest.skip(f"{case['rule']} needs {', '.join(missing)}")
    records = _records(case)
    whole = list(_engine(case).run_records(records).findings)
    assert [f for f in whole if f.rule != case["rule"]] == []  # no internal-error, nothing else
    assert _places(whole, case["rule"]) == case["expect"]
    if "suggestions" in case:
        assert [-1 if f.suggestion is None else f.suggestion for f in whole] == case["suggestions"]
    assert all(f.path == PATH for f in whole)
    # Merged from parts, the states give the same findings, messages and suggestions included.
    assert _in_parts(case, records, [len(records) // 2]) == whole
    assert _in_parts(case, records, list(range(1, len(records)))) == whole


def test_cases_name_known_rules_once():
    names = [(case["rule"], case["name"]) for case in CASES]
    assert len(names) == len(set(names)), "two cases of one rule share a name"
    for case in CASES:
        assert set(case) <= KEYS, f"{case['rule']}: {case['name']}: unknown keys {sorted(set(case) - KEYS)}"
        assert issubclass(_registry[case["rule"]], DatasetRule), f"{case['rule']} is not a dataset rule"


def test_every_dataset_rule_has_failing_and_passing_cases():
    covered = {(c["rule"], bool(c["expect"])) for c in CASES if "xfail" not in c}
    rules = [rule for rule in _registry.rules.values()
             if issubclass(rule, DatasetRule) and rule.__module__.startswith("rules.")]
    assert rules
    for rule in rules:
        assert (rule.id, True) in covered, f"{rule.id} has no failing case"
        assert (rule.id, False) in covered, f"{rule.id} has no passing case"
