"""CI and audit: every report format on hostile data, baselines, suppressions, rate gates."""
import json
import shutil
import subprocess
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import jsonschema
import pytest
from conftest import ROOT, html_data, write_jsonl

from validator import check
from validator.cli import main

HOSTILE = {
    "id": "evil\u0001<1>", "url": "javascript:alert(1)",
    "title": "<script>alert('t')</script>\u001b[31mred\u0000",
    "body": "<img src=x onerror=alert(1)> & <a href=\"javascript:alert(2)\">x</a>\nline two\r\n%0A::error::",
    "published": "05:41 GMT +321 July 2019",
}
GOOD = {"id": "g", "url": "https://x.example/a", "title": "Old bridge reopens in Mosul",
        "body": "The old bridge over the Tigris in Mosul reopened to traffic on Sunday after repairs that took most "
                "of the year, the governor said at a ceremony attended by several hundred residents."}


@pytest.fixture(autouse=True)
def isolated_cwd(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)


def report(tmp_path, fmt, *records, extra=()):
    data = write_jsonl(tmp_path / "data.jsonl", *records)
    out = tmp_path / f"report.{fmt}"
    code = main(["check", str(data), "--format", fmt, "--output", str(out), *extra])
    return code, out.read_text(encoding="utf-8")


def test_sarif_is_valid(tmp_path):
    schema = json.loads((ROOT / "tests" / "data" / "sarif-2.1.0-subset.schema.json").read_text())
    code, text = report(tmp_path, "sarif", HOSTILE, GOOD)
    document = json.loads(text)
    jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker()).validate(document)
    run = document["runs"][0]
    rules = {r["id"]: r for r in run["tool"]["driver"]["rules"]}
    assert code == 1 and run["results"]
    for result in run["results"]:
        assert rules[result["ruleId"]] == run["tool"]["driver"]["rules"][result["ruleIndex"]]
        assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].endswith("data.jsonl")
    assert "**Fails**" in rules["timestamp-glued"]["help"]["markdown"]


def test_junit_is_xml_even_with_control_characters(tmp_path):
    _, text = report(tmp_path, "junit", HOSTILE, GOOD)
    root = ET.fromstring(text.encode("utf-8"))
    failures = root.findall(".//failure")
    assert failures and int(root.get("failures")) == len(failures)
    assert any(f.get("type") == "timestamp-glued" for f in failures)


def test_github_annotations_one_line_each(tmp_path):
    _, text = report(tmp_path, "github", HOSTILE, GOOD)
    lines = text.splitlines()
    assert lines and all(line.startswith(("::error ", "::warning ", "::notice ")) for line in lines)
    glued = next(line for line in lines if "title=timestamp-glued" in line)
    assert glued.startswith("::error file=") and ",line=1," in glued
    from validator.report.github import _data, _property

    # Data can neither end the line nor forge a command or a property.
    assert _data("a\nb\r%0A::error::") == "a%0Ab%0D%250A::error::"
    assert _property("x,line=9:y") == "x%2Cline=9%3Ay"


def test_markdown_and_gitlab(tmp_path):
    _, markdown = report(tmp_path, "markdown", HOSTILE, GOOD)
    assert markdown.startswith("## newslint") and "| `timestamp-glued` |" in markdown
    assert_inert_markdown(markdown)
    _, gitlab = report(tmp_path, "gitlab", HOSTILE, GOOD)
    issues = json.loads(gitlab)
    assert issues and all({"description", "check_name", "fingerprint", "severity", "location"} <= set(i) for i in issues)
    assert {i["severity"] for i in issues} <= {"info", "minor", "major", "critical", "blocker"}


def assert_inert_markdown(text):
    """Rendered as GitHub renders a table, the data makes no link, image or HTML tag, and each
    finding stays one row of four cells."""
    from markdown_it import MarkdownIt

    html = MarkdownIt("commonmark").enable("table").render(text)
    page = _Page()
    page.feed(html)
    assert page.links == [] and page.scripts == 0 and "<img" not in html and "<a " not in html
    for table in html.split("<table>")[1:]:
        rows = table.split("</table>")[0].count("<tr>")
        assert rows == table.count("</tr>")
        cells = {row.count("<td") for row in table.split("<tr>")[2:]}
        assert len(cells) <= 1


class _Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.scripts, self.handlers, self.links, self.csp = 0, [], [], None

    def handle_starttag(self, tag, attrs):
        self.scripts += tag == "script" and ("type", "application/json") not in attrs  # data blocks do not run
        self.handlers += [name for name, _ in attrs if name.startswith("on")]
        self.links += [value for name, value in attrs if name in ("href", "src", "action")]
        if tag == "meta" and ("http-equiv", "Content-Security-Policy") in attrs:
            self.csp = dict(attrs)["content"]


