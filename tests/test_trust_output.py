"""Trust under faults, on the output side and in memory: a report never clobbers what it should
not, never fails with a traceback, never needs memory in proportion to the input or to its
own findings, and carries nothing from the data that a reader's tool would obey."""
import gzip
import io
import json
import os
import stat
import subprocess
import sys
import threading
import time

import pytest
from conftest import GOOD, assert_inert_markdown, html_data, rule_doc, write_jsonl

from validator import spool
from validator.cli import main
from validator.findings import Finding
from validator.report import FORMATS, console, html_report



def _newslint(*args, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "validator", *args], capture_output=True, timeout=120, **kwargs)


# --- --output ----------------------------------------------------------------------------

def test_output_to_a_device_writes_in_place(tmp_path, capsys):
    data = write_jsonl(tmp_path / "a.jsonl", dict(GOOD, body=""))
    assert main(["check", str(data), "--format", "json", "--output", "/dev/null"]) == 1
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode) and os.stat("/dev/null").st_mode & 0o666 == 0o666
    assert "error:" not in capsys.readouterr().err


def test_output_to_a_fifo_is_written_in_place_for_its_reader(tmp_path):
    data = write_jsonl(tmp_path / "a.jsonl", dict(GOOD, body=""))
    fifo = tmp_path / "report.fifo"
    os.mkfifo(fifo)
    received = []
    reader = threading.Thread(target=lambda: received.append(open(fifo, "rb").read()))
    reader.start()
    time.sleep(0.2)
    assert main(["check", str(data), "--format", "json", "--output", str(fifo)]) == 1
    reader.join(10)
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert json.loads(received[0])["summary"]["by_rule"]["missing-body"] == 1


def test_output_to_a_fifo_nobody_reads_is_refused_at_once(tmp_path, capsys):
    data = write_jsonl(tmp_path / "a.jsonl", GOOD)
    fifo = tmp_path / "report.fifo"
    os.mkfifo(fifo)
    started = time.monotonic()
    assert main(["check", str(data), "--output", str(fifo)]) == 2
    assert time.monotonic() - started < 10
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "nothing is reading" in err
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


def test_output_through_a_symlink_keeps_the_link(tmp_path):
    data = write_jsonl(tmp_path / "a.jsonl", dict(GOOD, body=""))
    (tmp_path / "reports").mkdir()
    real = tmp_path / "reports" / "today.json"
    real.write_text("old")
    real.chmod(0o640)
    link = tmp_path / "latest.json"
    link.symlink_to(real)
    assert main(["check", str(data), "--format", "json", "--output", str(link)]) == 1
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert json.loads(real.read_text())["summary"]["findings"] == 1
    assert stat.S_IMODE(real.stat().st_mode) == 0o640  # a replaced report keeps its mode
    assert sorted(p.name for p in (tmp_path / "reports").iterdir()) == ["today.json"]  # no temporary left


def test_a_new_report_honours_the_umask(tmp_path):
    data = write_jsonl(tmp_path / "a.jsonl", GOOD)
    old = os.umask(0o022)
    try:
        assert main(["check", str(data), "--output", str(tmp_path / "r.txt")]) == 0
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "r.txt").stat().st_mode) == 0o644


@pytest.mark.parametrize("target", ["missing/dir/report.json", "/proc/newslint-report.json", "/dev/full", "."])
def test_output_failures_are_one_line_and_exit_2(tmp_path, monkeypatch, capsys, target):
    monkeypatch.chdir(tmp_path)
    data = write_jsonl(tmp_path / "a.jsonl", GOOD)
    assert main(["check", str(data), "--format", "json", "--output", target]) == 2
    err = capsys.readouterr().err
    assert err.startswith("newslint: error: cannot write the report") and err.count("\n") == 1, err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.jsonl"]


def test_closed_or_full_standard_output_is_one_line_and_exit_2(tmp_path):
    data = write_jsonl(tmp_path / "a.jsonl", GOOD)
    closed = subprocess.run([sys.executable, "-m", "validator", "check", str(data)], stdout=None,
                            stderr=subprocess.PIPE, timeout=60, pass_fds=(), close_fds=True,
                            preexec_fn=lambda: os.close(1))
    assert closed.returncode == 2 and closed.stderr.decode().count("\n") == 1, closed.stderr
    with open("/dev/full", "w") as full:
        result = subprocess.run([sys.executable, "-m", "validator", "check", str(data), "--format", "json"],
                                stdout=full, stderr=subprocess.PIPE, timeout=60)
    assert result.returncode == 2 and b"Traceback" not in result.stderr and result.stderr.count(b"\n") == 1


