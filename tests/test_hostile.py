"""Hostile input: nothing crashes, nothing is lost, nothing in the data is trusted."""
import json
import time
import xml.etree.ElementTree as ET

import pytest
from conftest import GOOD, rule_doc
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from validator import check, engine
from validator.cli import main
from validator.config import Settings, build_plan
from validator.engine import Engine
from validator.fields import FieldMapping
from validator.registry import Registry
from validator.rule import Problem, RecordRule



class Hangs(RecordRule):
    __doc__ = rule_doc("Never returns on records titled hang.")
    id, category, severity = "test-hangs", "artifact", "warning"

    def check(self, record):
        if record.get("title") == "hang":
            while True:
                time.sleep(0.01)
        return iter(())


class Garbage(RecordRule):
    __doc__ = rule_doc("Yields what is not a problem, or a span outside its field.")
    id, category, severity = "test-garbage", "artifact", "warning"

    def check(self, record):
        yield "not a problem"


class BadSpan(RecordRule):
    __doc__ = rule_doc("Yields a span outside its field.")
    id, category, severity = "test-bad-span", "artifact", "warning"

    def check(self, record):
        yield Problem("far away", field="title", span=(0, 10_000))


def test_faulty_rules_are_isolated_and_named(monkeypatch, registry):
    monkeypatch.setattr(engine, "RULE_SECONDS", 0.3)
    rules = Registry(list(registry.rules.values()) + [Hangs, Garbage, BadSpan])
    plan = build_plan(rules, Settings(select=["test-hangs", "test-garbage", "test-bad-span", "missing-body"]))
    result = Engine(plan, FieldMapping()).run_records([dict(GOOD, title="hang", body=""), GOOD])
    errors = [(f.record, f.message.split()[1]) for f in result.findings if f.rule == "internal-error"]
    assert ("g", "test-hangs") in errors  # both records are "g": check the rules named
    assert {rule for _, rule in errors} == {"test-hangs", "test-garbage", "test-bad-span"}
    assert any(f.rule == "missing-body" for f in result.findings)  # the other rules still ran
    assert result.records == 2


def test_internal_errors_make_exit_code_3(tmp_path, monkeypatch, capsys):
    import validator.registry as registry_module

    real = registry_module.Registry.default
    monkeypatch.setattr(registry_module.Registry, "default", classmethod(lambda cls: cls(
        list(real().rules.values()) + [Garbage])))
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps(GOOD) + "\n")
    assert main(["check", str(path), "--select", "test-garbage"]) == 3
    assert "incomplete" in capsys.readouterr().err


HOSTILE_INPUTS = [
    b'{"id": "a", "title": "t\\u0000\\u001b[2J\\u202eevil", "body": "\\ud800 lone"}\n',  # NUL, ESC, bidi, surrogate
    b"\xef\xbb\xbf" + json.dumps(GOOD).encode() + b"\n",  # BOM
    b'{"id": "b", "title": "caf\xe9", "body": "x"}\n',  # not UTF-8
    b"[" * 100_000 + b"\n",  # nested too deep
    b'"a string"\n42\nnull\n[1, 2]\n',  # not objects
    b'{"id": 1, "title": 5, "body": ["a", {"b": null}], "published": {"x": 1}, "authors": 7, "url": false}\n',
    b'{"id": "big", "title": "T", "body": "' + b"word " * 3_000_000 + b'"}\n',  # a line of 15 MB
]


