"""Suppression files: findings suppressed by record or URL and rule, unused entries reported,
and an unknown rule refused."""
import json

import pytest
from conftest import GOOD, write_jsonl

from validator import check
from validator.baseline import document as baseline_document
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


def test_the_python_api_applies_suppressions_and_a_baseline_as_the_cli_does(tmp_path):
    rows = [dict(GOOD, id="a", title=""), dict(GOOD, id="b", url="https://b.example/x", title="")]
    assert {f.record for f in check(rows, select=["missing-title"])} == {"a", "b"}
    suppressions = tmp_path / "s.toml"
    suppressions.write_text('[[suppress]]\nrecord = "a"\nrules = ["missing-title"]\n'
                            '[[suppress]]\nrecord = "gone"\nrules = ["schema"]\n', encoding="utf-8")
    found = check(rows, select=["missing-title"], suppressions=suppressions)
    assert sorted((f.rule, f.record or "") for f in found) == [("missing-title", "b"), ("unused-suppression", "")]
    baseline = tmp_path / "b.json"
    baseline.write_text(json.dumps(baseline_document(check(rows[:1], select=["missing-title"]))), encoding="utf-8")
    assert [f.record for f in check(rows, select=["missing-title"], baseline=baseline)] == ["b"]


def test_the_scrapy_pipeline_applies_suppressions_and_a_baseline(tmp_path, caplog):
    pytest.importorskip("scrapy")
    from scrapy.exceptions import DropItem

    from validator.config import Settings
    from validator.scrapy import NewslintPipeline

    suppressions = tmp_path / "s.toml"
    suppressions.write_text('[[suppress]]\nurl = "https://a.example/1"\nrules = ["missing-title"]\n'
                            '[[suppress]]\nurl = "https://never.example/"\nrules = ["missing-title"]\n',
                            encoding="utf-8")
    pipe = NewslintPipeline(select=["missing-title"], drop_on="warning",
                            settings=Settings(suppressions=suppressions))
    assert pipe.process_item(dict(GOOD, url="https://a.example/1", title="")) is not None  # suppressed
    with pytest.raises(DropItem):
        pipe.process_item(dict(GOOD, url="https://a.example/2", title=""))
    pipe.close_spider()
    assert "suppression 2 (url 'https://never.example/') matched no item" in caplog.text
    baseline = tmp_path / "b.json"
    baseline.write_text(json.dumps(baseline_document(
        check([dict(GOOD, url="https://a.example/2", title="")], select=["missing-title"]))), encoding="utf-8")
    pipe = NewslintPipeline(select=["missing-title"], drop_on="warning", baseline=str(baseline))
    assert pipe.process_item(dict(GOOD, url="https://a.example/2", title="")) is not None  # baselined
    with pytest.raises(DropItem):  # a second copy of a baselined finding is new
        pipe.process_item(dict(GOOD, url="https://a.example/2", title=""))