# --- bounded input -----------------------------------------------------------------------

def _rules_at(report: dict) -> list[tuple[str, int | None]]:
    return [(f["rule"], f["line"]) for f in report["findings"]]


def _check_json(capsys, *args) -> dict:
    main(["check", *args, "--format", "json"])
    return json.loads(capsys.readouterr().out)


def test_a_line_over_the_limit_is_skipped_and_reading_goes_on(tmp_path, capsys):
    big = json.dumps(dict(GOOD, id="big", body="word " * 1000))
    text = json.dumps(dict(GOOD, body="")) + "\n" + big + "\n" + json.dumps(dict(GOOD, id="h", body="")) + "\n"
    plain = tmp_path / "a.jsonl"
    plain.write_text(text)
    (tmp_path / "b.jsonl.gz").write_bytes(gzip.compress(text.encode()))
    for path in (plain, tmp_path / "b.jsonl.gz"):
        report = _check_json(capsys, str(path), "--select", "input,missing-body", "--max-record-bytes", "2K")
        assert _rules_at(report) == [("missing-body", 1), ("record-too-large", 2), ("missing-body", 3)]
        assert report["summary"]["records"] == 2 and report["summary"]["records_skipped"] == {"record-too-large": 1}


def test_standard_input_of_zeros_ends_in_bounded_memory(tmp_path):
    with open("/dev/zero", "rb") as zeros:
        result = _newslint("check", "-", "--format", "json", "--max-record-bytes", "1M", stdin=zeros)
    report = json.loads(result.stdout)
    assert result.returncode == 1 and _rules_at(report) == [("record-too-large", 1)]
    assert "rest of the input is not read" in report["findings"][0]["message"]


def test_a_csv_row_over_the_limit_is_skipped_to_the_end_of_its_quoted_field(tmp_path, capsys):
    long_field = "\n".join(f"line {n} of a quoted field, with \"\"quotes\"\" inside" for n in range(200))
    path = tmp_path / "a.csv"
    path.write_text(f'id,title,body\nr1,T,"{long_field}"\nr2,T,\nr3,T,"short"\n', encoding="utf-8")
    report = _check_json(capsys, str(path), "--select", "input,missing-body", "--max-record-bytes", "2K")
    assert _rules_at(report) == [("record-too-large", 2), ("missing-body", 202)]
    assert report["summary"]["records"] == 2


def test_a_json_document_over_the_limit_is_not_read(tmp_path, capsys):
    path = tmp_path / "a.json"
    path.write_text(json.dumps([dict(GOOD, id=str(n)) for n in range(50)]))
    report = _check_json(capsys, str(path), "--max-record-bytes", "4K")
    assert _rules_at(report) == [("record-too-large", None)] and report["summary"]["records"] == 0


def test_max_record_bytes_is_validated(tmp_path, capsys):
    data = write_jsonl(tmp_path / "a.jsonl", GOOD)
    assert main(["check", str(data), "--max-record-bytes", "lots"]) == 2
    (tmp_path / "newslint.toml").write_text('max-record-bytes = "64M"\n')
    assert main(["check", str(data), "--config", str(tmp_path / "newslint.toml")]) == 0
    (tmp_path / "newslint.toml").write_text('max-record-bytes = "sixty"\n')
    assert main(["check", str(data), "--config", str(tmp_path / "newslint.toml")]) == 2


# --- findings held in bounded memory -----------------------------------------------------

def _finding(n: int, path: str = "a", line: int | None = 1, rule: str = "r") -> Finding:
    return Finding(rule=rule, category="c", severity="error", path=path, line=line, record=None, field=None,
                   span=None, excerpt=None, message=f"m{n % 3}")


