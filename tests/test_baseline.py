"""Baselines: a baseline of today's findings passes unchanged data, fails only on new findings,
and counts its entries that no longer occur."""
import json

import pytest
from conftest import GOOD, HOSTILE, write_jsonl

from validator.cli import main

pytestmark = pytest.mark.usefixtures("isolated_cwd")


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