def test_html_escapes_hostile_data(tmp_path):
    _, page = report(tmp_path, "html", HOSTILE, GOOD, extra=["--preview"])  # html-in-text shows the tags
    parsed = _Page()
    parsed.feed(page)
    assert parsed.scripts == 1  # newslint's own filter script, pinned by hash
    assert parsed.handlers == [] and parsed.links == []
    assert "default-src 'none'" in parsed.csp and "script-src 'sha256-" in parsed.csp
    assert "<script>alert" not in page and "<img" not in page
    texts = json.dumps(html_data(page)["findings"]) + json.dumps(html_data(page)["records"])
    assert "<script>alert" in texts and "<img src=x onerror=alert(1)>" in texts  # shown as data, never as markup


@pytest.mark.skipif(not shutil.which("chromium"), reason="no headless browser installed")
def test_html_runs_no_data_in_a_real_browser(tmp_path):
    _, page = report(tmp_path, "html", HOSTILE, GOOD)
    path = tmp_path / "report.html"
    dom = subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--dump-dom", path.as_uri()],
                         capture_output=True, text=True, timeout=60).stdout
    parsed = _Page()
    parsed.feed(dom)
    assert parsed.scripts == 1 and parsed.handlers == [] and parsed.links == []
    assert 'class="record"' in dom and "&lt;script&gt;alert" in dom  # drawn, as text


def test_baseline_cycle(tmp_path, capsys):
    data = write_jsonl(tmp_path / "data.jsonl", HOSTILE, GOOD)
    baseline = tmp_path / "baseline.json"
    assert main(["baseline", str(data), "--output", str(baseline)]) == 0
    assert main(["check", str(data), "--baseline", str(baseline)]) == 0  # unchanged data passes
    assert "findings baselined, 0 baseline entries no longer occur" in capsys.readouterr().err
    bad = dict(GOOD, id="new-bad", url="/relative", title="")
    write_jsonl(data, HOSTILE, GOOD, bad)
    assert main(["check", str(data), "--baseline", str(baseline), "--format", "json"]) == 1
    found = json.loads(capsys.readouterr().out)
    assert {f["record"] for f in found["findings"]} == {"new-bad"}
    assert found["summary"]["baseline"]["stale"] == 0
    write_jsonl(data, GOOD)
    main(["check", str(data), "--baseline", str(baseline), "--format", "json"])
    assert json.loads(capsys.readouterr().out)["summary"]["baseline"]["stale"] > 0


def test_rate_gates(tmp_path, capsys):
    records = [dict(GOOD, id=str(i), url=f"https://{'a' if i < 4 else 'b'}.example/{i}",
                    title="" if i in (0, 4, 5, 6) else GOOD["title"]) for i in range(8)]
    data = write_jsonl(tmp_path / "data.jsonl", *records)
    config = tmp_path / "newslint.toml"
    config.write_text('select = ["missing-title"]\nfail-on = "warning"\n[rules.missing-title]\nmax-rate = 0.5\n')
    assert main(["check", str(data), "--config", str(config)]) == 0  # 4 of 8: not more than half
    config.write_text('select = ["missing-title"]\nfail-on = "warning"\n'
                      '[rules.missing-title]\nmax-rate = 0.5\nper-source = true\n')
    assert main(["check", str(data), "--config", str(config)]) == 1  # 3 of 4 records of b.example
    assert "b.example" in capsys.readouterr().err
    config.write_text('select = ["missing-title"]\nfail-on = "warning"\n[rules.missing-title]\nmax-rate = 0.3\n')
    assert main(["check", str(data), "--config", str(config)]) == 1


def test_suppressions(tmp_path, capsys):
    data = write_jsonl(tmp_path / "data.jsonl", dict(GOOD, id="a", title=""), dict(GOOD, id="b", url="/rel"))
    side = tmp_path / "suppress.toml"
    side.write_text('[[suppress]]\nrecord = "a"\nrules = ["missing-title"]\nreason = "known"\n'
                    '[[suppress]]\nurl = "/rel"\nrules = ["schema"]\n'
                    '[[suppress]]\nrecord = "zzz"\nrules = ["invalid-url"]\n')
    main(["check", str(data), "--suppressions", str(side), "--select", "schema", "--format", "json"])
    found = json.loads(capsys.readouterr().out)
    assert [f["rule"] for f in found["findings"]] == ["unused-suppression"]
    assert found["summary"]["suppressed"] == 2
    side.write_text('[[suppress]]\nrecord = "a"\nrules = ["no-such-rule"]\n')
    assert main(["check", str(data), "--suppressions", str(side)]) == 2


def test_sample_is_reproducible(tmp_path, capsys):
    data = write_jsonl(tmp_path / "data.jsonl", *[dict(GOOD, id=str(i), title="") for i in range(50)])
    runs = []
    for _ in range(2):
        main(["check", str(data), "--sample", "5", "--seed", "7", "--select", "missing-title", "--format", "json"])
        runs.append([f["record"] for f in json.loads(capsys.readouterr().out)["findings"]])
    assert runs[0] == runs[1] and len(runs[0]) == 5 and runs[0] == sorted(runs[0], key=int)


def test_python_api_over_dicts():
    findings = check([GOOD, dict(GOOD, id="x", title=""), "not a dict"], select=["schema", "input"])
    assert [(f.rule, f.line) for f in findings] == [("missing-title", 2), ("not-an-object", 3)]
