"""Records that share a line (a minified JSON array) stay distinct records: in the HTML
report, in the dataset rules' notion of one story, and in the parts of a parallel run."""
import json

from conftest import html_data

from validator.cli import main
from validator.text.datelines import dateline
from validator.fields import FieldMapping
from validator.loaders.base import make_record


def _array(path, *records):
    path.write_text(json.dumps(list(records)), encoding="utf-8")  # one line
    return path


def test_the_html_report_keeps_records_of_one_line_apart(tmp_path):
    data = _array(tmp_path / "arr.json",
                  {"url": "https://a.example/1", "title": "T", "body": "B.", "published": "2024-02-30"},
                  {"url": "https://a.example/2", "title": "T", "body": "B.", "published": "xx 2024-13-45"})
    report = tmp_path / "r.html"
    main(["check", str(data), "--format", "html", "-o", str(report), "--jobs", "1",
          "--select", "timestamp-invalid-date,timestamp-unparseable"])
    found = html_data(report.read_text(encoding="utf-8"))
    records = found["records"]
    assert sorted(r[5] for r in records) == ['url = "https://a.example/1"', 'url = "https://a.example/2"']
    for f in found["findings"]:
        text = records[f[0]][6]["published"]
        assert f[5] is not None and f[6] <= len(text)  # each span indexes its own record's text


def test_drift_across_records_of_one_line_is_reported(tmp_path, capsys):
    data = _array(tmp_path / "arr.json",
                  {"id": "a1", "title": "T", "source": "example.com", "body": "Supporters of Muammar Gaddafi gathered."},
                  {"id": "a2", "title": "T", "source": "example.com", "body": "Relatives of Moammar Qaddafi stayed."})
    main(["check", str(data), "--format", "json", "--jobs", "1", "--select", "name-spelling-drift"])
    assert [f["record"] for f in json.loads(capsys.readouterr().out)["findings"]] == ["a2"]


def test_a_file_that_shrank_is_read_whole(tmp_path):
    from validator import parallel
    from validator.loaders.base import Source

    path = tmp_path / "a.jsonl"
    path.write_bytes(b'{"id": "1"}\n' * 10)
    parts = parallel._ranges(Source(str(path), path, "jsonl"), path.stat().st_size + 5_000, 1_000_000)
    assert len(parts) == 1 and parts[0].whole


def test_datelines_read_the_month_names_of_the_news_languages():
    def month_of(first_line):
        found = dateline(make_record({"body": f"{first_line} - The talks resumed."}, FieldMapping(), "a.jsonl", 1))
        return found and (found.place, found.month, found.day)

    assert month_of("BERLIN, Juni 5 (dpa)") == ("BERLIN", 6, 5)
    assert month_of("ROME, Marzo 3 (ANSA)") == ("ROME", 3, 3)
    assert month_of("KYIV, Febr. 3 /Ukrinform/") == ("KYIV", 2, 3)
    assert month_of("WASHINGTON, Sept. 4 (Reuters)") == ("WASHINGTON", 9, 4)
    assert month_of("BAGHDAD, Mayor 12 (AP)") in (None, ("BAGHDAD", None, None))  # not a month
