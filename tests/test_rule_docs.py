"""Every rule documents itself with a failing and a passing example, and the examples are true."""
import re

import pytest
from conftest import run

from validator.registry import Registry

_registry = Registry.default()
RULES = _registry.sorted()
EXAMPLE = re.compile(r"\*\*(Fails|Passes)\*\*\s*\n\s*```(\w+)\n(.*?)```", re.S)
RUNNABLE = {"jsonl", "json", "csv", "tsv", "txt"}


def examples(rule):
    return {kind: (fmt, body) for kind, fmt, body in EXAMPLE.findall(rule.documentation())}


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_rule_documents_a_failing_and_a_passing_example(rule):
    found = examples(rule)
    assert set(found) == {"Fails", "Passes"}, f"{rule.id}: needs **Fails** and **Passes** examples"
    assert rule.summary().endswith("."), f"{rule.id}: the summary is a sentence"


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_documented_examples_behave_as_documented(rule, tmp_path):
    for kind, (fmt, body) in examples(rule).items():
        if fmt not in RUNNABLE:
            continue
        path = tmp_path / f"{kind.lower()}.{fmt}"
        path.write_text(body, encoding="utf-8")
        rules_hit = {f.rule for f in run([path], _registry, select=[rule.id]).findings}
        assert (rule.id in rules_hit) is (kind == "Fails"), f"{rule.id}: the {kind} example is wrong"
        assert rules_hit <= {rule.id}, f"{rule.id}: the {kind} example also trips {rules_hit - {rule.id}}"


def test_ids_are_unique_kebab_case_and_categorised():
    ids = [r.id for r in RULES]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"[a-z]+(-[a-z0-9]+)*", i) for i in ids)


def test_one_rule_per_module():
    modules = [r.__module__ for r in RULES]
    assert len(modules) == len(set(modules))
