"""Plug-ins arrive through real entry points; rule faults are isolated; dataset rules merge."""
import json
import textwrap

import pytest
from conftest import run, write_jsonl

from validator.registry import Registry, RegistryError
from validator.rule import Problem, RecordRule, RuleOptionsError

PLUGIN = textwrap.dedent('''
    from validator.rule import DatasetRule, Problem, RecordRule


    class Explodes(RecordRule):
        """Raises on records titled "boom".

        **Fails**

        ```jsonl
        {"title": "boom"}
        ```

        **Passes**

        ```jsonl
        {"title": "calm"}
        ```
        """

        id = "plugin-explodes"
        category = "artifact"
        severity = "warning"

        def check(self, record):
            if record.get("title") == "boom":
                raise RuntimeError("kaboom")
            yield Problem("seen", field="title")


    class SharedTitle(DatasetRule):
        """Titles shared by several records.

        **Fails**

        ```jsonl
        {"title": "a"}
        {"title": "a"}
        ```

        **Passes**

        ```jsonl
        {"title": "a"}
        ```
        """

        id = "plugin-shared-title"
        category = "duplicate"
        severity = "info"

        def start(self):
            return {}

        def add(self, state, record):
            state.setdefault(record.get("title"), []).append(record.place("title"))

        def merge(self, state, other):
            for title, seen in other.items():
                state.setdefault(title, []).extend(seen)
            return state

        def finish(self, state):
            for title, seen in state.items():
                for place in seen[1:]:
                    yield Problem(f"title shared with {seen[0].record}", place=place, value=title)
''')


@pytest.fixture
def plugin_registry(tmp_path, monkeypatch):
    """A real installed distribution on sys.path, declaring the `newslint.rules` entry point."""
    site = tmp_path / "site"
    (site / "newslint_example_plugin").mkdir(parents=True)
    (site / "newslint_example_plugin" / "__init__.py").write_text(PLUGIN)
    info = site / "newslint_example_plugin-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: newslint-example-plugin\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text("[newslint.rules]\nexample = newslint_example_plugin\n")
    monkeypatch.syspath_prepend(str(site))
    return Registry.default()


def test_plugin_rules_are_registered(plugin_registry):
    assert {"plugin-explodes", "plugin-shared-title"} <= set(plugin_registry.rules)


def test_a_raising_rule_becomes_an_internal_error_and_the_run_goes_on(plugin_registry, tmp_path):
    path = write_jsonl(tmp_path / "a.jsonl", {"id": "1", "title": "boom", "body": ""},
                       {"id": "2", "title": "calm", "body": "Text."})
    result = run([path], plugin_registry, select=["plugin-explodes", "missing-body"])
    assert [(f.rule, f.record) for f in result.findings] == [
        ("internal-error", "1"), ("missing-body", "1"), ("plugin-explodes", "2")]
    assert "plugin-explodes" in result.findings[0].message and "RuntimeError" in result.findings[0].message


def test_dataset_rule_reports_records_after_the_run(plugin_registry, tmp_path):
    path = write_jsonl(tmp_path / "a.jsonl", {"id": "1", "title": "a"}, {"id": "2", "title": "b"}, {"id": "3", "title": "a"})
    result = run([path], plugin_registry, select=["plugin-shared-title"])
    (finding,) = result.findings
    assert (finding.rule, finding.line, finding.record, finding.severity) == ("plugin-shared-title", 3, "3", "info")


def test_dataset_states_merge_like_one_pass(plugin_registry, tmp_path):
    from validator.fields import FieldMapping
    from validator.loaders import Source, read

    rule = plugin_registry["plugin-shared-title"]()
    path = write_jsonl(tmp_path / "a.jsonl", *({"id": str(i), "title": "ab"[i % 2]} for i in range(6)))
    records = list(read(Source(str(path), path, "jsonl"), FieldMapping()))
    whole, left, right = rule.start(), rule.start(), rule.start()
    for i, record in enumerate(records):
        rule.add(whole, record)
        rule.add(left if i < 3 else right, record)
    merged = rule.merge(left, right)
    assert list(rule.finish(merged)) == list(rule.finish(whole))


def test_duplicate_ids_fail_loudly():
    class One(RecordRule):
        """One."""
        id, category, severity = "same-id", "schema", "error"

    class Two(One):
        """Two."""

    with pytest.raises(RegistryError, match="duplicate rule id 'same-id'"):
        Registry([One, Two])


@pytest.mark.parametrize("attrs,message", [
    ({"id": "Bad_Id"}, "kebab-case"),
    ({"id": "ok-id", "category": "style"}, "category"),
    ({"id": "ok-id", "severity": "fatal"}, "severity"),
])
def test_malformed_rules_are_refused(attrs, message):
    rule = type("Rule", (RecordRule,), {"__doc__": "Doc.", "id": "x", "category": "schema", "severity": "error",
                                        **attrs})
    with pytest.raises(RegistryError, match=message):
        Registry([rule])


def test_broken_plugin_fails_loudly(tmp_path, monkeypatch):
    site = tmp_path / "site"
    info = site / "broken_plugin-1.0.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: broken-plugin\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text("[newslint.rules]\nbroken = no_such_module_here\n")
    monkeypatch.syspath_prepend(str(site))
    with pytest.raises(RegistryError, match="cannot load rule plug-in 'broken'"):
        Registry.default()


def test_unknown_options_are_refused_before_any_record(registry):
    with pytest.raises(RuleOptionsError):
        registry["missing-title"](no_such_option=1)
    with pytest.raises(RuleOptionsError):
        registry["schema-violation"](schema="not an object")


def test_problem_is_immutable():
    problem = Problem("message")
    with pytest.raises(AttributeError):
        problem.message = "other"


class NeedsMissing(RecordRule):
    """Needs a module that is not installed.

    **Fails**

    ```text
    -
    ```

    **Passes**

    ```text
    -
    ```
    """

    id = "needs-missing"
    category = "artifact"
    severity = "warning"
    requires = ("no_such_module_for_newslint",)

    def check(self, record):
        yield Problem("never")


def test_rule_with_missing_extra_is_skipped_by_default_and_refused_by_name(registry):
    from validator.config import ConfigError, Settings, build_plan

    rules = Registry(list(registry.rules.values()) + [NeedsMissing])
    plan = build_plan(rules, Settings())
    assert "needs-missing" in plan.skipped and "needs-missing" not in {r.id for r in plan.rules}
    assert "needs-missing" in build_plan(rules, Settings(select=["artifact"])).skipped
    with pytest.raises(ConfigError, match="no_such_module_for_newslint"):
        build_plan(rules, Settings(select=["needs-missing"]))
