"""Issue 18's defects and CLI habits, each pinned by a test: DataFrames with missing cells,
the pre-commit pattern, annotations gated by --fail-on, SARIF URIs, ties without a
suggestion, and ruff's --statistics, --quiet, --exit-zero and several reports from one run."""
import json
import math
import re
from pathlib import Path

import pytest

from validator import check
from validator.cli import main
from validator.report.sarif import artifact

from conftest import html_data, write_jsonl

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = str(ROOT / "samples")
BODY = ("The minister spoke on Sunday about the budget and the plans for the coming year, and the opposition "
        "answered that the numbers did not add up. Both sides agreed to meet again after the summer recess.")


def test_missing_cells_of_a_dataframe_are_missing_fields():
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame([{"id": "1", "title": "Budget", "url": "https://a.example/1", "body": BODY,
                           "published": "2019-07-21T05:41:00Z", "authors": math.nan},
                          {"id": "2", "title": "Budget", "url": "https://a.example/2", "body": BODY + " More.",
                           "published": None, "authors": "Jane Doe"}])
    findings = check(frame, select=["schema"])
    assert not [f for f in findings if f.rule == "schema-violation"]  # NaN is a missing cell, not a float author
    assert check(frame.to_dict("records"), select=["schema"]) == findings  # rows as dicts too


