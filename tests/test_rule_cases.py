"""Runs the table-driven rule cases in tests/cases/*.toml: rule id, field and span, not wording."""
import json
import tomllib
from pathlib import Path

import pytest

from validator.fields import FieldMapping
from validator.record import Provenance, Record
from validator.registry import Registry

CASES = [
    case
    for path in sorted((Path(__file__).parent / "cases").glob("*.toml"))
    for case in tomllib.loads(path.read_text(encoding="utf-8")).get("case", [])
]
_registry = Registry.default()


@pytest.mark.parametrize("case", CASES, ids=[f"{c['rule']}: {c['name']}" for c in CASES])
def test_rule_case(case):
    rule = _registry[case["rule"]](**case.get("options", {}))
    raw = json.loads(case["record"])
    record = Record(raw, FieldMapping().resolve(raw), Provenance("case.jsonl", 1))
    problems = list(rule.check(record))
    found = [[record.source_name(p.field) if p.field else -1, *(p.span or (-1, -1))] for p in problems]
    assert found == case["expect"]
    if "suggestion" in case:
        assert [p.suggestion for p in problems] == [case["suggestion"]]
    if case.get("no_suggestion"):
        assert all(p.suggestion is None for p in problems)


def test_every_record_rule_has_failing_and_passing_cases():
    from validator.rule import RecordRule

    covered = {(c["rule"], bool(c["expect"])) for c in CASES}
    for rule in _registry.rules.values():
        if issubclass(rule, RecordRule) and rule.__module__.startswith("rules."):
            assert (rule.id, True) in covered, f"{rule.id} has no failing case"
            assert (rule.id, False) in covered, f"{rule.id} has no passing case"
