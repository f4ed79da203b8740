"""Remote inputs and Parquet parts: files read from a real S3 endpoint (moto's server, on
localhost, spoken to by s3fs through fsspec) and large Parquet files cut by row groups give
the findings that the same local files give in one process, with the local engine and on a
Dask cluster."""
import importlib.util
import json
import shutil

import pytest
from conftest import ROOT

from validator import parallel
from validator.cli import main
from validator.loaders import discover

moto_server = pytest.importorskip("moto.server")
pytest.importorskip("s3fs")
pq = pytest.importorskip("pyarrow.parquet")
pa = pytest.importorskip("pyarrow")


@pytest.fixture(scope="module")
def s3():
    """An S3 endpoint on localhost and credentials for it, in the environment (where s3fs, and
    the Dask workers started after it, read them)."""
    server = moto_server.ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    with pytest.MonkeyPatch.context() as patch:
        for name, value in {"AWS_ENDPOINT_URL": f"http://{host}:{port}", "AWS_ACCESS_KEY_ID": "testing",
                            "AWS_SECRET_ACCESS_KEY": "testing", "AWS_DEFAULT_REGION": "us-east-1"}.items():
            patch.setenv(name, value)
        import fsspec

        filesystem = fsspec.filesystem("s3", skip_instance_cache=True)
        filesystem.mkdir("dumps")
        yield filesystem
    server.stop()


@pytest.fixture
def inputs(tmp_path, monkeypatch):
    """The samples, and a Parquet file of the news samples several times over in many row
    groups; parts small enough that both files are cut."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(parallel, "PART_BYTES", 20_000)
    folder = tmp_path / "dumps"
    folder.mkdir()
    records = [json.loads(line) for line in (ROOT / "samples" / "clean.jsonl").read_text(encoding="utf-8").splitlines()]
    table = pa.Table.from_pylist([dict(r, id=f"{r['id']}-{copy}") for copy in range(12) for r in records])
    pq.write_table(table, folder / "copies.parquet", row_group_size=len(records))
    shutil.copy(ROOT / "samples" / "news.jsonl", folder / "news.jsonl")
    return folder


def report(folder, capsys, *extra):
    main(["check", folder, "--format", "json", *extra])
    document = json.loads(capsys.readouterr().out)
    prefix = folder.rstrip("/") + "/"
    for finding in document["findings"]:  # the same files, named by where they were read
        finding["path"] = finding["path"].removeprefix(prefix)
        finding["message"] = finding["message"].replace(prefix, "")
    return document["findings"], document["summary"]["records"]


def test_parquet_parts_are_runs_of_row_groups_that_cover_the_file(inputs):
    pieces = [p for p in parallel.parts(discover([str(inputs)])) if p.path.endswith(".parquet")]
    groups = pq.ParquetFile(inputs / "copies.parquet").metadata.num_row_groups
    assert len(pieces) > 1 and pieces[0].row_groups[0] == 0 and pieces[-1].row_groups[1] == groups
    for piece, following in zip(pieces, pieces[1:]):
        assert piece.row_groups[1] == following.row_groups[0] and following.first_line > piece.first_line


def test_remote_files_give_the_findings_of_local_ones(inputs, s3, capsys):
    s3.put(str(inputs), "dumps/run", recursive=True)
    local = report(str(inputs), capsys, "--jobs", "1")
    remote = report("s3://dumps/run/", capsys, "--jobs", "1")
    remote_parts = report("s3://dumps/run/", capsys, "--jobs", "2")  # byte ranges and row groups, read remotely
    assert remote == local == remote_parts and local[1] > 50
    assert {f["rule"] for f in local[0]} >= {"timestamp-glued", "duplicate-body", "duplicate-id"}


def test_a_missing_remote_path_is_a_finding(s3, capsys):
    findings, records = report("s3://dumps/no-such-folder/", capsys)
    assert records == 0 and [f["rule"] for f in findings] == ["unreadable-file"]


@pytest.mark.skipif(importlib.util.find_spec("gcsfs") is not None, reason="gcsfs is installed (extra gcs)")
def test_a_remote_path_without_its_package_is_a_finding(capsys):
    findings, records = report("gs://bucket/dumps/", capsys)
    assert records == 0 and [f["rule"] for f in findings] == ["unreadable-file"]
    assert "newslint[gcs]" in findings[0]["message"]


def test_dask_reads_remote_parts_with_the_findings_of_one_local_process(inputs, s3, capsys):
    pytest.importorskip("dask.distributed")
    s3.put(str(inputs), "dumps/dask", recursive=True)
    local = report(str(inputs), capsys, "--jobs", "1")
    distributed = report("s3://dumps/dask/", capsys, "--engine", "dask", "--jobs", "2")
    assert distributed == local