def test_pre_commit_hook_takes_datasets_not_every_json_or_text_file():
    text = (ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    pattern = re.compile(re.search(r"files: (.+)", text).group(1))
    for name in ("data/dump.jsonl", "data/dump.jsonl.gz", "crawl.ndjson", "part-0.parquet"):
        assert pattern.search(name), name
    for name in ("package.json", "notes.txt", "budget.csv", "README.md"):
        assert not pattern.search(name), name
    assert "types_or" not in text  # a .gz file is no `json` type: it was never checked


def test_github_annotations_only_at_or_above_fail_on(capsys):
    main(["check", SAMPLES, "--format", "github", "--jobs", "1"])
    errors = capsys.readouterr().out
    assert errors and all(line.startswith("::error") for line in errors.splitlines())
    main(["check", SAMPLES, "--format", "github", "--fail-on", "info", "--jobs", "1"])
    assert "::notice" in capsys.readouterr().out


@pytest.mark.parametrize("path,uri", [("data/a b#1%.jsonl", "data/a%20b%231%25.jsonl"),
                                      ("x/<y>.jsonl", "x/%3Cy%3E.jsonl")])
def test_sarif_uris_are_percent_encoded_against_srcroot(path, uri):
    assert artifact(path) == {"uri": uri, "uriBaseId": "SRCROOT"}
    assert artifact("/abs/a b.jsonl")["uri"] == "file:///abs/a%20b.jsonl"


def test_a_one_to_one_tie_of_author_spellings_suggests_neither(tmp_path):
    rows = [{"id": "1", "title": "T", "body": BODY, "source": "x.example", "authors": "Muammar Gaddafi"},
            {"id": "2", "title": "T", "body": BODY, "source": "x.example", "authors": "Moammar Qaddafi"}]
    found = [f for f in check(rows, select=["author-spelling-variants"])]
    assert found and all(f.suggestion is None for f in found)


def test_statistics_quiet_exit_zero_and_several_reports(tmp_path, capsys):
    sarif, markdown = tmp_path / "n.sarif", tmp_path / "s.md"
    code = main(["check", SAMPLES, "--jobs", "1", "--statistics", "--report", f"sarif={sarif}",
                 "--report", f"markdown={markdown}"])
    out = capsys.readouterr().out
    assert code == 1 and re.search(r"^\s*\d+  timestamp-glued  \(error\)$", out, re.M)
    assert json.loads(sarif.read_text())["runs"][0]["results"] and markdown.read_text().strip()
    assert main(["check", SAMPLES, "--jobs", "1", "--quiet"]) == 1
    assert capsys.readouterr().out == ""
    assert main(["check", SAMPLES, "--jobs", "1", "--quiet", "--exit-zero"]) == 0


def test_usage_without_arguments_and_a_near_miss_rule_id(capsys):
    assert main([]) == 2
    assert "usage:" in capsys.readouterr().err
    assert main(["explain", "timestamp-glue"]) == 2
    assert "did you mean 'timestamp-glued'" in capsys.readouterr().err
    assert main(["check", SAMPLES, "--select", "timestamp-glue"]) == 2
    assert "did you mean" in capsys.readouterr().err


def test_explain_piped_is_the_markdown_without_padding(capsys):
    assert main(["explain", "timestamp-glued"]) == 0
    out = capsys.readouterr().out
    assert "**Fails**" in out and not any(line.endswith(" ") for line in out.splitlines())


def test_one_word_is_one_word():
    found = check([{"id": "1", "title": "T", "body": "Subscribe"}], select=["not-an-article"])
    assert found and "only 1 word:" in found[0].message


def test_near_duplicate_runs_on_a_default_install(capsys):
    main(["check", SAMPLES, "--format", "json", "--jobs", "1"])
    assert "near-duplicate" not in json.loads(capsys.readouterr().out)["summary"].get("skipped_rules", {})


def test_a_baseline_survives_records_moving_and_a_new_file_name(tmp_path, capsys):
    # Records without an id, known by their URL, with findings of record and dataset rules.
    def rows(first=()):
        return [*first,
                {"title": "Bell", "url": "https://a.example/2", "published": "05:41 GMT +321 July 2019",
                 "body": BODY.replace("Sunday", "Monday") + "\u0007"},
                {"title": "", "url": "https://a.example/3", "published": "2019-07-21T05:41:00Z",
                 "body": BODY.replace("Sunday", "Tuesday")}]

    base = tmp_path / "baseline.json"
    assert main(["baseline", str(write_jsonl(tmp_path / "a.jsonl", *rows())), "-o", str(base), "--jobs", "1"]) == 0
    clean = {"title": "Clean", "url": "https://a.example/1", "published": "2019-07-20T05:41:00Z",
             "body": BODY.replace("Sunday", "Friday")}
    moved = write_jsonl(tmp_path / "renamed.jsonl", *rows([clean]))
    capsys.readouterr()
    assert main(["check", str(moved), "--baseline", str(base), "--format", "json", "--jobs", "1"]) == 0
    assert json.loads(capsys.readouterr().out)["findings"] == []


def test_html_charts_need_no_style_attribute_the_policy_would_block(tmp_path):
    report = tmp_path / "r.html"
    main(["check", SAMPLES, "--format", "html", "-o", str(report), "--jobs", "1"])
    page = report.read_text(encoding="utf-8")
    assert "style-src 'sha256-" in page and "'unsafe-inline'" not in page
    assert not re.search(r"<[^>]+\sstyle=", page)  # a style attribute is blocked by that policy: no bar would draw
    assert page.count("<meter ") >= 3


def test_markdown_summary_lists_errors_first(capsys):
    main(["check", SAMPLES, "--format", "markdown", "--jobs", "1"])
    out = capsys.readouterr().out
    rank = {"error": 0, "warning": 1, "info": 2}
    rule_rows = [line.split("|")[2].strip() for line in out.splitlines() if line.startswith("| `")]
    finding_rows = [line.split("|")[1].strip() for line in out.splitlines()
                    if line.split("|")[1:2] and line.split("|")[1].strip() in rank]
    for severities in (rule_rows, finding_rows):
        assert severities and [rank[s] for s in severities] == sorted(rank[s] for s in severities)


def test_records_under_a_key_of_a_json_document(tmp_path, capsys):
    document = {"output": {"p1": {"title": "Glued", "url": "https://a.example/1", "body": BODY,
                                  "published": "05:41 GMT +321 July 2019"},
                           "p2": {"title": "Clean", "url": "https://a.example/2", "body": BODY.replace("Sunday", "Monday"),
                                  "published": "2019-07-21T05:41:00Z"}}}
    path = tmp_path / "benchmark.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    main(["check", str(path), "--records-key", "output", "--format", "json", "--jobs", "1"])
    report = json.loads(capsys.readouterr().out)
    assert report["summary"]["records"] == 2
    assert [f["record"] for f in report["findings"] if f["rule"] == "timestamp-glued"] == ["p1"]
    main(["check", str(path), "--records-key", "missing", "--format", "json", "--jobs", "1"])
    assert [f["rule"] for f in json.loads(capsys.readouterr().out)["findings"]] == ["not-an-object"]


def test_progress_is_a_plain_line_every_ten_seconds_off_a_terminal():
    import io

    from validator.progress import Progress

    now = [0.0]
    stream = io.StringIO()
    progress = Progress(total_bytes=1000, stream=stream, clock=lambda: now[0])
    progress.advance(10, 100)
    assert stream.getvalue() == ""  # under a second: nothing
    now[0] = 12.0
    progress.advance(10, 100)
    line = stream.getvalue()
    assert line.startswith("newslint: 20 records, 200 B of 1.0 KB (20%), 2 records/s, about 48 s left")
    now[0] = 15.0
    progress.advance(1)
    assert stream.getvalue() == line  # the next one ten seconds later


def test_parallel_parts_report_their_records_and_bytes(tmp_path):
    from validator.loaders import Source
    from validator.parallel import part_bytes

    path = tmp_path / "a.jsonl"
    path.write_text("{}\n" * 10)
    assert part_bytes(Source(str(path), path, "jsonl", byte_range=(4, 20))) == 16
    assert part_bytes(Source(str(path), path, "jsonl")) == 30


def test_findings_of_dataset_rules_keep_their_records_source_and_url(tmp_path, capsys):
    rows = [{"id": "1", "source": "a.example", "url": "https://a.example/1", "title": "Budget", "body": BODY,
             "published": "05:41 GMT +321 July 2019"},
            {"id": "2", "source": "b.example", "url": "https://b.example/2", "title": "Budget", "body": BODY,
             "published": "2019-07-21T05:41:00Z"}]
    found = {f.rule: f for f in check(rows, select=["timestamp-glued", "duplicate-body"])}
    assert (found["timestamp-glued"].source, found["timestamp-glued"].url) == ("a.example", "https://a.example/1")
    assert (found["duplicate-body"].source, found["duplicate-body"].url) == ("b.example", "https://b.example/2")
    path = write_jsonl(tmp_path / "a.jsonl", *rows)
    suppressions = tmp_path / "s.toml"
    suppressions.write_text('[[suppress]]\nurl = "https://a.example/1"\nrules = ["timestamp-glued"]\n'
                            'reason = "known"\n', encoding="utf-8")
    main(["check", str(path), "--suppressions", str(suppressions), "--format", "json", "--jobs", "1"])
    assert "timestamp-glued" not in {f["rule"] for f in json.loads(capsys.readouterr().out)["findings"]}


def test_profile_per_source_and_overall(tmp_path, capsys):
    rows = [{"id": str(n), "source": "a.example" if n < 3 else "b.example", "url": f"https://x.example/{n}",
             "title": "T", "language": "en", "published": f"2019-0{n + 1}-21T05:41:00Z",
             "body": BODY if n != 1 else BODY.replace("Sunday", "Monday")} for n in range(4)]
    path = write_jsonl(tmp_path / "a.jsonl", *rows)
    assert main(["profile", str(path), "--format", "json", "--jobs", "1"]) == 0
    report = json.loads(capsys.readouterr().out)
    overall, a = report["overall"], report["sources"]["a.example"]
    assert overall["records"] == 4 and a["records"] == 3 and report["sources"]["b.example"]["records"] == 1
    assert overall["published"] == {"first": "2019-01-21", "last": "2019-04-21",
                                    "per_month": {"2019-01": 1, "2019-02": 1, "2019-03": 1, "2019-04": 1}}
    assert overall["fields"]["title"] == 1 and overall["fields"]["authors"] == 0
    assert overall["duplicate_bodies"] == 0.5 and overall["languages"] == {"en": 4}
    assert overall["top_rules"]["duplicate-body"] == 2
    assert main(["profile", str(path), "--jobs", "1"]) == 0
    assert "all sources: 4 records" in capsys.readouterr().out


def test_findings_of_a_dataframe_map_back_to_its_index_and_become_a_frame():
    pd = pytest.importorskip("pandas")
    from validator import findings_frame

    frame = pd.DataFrame([{"title": "Glued", "url": "https://a.example/1", "body": BODY,
                           "published": "05:41 GMT +321 July 2019"}], index=["row-a"])
    found = check(frame, select=["timestamp-glued"])
    assert [f.record for f in found] == ["row-a"]
    table = findings_frame(found)
    assert list(table["rule"]) == ["timestamp-glued"] and list(table["record"]) == ["row-a"]


def _report(tmp_path, *extra) -> tuple[str, dict]:
    report = tmp_path / "r.html"
    main(["check", SAMPLES, "--format", "html", "-o", str(report), "--jobs", "1", *extra])
    page = report.read_text(encoding="utf-8")
    return page, html_data(page)


def test_html_lists_the_worst_records_first_and_names_a_removal(tmp_path):
    page, data = _report(tmp_path)
    findings, records, names = data["findings"], data["records"], data["names"]
    ranks: dict = {}
    for f in findings:
        ranks.setdefault(f[0], []).append(f[1])
    listed = [(min(ranks[r]), -len(ranks[r])) for r in data["order"]]
    assert sorted(data["order"]) == list(range(len(records))) and listed == sorted(listed) and listed[0][0] == 0
    assert any(f[11] == "" for f in findings) and "'remove it'" in page  # a removal is named, not a bare arrow
    assert "code{white-space:nowrap}" in page  # rule names are not broken mid-word


def test_html_shows_each_flagged_field_whole_with_its_spans_in_place(tmp_path):
    _, data = _report(tmp_path)
    findings, records, names = data["findings"], data["records"], data["names"]
    glued = next(f for f in findings if names[f[2]] == "timestamp-glued" and "page-" in names[records[f[0]][0]])
    texts = records[glued[0]][6]
    assert texts["published"][glued[5]:glued[6]] == "05:41 GMT +321 July 2019"
    chrome = [f for f in findings if f[0] == glued[0] and names[f[2]] == "boilerplate-phrase"]
    body = texts[names[chrome[0][4]]]
    assert len(body) > 1000 and {body[f[5]:f[6]] for f in chrome} >= {"Listen Live", "Get short URL"}


def test_html_spans_count_as_the_browser_does_past_an_astral_character(tmp_path):
    from validator.report import html_report

    text = "\U0001f4f0 Listen Live today"
    assert html_report._utf16(text, text.index("Listen")) == text.encode("utf-16-le").decode("latin-1").index(
        "L\0i\0s\0t") // 2


def test_html_carries_record_text_within_its_budget_worst_records_first(tmp_path, monkeypatch):
    from validator.report import html_report

    monkeypatch.setattr(html_report, "TEXT_BUDGET", 2_000)
    page, data = _report(tmp_path)
    carried = [data["records"][r][6] for r in data["order"]]
    assert carried[0] is not None and sum(len(t) for c in carried if c for t in c.values()) <= 2_000
    assert "records show excerpts only" in page


def test_html_facets_carry_their_counts(tmp_path):
    page, data = _report(tmp_path)
    for facet in ("severity", "rule", "category", "source", "field"):
        assert f'<select data-facet="{facet}">' in page
    glued = sum(data["names"][f[2]] == "timestamp-glued" for f in data["findings"])
    assert glued and f'<option value="timestamp-glued">timestamp-glued ({glued})</option>' in page


def test_html_report_opens_with_the_profile(tmp_path):
    page, _ = _report(tmp_path)
    profile = page[page.index("<h2>Profile</h2>"):page.index("<h2>Findings</h2>")]
    assert "72 records" in profile and "Fields present" in profile and "Records per month" in profile
    assert "<th>source</th>" in profile and "news.example.com" in profile


def _browser(tmp_path, *args, timeout=120):
    import subprocess

    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
             "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={tmp_path / 'u'}"]
    return subprocess.run(["chromium", *flags, *args], capture_output=True, text=True, timeout=timeout).stdout