def test_spilled_findings_come_back_in_the_order_one_stable_sort_gives(monkeypatch):
    import random

    monkeypatch.setattr(spool, "MAX_RUNS", 3)
    rng = random.Random(7)
    items = [_finding(n, rng.choice("abc"), rng.choice([None, 1, 2, 3]), rng.choice("xy")) for n in range(2_000)]
    held = spool.Findings(held=50)
    held.extend(items)
    assert held.spilled and len(held) == len(items)
    expected = sorted(items, key=Finding.sort_key)
    assert list(held) == expected and list(held) == expected  # read twice
    assert [id(f) for f in held][:0] == [] and held[:5] == expected[:5]
    folder = held._folder
    held.close()
    assert not os.path.exists(folder)


def test_reports_are_the_same_whether_findings_spill_or_not(tmp_path, monkeypatch, capsys):
    data = write_jsonl(tmp_path / "a.jsonl", *[dict(GOOD, id=f"r{n}", url=f"https://x.example/{n}", body="", title="")
                                         for n in range(300)])
    reports = {}
    for held in (None, 7):
        if held:
            monkeypatch.setattr(spool, "HELD", held)
        for name in FORMATS:
            assert main(["check", str(data), "--format", name, "--select", "schema,duplicate"]) == 1
            reports[(held, name)] = capsys.readouterr().out
    for name in FORMATS:
        assert reports[(None, name)] == reports[(7, name)], name
    assert json.loads(reports[(None, "json")])["summary"]["findings"] == 600


def test_console_and_html_show_a_bounded_number_and_say_how_many_they_left_out(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(console, "SHOWN", 10)
    monkeypatch.setattr(html_report, "SHOWN", 10)
    data = write_jsonl(tmp_path / "a.jsonl", *[dict(GOOD, id=f"r{n}", body="") for n in range(30)])
    main(["check", str(data), "--select", "missing-body"])
    out = capsys.readouterr().out
    assert "20 more findings not shown" in out and "Found 30 findings" in out
    main(["check", str(data), "--format", "html", "--select", "missing-body"])
    page = capsys.readouterr().out
    assert len(html_data(page)["findings"]) == 10 and "20 more findings are not listed" in page


# --- data is shown, never obeyed ---------------------------------------------------------

FORGING = dict(GOOD, id="x\r| error | `forged` | row | ![img](https://evil.example/p.png) [y](https://evil.example)\n",
               body="", title="\x1b]8;;https://evil.example\x07click\x1b]8;;\x07 \x1b[2J")


def test_markdown_github_and_console_neutralise_data(tmp_path, capsys):
    data = write_jsonl(tmp_path / "a.jsonl", FORGING)
    main(["check", str(data), "--format", "markdown"])
    markdown = capsys.readouterr().out
    assert_inert_markdown(markdown)
    assert markdown.count("\n| error |") == 1  # missing-body, and no forged row
    main(["check", str(data), "--format", "github"])
    github = capsys.readouterr().out
    assert "\x1b" not in github and "\x07" not in github and "\r" not in github
    assert all(line.startswith("::") for line in github.splitlines())
    main(["check", str(data), "--format", "console", "--select", "ALL"])
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out and "\r" not in out


# --- nothing but the report on standard output -------------------------------------------

PRINTER = f'''
from validator.rule import RecordRule


class Chatty(RecordRule):
    __doc__ = {rule_doc('Prints on every record, as careless plug-ins do.')!r}

    id, category, severity = "test-chatty", "artifact", "warning"

    def check(self, record):
        print("hello from a plug-in")
        import os
        os.write(1, b"raw bytes on descriptor 1\\n")
        return iter(())
'''


def test_a_plugin_that_prints_cannot_corrupt_the_report(tmp_path):
    (tmp_path / "chatty_rules.py").write_text(PRINTER)
    info = tmp_path / "chatty_rules-0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: chatty-rules\nVersion: 0\n")
    (info / "entry_points.txt").write_text("[newslint.rules]\nchatty = chatty_rules\n")
    data = write_jsonl(tmp_path / "a.jsonl", *[dict(GOOD, id=str(n)) for n in range(3)])
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(tmp_path), os.environ.get("PYTHONPATH", "")]))
    for jobs in ("1", "2"):
        result = _newslint("check", str(data), "--format", "json", "--jobs", jobs, "--select", "test-chatty", env=env)
        assert result.returncode == 0, result.stderr
        assert json.loads(result.stdout)["summary"]["records"] == 3
        assert b"hello from a plug-in" in result.stderr and b"raw bytes" in result.stderr


