"""`newslint parse`: what newslint reads in a value, for people debugging a scraper's dates."""
import io
import json

from validator.cli import main


def _json(capsys, *values, stdin=None, monkeypatch=None):
    if stdin is not None:
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    code = main(["parse", "--format", "json", *values])
    return code, [json.loads(line) for line in capsys.readouterr().out.splitlines()]


def test_glued_value_shows_its_repair_and_rule(capsys):
    code, [result] = _json(capsys, "05:41 GMT +321 July 2019")
    assert code == 1
    assert result["verdict"] == "glued" and "timestamp-glued" in result["faults"]
    assert result["suggestion"] == "2019-07-21T05:41:00+03:00"
    assert set(result) == {"value", "verdict", "iso", "readings", "layout", "calendar", "written", "faults",
                           "suggestion"}


def test_clean_value_exits_zero(capsys):
    code, [result] = _json(capsys, "2019-07-21T05:41:00+03:00")
    assert code == 0 and result["faults"] == [] and result["iso"] == "2019-07-21T05:41:00+03:00"


def test_other_calendar_gives_calendar_and_gregorian_reading(capsys):
    _, [result] = _json(capsys, "۳۰ تیر ۱۳۹۸")
    assert result["calendar"] == "persian" and result["written"] == [1398, 4, 30]
    assert result["faults"] == ["timestamp-non-gregorian"] and result["suggestion"] == "2019-07-21"


def test_ambiguous_value_gives_every_reading_and_no_iso(capsys):
    _, [result] = _json(capsys, "03/04/19")
    assert result["iso"] is None and len(result["readings"]) >= 2
    assert "timestamp-two-digit-year" in result["faults"]


def test_values_do_not_settle_each_other(capsys):
    _, results = _json(capsys, "03/04/2019 10:00", "21/07/2019 10:00")
    assert "timestamp-ambiguous-order" in results[0]["faults"]


def test_standard_input_one_value_per_line(capsys, monkeypatch):
    code, results = _json(capsys, "-", stdin="2019-07-21\n\nListen Live 24/7\n", monkeypatch=monkeypatch)
    assert [r["value"] for r in results] == ["2019-07-21", "Listen Live 24/7"]
    assert results[1]["faults"] == ["timestamp-unparseable"] and code == 1


def test_console_output_names_the_rules(capsys):
    main(["parse", "05:41 GMT +321 July 2019"])
    out = capsys.readouterr().out
    assert "timestamp-glued" in out and "2019-07-21T05:41:00+03:00" in out


def test_a_closed_standard_input_is_one_line_and_exit_2():
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-m", "validator", "parse", "-"], stdin=subprocess.DEVNULL,
                          capture_output=True, text=True, timeout=60, preexec_fn=lambda: __import__("os").close(0))
    assert done.returncode == 2 and "Traceback" not in done.stderr and done.stderr.count("\n") == 1
