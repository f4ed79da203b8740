"""Rate gates: a rule's `max-rate`, over the whole input or per source, decides the exit code."""
import pytest
from conftest import GOOD, write_jsonl

from validator.cli import main

pytestmark = pytest.mark.usefixtures("isolated_cwd")


def test_rate_gates(tmp_path, capsys):
    records = [dict(GOOD, id=str(i), url=f"https://{'a' if i < 4 else 'b'}.example/{i}",
                    title="" if i in (0, 4, 5, 6) else GOOD["title"]) for i in range(8)]
    data = write_jsonl(tmp_path / "data.jsonl", *records)
    config = tmp_path / "newslint.toml"
    config.write_text('select = ["missing-title"]\nfail-on = "warning"\n[rules.missing-title]\nmax-rate = 0.5\n')
    assert main(["check", str(data), "--config", str(config)]) == 0  # 4 of 8: not more than half
    config.write_text('select = ["missing-title"]\nfail-on = "warning"\n'
                      '[rules.missing-title]\nmax-rate = 0.5\nper-source = true\n')
    assert main(["check", str(data), "--config", str(config)]) == 1  # 3 of 4 records of b.example
    assert "b.example" in capsys.readouterr().err
    config.write_text('select = ["missing-title"]\nfail-on = "warning"\n[rules.missing-title]\nmax-rate = 0.3\n')
    assert main(["check", str(data), "--config", str(config)]) == 1
