"""Parallel and distributed runs find exactly what one process finds, in the same order."""
import json
import shutil

import pytest
from conftest import ROOT

from validator import parallel
from validator.cli import main


@pytest.fixture
def big_input(tmp_path, monkeypatch):
    """The samples, many times over, in one JSON Lines file cut into many parts."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(parallel, "PART_BYTES", 20_000)
    lines = (ROOT / "samples" / "news.jsonl").read_text(encoding="utf-8").splitlines()
    path = tmp_path / "big.jsonl"
    path.write_text("\n".join(lines * 4) + "\n", encoding="utf-8")
    shutil.copy(ROOT / "samples" / "page-2019-07-21.txt", tmp_path / "page.txt")
    return [str(path), str(tmp_path / "page.txt")]


def report(paths, capsys, *extra):
    main(["check", *paths, "--format", "json", *extra])
    return json.loads(capsys.readouterr().out)


def test_parts_are_line_aligned_and_cover_the_file(big_input):
    from validator.loaders import discover

    pieces = [p for p in parallel.parts(discover(big_input)) if p.path.endswith("big.jsonl")]
    data = open(pieces[0].file, "rb").read()
    assert len(pieces) > 3 and pieces[-1].byte_range[1] == len(data)
    for piece, following in zip(pieces, pieces[1:]):
        start = following.byte_range[0]
        assert piece.byte_range[1] == start and data[start - 1:start] == b"\n"
        assert following.first_line == data[:start].count(b"\n") + 1


def test_jobs_give_the_same_findings(big_input, capsys):
    one = report(big_input, capsys, "--jobs", "1", "--preview")
    two = report(big_input, capsys, "--jobs", "2", "--preview")
    assert one == two
    assert {f["rule"] for f in one["findings"]} >= {"duplicate-id", "duplicate-body", "timestamp-glued",
                                                     "learned-boilerplate", "near-duplicate", "invalid-json"}


def test_jobs_give_the_same_profile_and_audit_page(big_input, capsys, tmp_path):
    def profile(*extra):
        main(["profile", *big_input, "--format", "json", *extra])
        return json.loads(capsys.readouterr().out)

    def page(jobs):
        main(["check", *big_input, "--format", "html", "-o", str(tmp_path / f"{jobs}.html"), "--jobs", jobs])
        return (tmp_path / f"{jobs}.html").read_text(encoding="utf-8")

    assert profile("--jobs", "1") == profile("--jobs", "2")
    assert profile("--jobs", "1")["overall"]["records"] > 200
    assert page("1") == page("2")


def test_dask_local_cluster_gives_the_same_findings(big_input, capsys):
    pytest.importorskip("dask.distributed")
    local = report(big_input, capsys, "--jobs", "1")
    distributed = report(big_input, capsys, "--engine", "dask", "--jobs", "2")
    assert local == distributed