@pytest.mark.skipif(not __import__("shutil").which("chromium"), reason="no headless browser installed")
def test_html_report_draws_in_a_real_browser(tmp_path):
    report, shot = tmp_path / "r.html", tmp_path / "r.png"
    main(["check", SAMPLES, "--format", "html", "-o", str(report), "--jobs", "1"])
    _browser(tmp_path, f"--screenshot={shot}", "--window-size=1300,1100", report.as_uri())
    assert shot.exists() and shot.stat().st_size > 20_000  # profile, charts, facets and records drawn
    dom = _browser(tmp_path, "--dump-dom", report.as_uri())
    assert dom.count("<meter") >= 3 and "data-ready=" in dom
    assert dom.count('<section class="record">') == 20  # the first page of records
    assert '<mark class="error"' in dom and ">05:41 GMT +321 July 2019</mark>" in dom
    assert re.search(r'id="nl-page">records 1-20 of \d+ \(page 1 of \d+\)<', dom)
    glued = _browser(tmp_path, "--dump-dom", report.as_uri() + "#rule=timestamp-glued")  # a filtered view's address
    assert glued.count('<section class="record">') == 2 and 'id="shown">2<' in glued


def test_a_suppression_copied_from_the_html_report_silences_its_finding(tmp_path, capsys):
    page, data = _report(tmp_path)
    names = data["names"]
    glued = next(f for f in data["findings"] if names[f[2]] == "timestamp-glued")
    target = data["records"][glued[0]][5]
    assert "'[[suppress]]\\n'+rec[5]+'\\nrules = [\"'+N[f[2]]+" in page  # how the page writes the entry
    suppressions = tmp_path / "s.toml"
    suppressions.write_text(f'[[suppress]]\n{target}\nrules = ["timestamp-glued"]\nreason = "a false positive: …"\n',
                            encoding="utf-8")
    capsys.readouterr()
    main(["check", SAMPLES, "--format", "json", "--jobs", "1", "--suppressions", str(suppressions)])
    report_json = json.loads(capsys.readouterr().out)
    assert report_json["summary"]["suppressed"] == 1
    assert not [f for f in report_json["findings"] if f["rule"] == "unused-suppression"]


def test_wrapped_excerpts_keep_their_gutter_at_80_columns():
    import io

    from validator.report import console as console_report
    from validator.findings import Finding

    class Terminal(io.StringIO):
        def isatty(self):
            return True

    finding = Finding(rule="boilerplate-phrase", category="artifact", severity="warning", path="a.jsonl", line=1,
                      record="1", field="body", span=(0, 11), excerpt="Listen Live " + "word " * 60,
                      message="page chrome in the text", excerpt_span=(0, 11))
    stream = Terminal()
    rich_console = console_report.Console(file=stream, width=80, force_terminal=False, soft_wrap=False)
    console_report._record(rich_console, console_report.Text("a.jsonl:1"), [finding])
    excerpt_lines = [line for line in stream.getvalue().splitlines() if "word" in line]
    assert len(excerpt_lines) > 2 and all(line.startswith("          │ ") for line in excerpt_lines)
    assert all(len(line) <= 80 for line in excerpt_lines)
