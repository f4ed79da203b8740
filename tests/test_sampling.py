"""`--sample N --seed S`: the same records each run, in input order."""
import json

import pytest
from conftest import GOOD, write_jsonl

from validator.cli import main

pytestmark = pytest.mark.usefixtures("isolated_cwd")


def test_sample_is_reproducible(tmp_path, capsys):
    data = write_jsonl(tmp_path / "data.jsonl", *[dict(GOOD, id=str(i), title="") for i in range(50)])
    runs = []
    for _ in range(2):
        main(["check", str(data), "--sample", "5", "--seed", "7", "--select", "missing-title", "--format", "json"])
        runs.append([f["record"] for f in json.loads(capsys.readouterr().out)["findings"]])
    assert runs[0] == runs[1] and len(runs[0]) == 5 and runs[0] == sorted(runs[0], key=int)