def test_a_line_over_the_limit_in_a_parallel_part_is_skipped_alike(tmp_path, monkeypatch, capsys):
    from validator import parallel

    monkeypatch.setattr(parallel, "PART_BYTES", 3000)
    monkeypatch.setattr(parallel, "worth_it", lambda inputs: True)
    records = [dict(GOOD, id=f"r{n}", url=f"https://x.example/{n}", body="" if n % 7 else GOOD["body"])
               for n in range(60)]
    records[20]["body"] = "word " * 5000
    data = write_jsonl(tmp_path / "a.jsonl", *records)
    reports = [_check_json(capsys, str(data), "--max-record-bytes", "8K", "--jobs", jobs) for jobs in ("1", "2")]
    assert reports[0]["findings"] == reports[1]["findings"]
    assert ("record-too-large", 21) in _rules_at(reports[1]) and reports[1]["summary"]["records"] == 59


def test_an_excerpt_of_a_long_span_is_bounded():
    from validator.findings import excerpt

    value = "x" * 50 + "é" * 100_000 + "y" * 50
    text, span = excerpt(value, (50, 100_050))
    assert len(text) < 400 and text[span[0]] == "é" and text[span[1] - 1] == "é" and text[span[1]] == "y"


def test_output_to_an_open_descriptor_appends_where_it_appends(tmp_path):
    data = write_jsonl(tmp_path / "a.jsonl", dict(GOOD, body=""))
    log = tmp_path / "log.txt"
    log.write_text("previous line\n")
    with open(log, "a") as handle:
        result = subprocess.run([sys.executable, "-m", "validator", "check", str(data), "--format", "jsonl",
                                 "--output", "/dev/stdout"], stdout=handle, stderr=subprocess.PIPE, timeout=60)
    assert result.returncode == 1, result.stderr
    lines = log.read_text().splitlines()
    assert lines[0] == "previous line" and json.loads(lines[1])["rule"] == "missing-body"
    piped = subprocess.run(f"{sys.executable} -m validator check {data} --format jsonl --output /dev/stdout | cat",
                           shell=True, capture_output=True, timeout=60)
    assert json.loads(piped.stdout)["rule"] == "missing-body"


def test_a_csv_quote_that_never_closes_past_the_limit_still_resumes(tmp_path, capsys):
    path = tmp_path / "a.csv"
    path.write_text('id,body\n1,"open\n' + "x" * 80 + '\n2,never closed\n3,x\n')
    report = _check_json(capsys, str(path), "--select", "input", "--max-record-bytes", "40")
    assert _rules_at(report) == [("malformed-csv", 2), ("record-too-large", 2), ("record-too-large", 3)]
    assert report["summary"]["records"] == 2  # rows 2 and 3 after the unclosed quote are still read


def test_a_csv_header_over_the_limit_is_not_taken_from_the_first_row(tmp_path, capsys):
    path = tmp_path / "a.csv"
    path.write_text("id," + "h" * 100 + "\n1,T\n")
    report = _check_json(capsys, str(path), "--select", "input", "--max-record-bytes", "40")
    assert _rules_at(report) == [("record-too-large", 1)] and report["summary"]["records"] == 0


def test_an_unusable_temporary_folder_is_one_line_and_exit_2(tmp_path, monkeypatch, capsys):
    import tempfile

    monkeypatch.setattr(spool, "HELD", 3)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "missing"))
    data = write_jsonl(tmp_path / "a.jsonl", *[dict(GOOD, id=str(n), body="") for n in range(10)])
    assert main(["check", str(data), "--select", "missing-body"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("newslint: error: cannot hold the findings") and err.count("\n") == 1


def test_o_is_short_for_output(tmp_path):
    data = write_jsonl(tmp_path / "a.jsonl", GOOD)
    assert main(["check", str(data), "--format", "json", "-o", str(tmp_path / "r.json")]) == 0
    assert json.loads((tmp_path / "r.json").read_text())["summary"]["records"] == 1


def test_paths_in_error_lines_are_escaped(tmp_path, capsys):
    data = write_jsonl(tmp_path / "a.jsonl", GOOD)
    for option in ("--config", "--suppressions", "--baseline"):
        assert main(["check", str(data), option, str(tmp_path / "x\x1b[2Jy\n.toml")]) == 2
        err = capsys.readouterr().err
        assert "\x1b" not in err and err.count("\n") == 1 and "x\\x1b[2Jy\\n.toml" in err, err
