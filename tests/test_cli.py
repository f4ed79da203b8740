"""The command line: exit codes, the JSON output contract, config, reports on disk."""
import json
import os
import subprocess
import sys

import pytest
from conftest import ROOT, cli_json, write_jsonl

from validator.cli import main

SAMPLES = ROOT / "samples"
GOOD = {"id": "g1", "url": "https://x.example/a", "title": "Old bridge reopens in Mosul",
        "body": "The old bridge over the Tigris in Mosul reopened to traffic on Sunday after repairs that took most "
                "of the year, the governor said at a ceremony attended by several hundred residents."}


pytestmark = pytest.mark.usefixtures("isolated_cwd")


def test_samples_fail_with_a_readable_report(capsys):
    assert main(["check", str(SAMPLES)]) == 1
    out = capsys.readouterr().out
    assert "Findings per rule" in out and "invalid-json" in out and "\x1b[" not in out


def test_clean_sample_passes(capsys):
    code, report = cli_json([str(SAMPLES / "clean.jsonl")], capsys)
    assert (code, report["findings"], report["summary"]["records"]) == (0, [], 4)


def test_json_contract(capsys):
    code, report = cli_json([str(SAMPLES)], capsys)
    assert code == 1
    assert report["version"] == 1 and report["tool"]["name"] == "newslint"
    assert set(report["summary"]) == {"files", "records", "findings", "by_severity", "by_rule", "skipped_rules",
                                       "records_skipped", "suppressed", "baseline"}
    assert report["summary"]["findings"] == len(report["findings"]) == sum(report["summary"]["by_rule"].values())
    assert set(report["summary"]["by_severity"]) == {"error", "warning", "info"}
    keys = ["rule", "category", "severity", "path", "line", "record", "field", "span", "excerpt", "message", "suggestion"]
    for finding in report["findings"]:
        assert list(finding) == keys
        if finding["span"] is not None:
            assert len(finding["span"]) == 2 and finding["span"][0] <= finding["span"][1]
    order = [(f["path"], f["line"] or 0, f["rule"], f["span"] or [-1, -1]) for f in report["findings"]]
    assert order == sorted(order)


def test_jsonl_format_matches_json(capsys):
    _, report = cli_json([str(SAMPLES)], capsys)
    main(["check", str(SAMPLES), "--format", "jsonl"])
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert lines == report["findings"]