@pytest.mark.parametrize("data", HOSTILE_INPUTS, ids=["controls", "bom", "latin1", "deep", "scalars", "types", "huge"])
def test_hostile_input_never_crashes(tmp_path, data, capsys):
    path = tmp_path / "hostile.jsonl"
    path.write_bytes(data + json.dumps(GOOD).encode() + b"\n")
    for fmt in ("json", "junit", "sarif", "console", "html", "github"):
        code = main(["check", str(path), "--format", fmt, "--output", str(tmp_path / f"out.{fmt}")])
        assert code in (0, 1), fmt
    report = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
    assert report["summary"]["records"] >= 1 and "internal-error" not in report["summary"]["by_rule"]
    ET.fromstring((tmp_path / "out.junit").read_bytes())
    json.loads((tmp_path / "out.sarif").read_text(encoding="utf-8"))
    console = (tmp_path / "out.console").read_text(encoding="utf-8")
    assert "\x1b" not in console and "\u202e" not in console and "\x00" not in console


def test_long_fields_are_capped_and_said_to_be(registry):
    result = check([dict(GOOD, body="Word. " * 60_000)], select=["artifact"])
    assert [f.rule for f in result if f.rule == "text-capped"] == ["text-capped"]


ADVERSARIAL = [
    "a" * 200_000, "Aa" * 100_000, "1" * 200_000, "(" * 200_000, "<" * 100_000 + ">" * 100_000,
    "&" * 200_000, "A." * 100_000, "Gen. " * 40_000, "al-" * 60_000, "May 25, " * 25_000, "\n" * 200_000,
    "Listen Live\n" * 16_000, ("Title Case Line Here Now\n" * 8_000), "é" * 200_000, "—" * 200_000,
]


@pytest.mark.parametrize("text", ADVERSARIAL, ids=[t[:12].encode("unicode_escape").decode() for t in ADVERSARIAL])
def test_every_rule_stays_linear_on_adversarial_text(text):
    record = dict(GOOD, id="adv", title=text[:5000], body=text, authors=text[:2000], published=text[:300],
                  url="https://x.example/" + text[:500])
    start = time.perf_counter()
    findings = check([record])
    assert time.perf_counter() - start < 30  # generous: a quadratic regex would take hours here
    assert not [f for f in findings if f.rule == "internal-error"]


FIELD_VALUES = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True),
                         st.text(max_size=300), st.lists(st.text(max_size=20), max_size=3),
                         st.dictionaries(st.text(max_size=5), st.text(max_size=5), max_size=2))
RECORDS = st.fixed_dictionaries({}, optional={
    name: FIELD_VALUES for name in ("id", "url", "title", "published", "modified", "scraped_at", "authors", "body",
                                    "source", "language", "tags", "extra")})


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(RECORDS, min_size=1, max_size=4))
def test_arbitrary_records_never_break_a_rule(records):
    findings = check(records)
    assert not [f for f in findings if f.rule == "internal-error"], [f.message for f in findings
                                                                      if f.rule == "internal-error"]
    for finding in findings:
        if finding.span is not None:
            assert 0 <= finding.span[0] <= finding.span[1]


@settings(max_examples=40, deadline=None)
@given(st.text(max_size=200))
def test_any_text_gives_valid_reports(text):
    from io import StringIO

    from validator.report import FORMATS

    record = dict(GOOD, title=text, body=text + " " + GOOD["body"], published=text[:40])
    plan = build_plan(Registry.default(), Settings())
    result = Engine(plan, FieldMapping()).run_records([record])
    for name in ("json", "sarif", "gitlab"):
        out = StringIO()
        FORMATS[name](result, out)
        json.loads(out.getvalue())
    out = StringIO()
    FORMATS["junit"](result, out)
    ET.fromstring(out.getvalue().encode("utf-8"))


def test_lone_surrogates_from_the_api_still_give_a_json_report():
    from io import StringIO

    from validator.report import FORMATS

    record = dict(GOOD, title="t\ud800", body="Listen Live\ud800\n" + GOOD["body"], published="2999-01-01")
    result = Engine(build_plan(Registry.default(), Settings()), FieldMapping()).run_records([record])
    out = StringIO()
    FORMATS["json"](result, out)
    rules = {f["rule"] for f in json.loads(out.getvalue())["findings"]}
    assert "published-in-future" in rules and "internal-error" not in rules
