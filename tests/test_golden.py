"""The report on samples/ is pinned: any change to it is deliberate.

Regenerate after an intended change with: NEWSLINT_UPDATE_GOLDEN=1 python -m pytest tests/test_golden.py
"""
import json
import os

import pytest
from conftest import ROOT

from validator.cli import main


@pytest.mark.parametrize("name,extra", [("samples", []), ("samples-preview", ["--preview"])])
def test_samples_report_matches_golden(monkeypatch, capsys, name, extra):
    golden = ROOT / "tests" / "golden" / f"{name}.json"
    monkeypatch.chdir(ROOT)
    main(["check", "samples", "--format", "json", *extra])
    report = json.loads(capsys.readouterr().out)
    report["tool"]["version"] = "*"
    if os.environ.get("NEWSLINT_UPDATE_GOLDEN"):
        golden.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    assert report == json.loads(golden.read_text(encoding="utf-8"))


def test_every_sample_record_names_its_anomaly():
    for line in (ROOT / "samples" / "news.jsonl").read_text(encoding="utf-8").splitlines():
        try:
            record = json.loads(line)
        except ValueError:
            continue  # the broken line is its own anomaly, pinned by the golden report
        if isinstance(record, dict):
            assert record.get("anomaly"), record.get("id")