def test_unknown_rule_is_a_usage_error_in_one_line(capsys):
    assert main(["check", str(SAMPLES), "--select", "no-such-rule"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no-such-rule" in err


@pytest.mark.parametrize("args", [
    ["check"], ["check", "x.jsonl", "--format", "xml"], ["check", "x.jsonl", "--fail-on", "fatal"],
    ["check", "x.jsonl", "--field", "body"], ["check", "x.jsonl", "--field", "headline=title"],
    ["check", "x.jsonl", "--config", "missing.toml"], ["explain", "no-such-rule"], ["frobnicate"],
])
def test_usage_errors_exit_2_with_one_line(args, capsys):
    assert main(args) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("newslint: error:")


def test_select_categories_and_ignore(tmp_path, capsys):
    path = write_jsonl(tmp_path / "a.jsonl", dict(GOOD, title="", url="/rel"))
    _, report = cli_json([str(path), "--select", "schema", "--ignore", "invalid-url"], capsys)
    assert [f["rule"] for f in report["findings"]] == ["missing-title"]


def test_fail_on_threshold(tmp_path, capsys):
    path = write_jsonl(tmp_path / "a.jsonl", dict(GOOD, title=""))  # a warning only
    assert main(["check", str(path)]) == 0
    assert main(["check", str(path), "--fail-on", "warning"]) == 1
    capsys.readouterr()


def test_field_override(tmp_path, capsys):
    path = write_jsonl(tmp_path / "a.jsonl", {"id": "1", "title": "T", "summary": "Text.", "body": ""})
    _, report = cli_json([str(path), "--field", "body=summary", "--select", "schema"], capsys)
    assert report["findings"] == []


def test_config_in_pyproject(tmp_path, capsys):
    (tmp_path / "pyproject.toml").write_text(
        '[tool.newslint]\nselect = ["schema"]\nignore = ["invalid-url"]\nfail-on = "warning"\n'
        '[tool.newslint.fields]\nbody = "summary"\n'
        '[tool.newslint.rules.missing-title]\nseverity = "info"\n')
    path = write_jsonl(tmp_path / "a.jsonl", {"id": "1", "title": "", "summary": "Text.", "url": "/rel"})
    code, report = cli_json([str(path)], capsys)
    assert [(f["rule"], f["severity"]) for f in report["findings"]] == [("missing-title", "info")]
    assert code == 0


def test_newslint_toml_with_record_schema(tmp_path, capsys):
    (tmp_path / "record.json").write_text(json.dumps({"type": "object", "required": ["url"]}))
    (tmp_path / "newslint.toml").write_text('record-schema = "record.json"\nselect = ["schema-violation"]\n')
    path = write_jsonl(tmp_path / "a.jsonl", {"id": "1", "title": "T", "body": "B"})
    code, report = cli_json([str(path)], capsys)
    assert code == 1 and [f["rule"] for f in report["findings"]] == ["schema-violation"]


@pytest.mark.parametrize("config,fragment", [
    ('selct = ["schema"]\n', "selct"),
    ('fail-on = "fatal"\n', "fatal"),
    ('[rules.no-such-rule]\nseverity = "info"\n', "no-such-rule"),
    ('[rules.missing-title]\nseverity = "fatal"\n', "fatal"),
    ('[rules.missing-title]\nthreshold = 3\n', "threshold"),
    ('[fields]\nheadline = "title"\n', "headline"),
    ('record-schema = "nope.json"\n', "nope.json"),
    ('select = [\n', "TOML"),
])
def test_bad_config_exits_2_with_one_line(tmp_path, capsys, config, fragment):
    (tmp_path / "newslint.toml").write_text(config)
    path = write_jsonl(tmp_path / "a.jsonl", GOOD)
    assert main(["check", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and fragment in err


def test_report_written_to_file(tmp_path, capsys):
    out = tmp_path / "report.json"
    assert main(["check", str(SAMPLES), "--format", "json", "--output", str(out)]) == 1
    assert capsys.readouterr().out == ""
    assert json.loads(out.read_text())["summary"]["findings"] > 0
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]  # no temporary left behind


def test_rules_catalogue_json(capsys):
    assert main(["rules", "--format", "json"]) == 0
    catalogue = json.loads(capsys.readouterr().out)
    assert {"invalid-json", "schema-violation", "internal-error"} <= {r["id"] for r in catalogue}
    assert all(set(r) == {"id", "category", "severity", "tier", "basis", "precision", "fix", "summary"} for r in catalogue)
    tiers = {r["id"]: (r["tier"], r["basis"]) for r in catalogue}
    assert tiers["invalid-json"] == ("stable", "exact") and tiers["tag-line"] == ("preview", "below")
    assert tiers["office-anachronism"] == ("stable", "pinned")


def test_explain_shows_the_docstring(capsys):
    assert main(["explain", "invalid-url"]) == 0
    out = capsys.readouterr().out
    assert "invalid-url" in out and "Fails" in out and "Passes" in out


def test_stdin(tmp_path, monkeypatch):
    data = json.dumps(dict(GOOD, title="")) + "\n"
    proc = subprocess.run([sys.executable, "-m", "validator", "check", "-", "--format", "json"], input=data.encode(),
                          capture_output=True, cwd=tmp_path, env={**os.environ, "PYTHONPATH": str(ROOT)})
    report = json.loads(proc.stdout)
    assert proc.returncode == 0 and report["findings"][0]["path"] == "<stdin>"
    assert report["findings"][0]["rule"] == "missing-title"


def test_hostile_text_cannot_drive_the_terminal(tmp_path, capsys):
    path = write_jsonl(tmp_path / "a.jsonl", dict(GOOD, url="/\x1b[31mred[/bold] \u202eevil"))
    main(["check", str(path)])
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\u202e" not in out and "[/bold]" in out


def test_rule_option_from_a_file(tmp_path, capsys):
    (tmp_path / "tenures.tsv").write_text(
        "uk-defence-secretary\tJane Example\tJane Example|Example\t2001-01-01\t2002-01-01\tlocal\n")
    (tmp_path / "newslint.toml").write_text(
        'select = ["office-anachronism"]\n[rules.office-anachronism]\nextra_tenures = { file = "tenures.tsv" }\n')
    path = write_jsonl(tmp_path / "a.jsonl", {"id": "1", "published": "2019-07-21", "title": "T",
                                              "body": "Defence Secretary Jane Example said."})
    code, report = cli_json([str(path)], capsys)
    assert [f["rule"] for f in report["findings"]] == ["office-anachronism"]


def test_rule_option_file_missing(tmp_path, capsys):
    (tmp_path / "newslint.toml").write_text('[rules.office-anachronism]\nextra_tenures = { file = "nope.tsv" }\n')
    assert main(["check", str(write_jsonl(tmp_path / "a.jsonl", GOOD))]) == 2
    assert "nope.tsv" in capsys.readouterr().err
