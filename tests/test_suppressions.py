"""Suppression files: findings suppressed by record or URL and rule, unused entries reported,
and an unknown rule refused."""
import json

import pytest
from conftest import GOOD, write_jsonl

from validator.cli import main

pytestmark = pytest.mark.usefixtures("isolated_cwd")


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
