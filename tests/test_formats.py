"""Every report format on hostile data: SARIF valid against its schema, JUnit well-formed XML,
GitHub annotations one line each, Markdown and GitLab inert, HTML escaped (and run in a real
browser where one is installed)."""
import json
import shutil
import subprocess
import xml.etree.ElementTree as ET

import jsonschema
import pytest
from conftest import GOOD, HOSTILE, ROOT, HtmlScan, assert_inert_markdown, html_data, write_jsonl

from validator.cli import main

pytestmark = pytest.mark.usefixtures("isolated_cwd")


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


def test_html_escapes_hostile_data(tmp_path):
    _, page = report(tmp_path, "html", HOSTILE, GOOD, extra=["--preview"])  # html-in-text shows the tags
    parsed = HtmlScan()
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
    parsed = HtmlScan()
    parsed.feed(dom)
    assert parsed.scripts == 1 and parsed.handlers == [] and parsed.links == []
    assert 'class="record"' in dom and "&lt;script&gt;alert" in dom  # drawn, as text
