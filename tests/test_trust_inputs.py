"""Trust under faults, in what the run is given: configuration never reaches the network, odd
paths (FIFOs, devices, locked folders, link loops) are reported or read as streams and never
block, and any file name is shown, escaped but faithfully, in every report format."""
import json
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest
from conftest import ROOT, cli_json, write_jsonl

from validator import loaders
from validator.cli import main
from validator.loaders import Source, discover
from validator.paths import printable_path
from validator.report import FORMATS

BAD_TITLE = {"id": "1", "title": 7, "body": "The bridge reopened on Sunday."}
GOOD_RECORD = {"id": "2", "title": "Bridge reopens", "body": "The bridge reopened on Sunday."}
ONLY = ["--select", "input,missing-title"]


def _with_schema(tmp_path: Path, schema) -> None:
    (tmp_path / "record.json").write_text(json.dumps(schema))
    (tmp_path / "newslint.toml").write_text('record-schema = "record.json"\nselect = ["schema-violation"]\n')


@pytest.fixture
def no_network(monkeypatch):
    """Every way out to the network records the attempt and fails at once."""
    attempts = []

    def refuse(*args, **kwargs):
        attempts.append(args)
        raise OSError("a test tried to reach the network")

    monkeypatch.setattr(socket.socket, "connect", lambda self, *args: refuse(*args))
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(urllib.request, "urlopen", refuse)
    return attempts


@pytest.fixture
def reads(monkeypatch):
    """The inputs the run discovered: none when the configuration is refused first."""
    seen = []
    discover_inputs = loaders.discover
    monkeypatch.setattr(loaders, "discover", lambda *args: seen.append(args) or discover_inputs(*args))
    return seen


# --- record schemas: never the network, no reference that cannot work ---

REMOTE = [
    {"properties": {"title": {"$ref": "http://127.0.0.1:9/title.json"}}},
    {"properties": {"title": {"$ref": "https://127.0.0.1:9/title.json#/$defs/text"}}},
    {"properties": {"title": {"$ref": "ftp://127.0.0.1:9/title.json"}}},
    {"properties": {"title": {"$ref": "urn:example:title"}}},
    {"$id": "http://127.0.0.1:9/record.json", "properties": {"title": {"$ref": "title.json"}}},
    {"$schema": "http://json-schema.org/draft-07/schema#",
     "properties": {"title": {"$ref": "http://127.0.0.1:9/title.json"}}},
]


@pytest.mark.parametrize("schema", REMOTE, ids=range(len(REMOTE)))
def test_a_remote_ref_is_a_config_error_found_before_any_record(tmp_path, monkeypatch, capsys, no_network, reads,
                                                                 schema):
    _with_schema(tmp_path, schema)
    path = write_jsonl(tmp_path / "a.jsonl", BAD_TITLE)
    monkeypatch.chdir(tmp_path)
    started = time.monotonic()
    assert main(["check", str(path)]) == 2
    assert time.monotonic() - started < 5  # refused, not waited on
    err = capsys.readouterr().err
    ref = json.dumps(schema).split('"$ref": "')[1].split('"')[0]
    assert err.count("\n") == 1 and "record.json" in err and ref in err
    assert no_network == [] and reads == []


@pytest.mark.parametrize("schema", REMOTE, ids=range(len(REMOTE)))
def test_the_rule_itself_never_fetches(no_network, schema):
    """Given a remote $ref by other means than the configuration, neither jsonschema nor
    fastjsonschema fetches it: the reference just does not resolve."""
    from rules.schema.schema_violation import SchemaViolation

    rule = SchemaViolation(schema=schema)
    with pytest.raises(Exception):
        rule.validator.validate({"title": "Bridge reopens"})
    assert no_network == []


def test_a_ref_to_another_file_is_refused_not_read(tmp_path, monkeypatch, capsys, no_network):
    """One schema file: a relative file ref is refused (never resolved from the folder)."""
    (tmp_path / "common.json").write_text(json.dumps({"$defs": {"text": {"type": "string"}}}))
    _with_schema(tmp_path, {"properties": {"title": {"$ref": "common.json#/$defs/text"}}})
    path = write_jsonl(tmp_path / "a.jsonl", BAD_TITLE)
    monkeypatch.chdir(tmp_path)
    assert main(["check", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "common.json#/$defs/text" in err


LOCAL = [
    {"$defs": {"text": {"type": "string"}}, "properties": {"title": {"$ref": "#/$defs/text"}}},
    {"definitions": {"text": {"type": "string"}}, "properties": {"title": {"$ref": "#/definitions/text"}}},
    {"$defs": {"text": {"$anchor": "text", "type": "string"}}, "properties": {"title": {"$ref": "#text"}}},
    {"$id": "https://news.invalid/record.json", "$defs": {"text": {"type": "string"}},
     "properties": {"title": {"$ref": "https://news.invalid/record.json#/$defs/text"}}},
    {"$defs": {"text": {"$id": "https://news.invalid/text.json", "type": "string"}},
     "properties": {"title": {"$ref": "https://news.invalid/text.json"}}},
    {"$schema": "http://json-schema.org/draft-07/schema#", "definitions": {"text": {"type": "string"}},
     "properties": {"title": {"$ref": "#/definitions/text"}}},
]


@pytest.mark.parametrize("schema", LOCAL, ids=range(len(LOCAL)))
def test_refs_inside_the_schema_file_still_work(tmp_path, monkeypatch, capsys, no_network, schema):
    _with_schema(tmp_path, schema)
    monkeypatch.chdir(tmp_path)
    code, report = cli_json([str(write_jsonl(tmp_path / "bad.jsonl", BAD_TITLE))], capsys)
    assert code == 1 and [(f["rule"], f["field"]) for f in report["findings"]] == [("schema-violation", "title")]
    code, report = cli_json([str(write_jsonl(tmp_path / "good.jsonl", GOOD_RECORD))], capsys)
    assert code == 0 and report["findings"] == []
    assert no_network == []


ENDLESS = [
    {"$ref": "#"},
    {"$defs": {"a": {"$ref": "#/$defs/b"}, "b": {"$ref": "#/$defs/a"}}, "properties": {"title": {"$ref": "#/$defs/a"}}},
    {"type": "object", "allOf": [{"$ref": "#"}]},
    {"$defs": {"a": {"anyOf": [{"type": "string"}, {"$ref": "#/$defs/a"}]}},
     "properties": {"title": {"$ref": "#/$defs/a"}}},
]


@pytest.mark.parametrize("schema", ENDLESS, ids=range(len(ENDLESS)))
def test_a_reference_loop_that_cannot_end_is_a_config_error(tmp_path, monkeypatch, capsys, reads, schema):
    _with_schema(tmp_path, schema)
    path = write_jsonl(tmp_path / "a.jsonl", {"id": "1", "title": 7, "body": "Text."})
    monkeypatch.chdir(tmp_path)
    assert main(["check", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "record.json" in err and "loop" in err
    assert reads == []


def test_a_ref_to_nothing_is_a_config_error(tmp_path, monkeypatch, capsys):
    _with_schema(tmp_path, {"properties": {"title": {"$ref": "#/$defs/missing"}}})
    monkeypatch.chdir(tmp_path)
    assert main(["check", str(write_jsonl(tmp_path / "a.jsonl", GOOD_RECORD))]) == 2
    assert "#/$defs/missing" in capsys.readouterr().err


TREE = {"$defs": {"section": {"type": "object", "required": ["name"],
                              "properties": {"name": {"type": "string"},
                                             "children": {"type": "array", "items": {"$ref": "#/$defs/section"}}}}},
        "properties": {"section": {"$ref": "#/$defs/section"}}}
TREE_AT_ROOT = {"type": "object", "properties": {"body": {"type": "string"},
                                                 "related": {"type": "array", "items": {"$ref": "#"}}}}


@pytest.mark.parametrize("schema,bad,good", [
    (TREE, {"section": {"name": "World", "children": [{"name": "Iraq", "children": [{"name": 3}]}]}},
     {"section": {"name": "World", "children": [{"name": "Iraq", "children": [{"name": "Mosul"}]}]}}),
    (TREE_AT_ROOT, {"related": [{"body": "x", "related": [{"body": 5}]}]},
     {"related": [{"body": "x", "related": [{"body": "y"}]}]}),
], ids=["defs", "root"])
def test_recursion_that_descends_into_the_record_keeps_working(tmp_path, monkeypatch, capsys, schema, bad, good):
    _with_schema(tmp_path, schema)
    monkeypatch.chdir(tmp_path)
    code, report = cli_json([str(write_jsonl(tmp_path / "bad.jsonl", dict(GOOD_RECORD, **bad)))], capsys)
    assert code == 1 and [f["rule"] for f in report["findings"]] == ["schema-violation"]
    code, report = cli_json([str(write_jsonl(tmp_path / "good.jsonl", dict(GOOD_RECORD, **good)))], capsys)
    assert code == 0 and report["findings"] == []


@pytest.mark.parametrize("schema,record", [
    ({"$defs": {"object": {"type": "object"}}, "$ref": "#/$defs/object", "required": ["url"]}, {}),
    ({"dependentRequired": {"title": ["url"]}}, {}),
    ({"properties": {"title": {}, "body": {}, "id": {}}, "unevaluatedProperties": False}, {"extra": 1}),
    ({"properties": {"tags": {"contains": {"type": "string"}, "minContains": 2}}}, {"tags": ["a", 1]}),
    ({"properties": {"tags": {"prefixItems": [{"type": "string"}], "items": False}}}, {"tags": ["a", "b"]}),
], ids=["ref-sibling", "dependentRequired", "unevaluatedProperties", "minContains", "prefixItems"])
def test_the_fast_validator_never_passes_what_the_schema_rejects(tmp_path, monkeypatch, capsys, schema, record):
    """fastjsonschema implements drafts 4-7; with later keywords jsonschema alone decides."""
    _with_schema(tmp_path, schema)
    monkeypatch.chdir(tmp_path)
    code, report = cli_json([str(write_jsonl(tmp_path / "a.jsonl", dict(GOOD_RECORD, **record)))], capsys)
    assert code == 1 and [f["rule"] for f in report["findings"]] == ["schema-violation"]


def test_a_record_schema_that_is_a_fifo_is_refused_without_blocking(tmp_path, monkeypatch, capsys):
    os.mkfifo(tmp_path / "record.json")
    (tmp_path / "newslint.toml").write_text('record-schema = "record.json"\n')
    unblock = _unblock_later(tmp_path / "record.json")
    monkeypatch.chdir(tmp_path)
    assert main(["check", str(write_jsonl(tmp_path / "a.jsonl", GOOD_RECORD))]) == 2
    unblock.set()
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "not a regular file" in err


def _unblock_later(fifo: Path, seconds: float = 10) -> threading.Event:
    """Should the code under test wait on the FIFO after all, open its other end in a while,
    so that a failing test fails instead of hanging."""
    done = threading.Event()

    def release():
        if not done.wait(seconds):
            try:
                os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
            except OSError:
                pass

    threading.Thread(target=release, daemon=True).start()
    return done


# --- odd input paths ---

def test_a_fifo_inside_a_directory_is_reported_and_never_opened(tmp_path, capsys):
    folder = tmp_path / "dumps"
    folder.mkdir()
    write_jsonl(folder / "a.jsonl", dict(GOOD_RECORD, title=""))
    os.mkfifo(folder / "b.jsonl")
    os.mkfifo(folder / "pipe")  # not named like an input: not one, as for regular files
    code, report = cli_json([str(folder), *ONLY], capsys)
    assert code == 1
    assert [(f["rule"], f["path"]) for f in report["findings"]] == [
        ("missing-title", f"{folder.as_posix()}/a.jsonl"), ("unreadable-file", f"{folder.as_posix()}/b.jsonl")]


def test_a_named_fifo_is_read_once_as_a_stream(tmp_path, capsys):
    """Like `newslint check <(zcat dump.jsonl.gz) --input-format jsonl`."""
    fifo = tmp_path / "fd63"
    os.mkfifo(fifo)
    (source,) = discover([str(fifo)], "jsonl")  # found without being opened
    assert source.stream and source.size() is None and not source.reopenable
    data = "".join(json.dumps(dict(GOOD_RECORD, id=str(n), title="")) + "\n" for n in range(3)).encode()
    threading.Thread(target=lambda: fifo.write_bytes(data), daemon=True).start()
    try:
        code, report = cli_json([str(fifo), "--input-format", "jsonl", "--jobs", "2", *ONLY], capsys)
    finally:
        os.close(os.open(fifo, os.O_RDONLY | os.O_NONBLOCK))  # a writer left waiting lets go
    assert code == 0 and report["summary"]["records"] == 3
    assert [f["rule"] for f in report["findings"]] == ["missing-title"] * 3


def test_a_named_csv_fifo_is_not_reopened_after_an_unclosed_quote(tmp_path, capsys):
    fifo = tmp_path / "rows.csv"
    os.mkfifo(fifo)
    data = b'id,title,body\n1,"Bridge reopens,The bridge reopened on Sunday.\n2,Bridge,Body.\n'
    threading.Thread(target=lambda: fifo.write_bytes(data), daemon=True).start()
    unblock = _unblock_later(fifo)
    code, report = cli_json([str(fifo)], capsys)
    unblock.set()
    assert "malformed-csv" in [f["rule"] for f in report["findings"]]


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/null"])
def test_a_named_device_is_reported_not_read(device, capsys):
    if not os.path.exists(device):
        pytest.skip(f"no {device} here")
    code, report = cli_json([device, "--input-format", "jsonl"], capsys)
    (finding,) = report["findings"]
    assert code == 1 and (finding["rule"], finding["path"]) == ("unreadable-file", device)
    assert "no such file" not in finding["message"]


def test_a_missing_path_is_still_no_such_file(tmp_path, capsys):
    code, report = cli_json([str(tmp_path / "gone.jsonl")], capsys)
    (finding,) = report["findings"]
    assert code == 1 and finding["rule"] == "unreadable-file" and finding["message"] == "no such file or directory"


def test_link_loops_and_broken_links_cannot_trap_the_walk(tmp_path, capsys):
    folder = tmp_path / "dumps"
    (folder / "sub").mkdir(parents=True)
    write_jsonl(folder / "a.jsonl", dict(GOOD_RECORD, title=""))
    write_jsonl(folder / "sub" / "b.jsonl", dict(GOOD_RECORD, id="3", title=""))
    (folder / "here").symlink_to(".")
    (folder / "sub" / "up").symlink_to("..")
    (folder / "sub" / "up.jsonl").symlink_to("..")  # named like an input, a directory: not followed
    (folder / "self.jsonl").symlink_to("self.jsonl")
    (folder / "gone.jsonl").symlink_to("nowhere.jsonl")
    (folder / "linked.jsonl").symlink_to("a.jsonl")
    code, report = cli_json([str(folder), *ONLY], capsys)
    root = folder.as_posix()
    assert code == 1 and [(f["rule"], f["path"]) for f in report["findings"]] == [
        ("missing-title", f"{root}/a.jsonl"), ("unreadable-file", f"{root}/gone.jsonl"),
        ("missing-title", f"{root}/linked.jsonl"), ("unreadable-file", f"{root}/self.jsonl"),
        ("missing-title", f"{root}/sub/b.jsonl")]


def _as_a_user(args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    """newslint run without the power to read what is not permitted: as root, with the
    capabilities that override file permissions dropped."""
    command = [sys.executable, "-m", "validator", *args]
    if os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("running as root, without setpriv to drop the power to read anything")
        command = [setpriv, "--bounding-set=-dac_override,-dac_read_search", *command]
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=60)


def test_folders_and_files_that_are_not_permitted_are_reported_and_the_run_goes_on(tmp_path):
    folder = tmp_path / "dumps"
    for name in ("locked", "open"):
        (folder / name).mkdir(parents=True)
    write_jsonl(folder / "locked" / "a.jsonl", GOOD_RECORD)
    write_jsonl(folder / "open" / "b.jsonl", dict(GOOD_RECORD, title=""))
    write_jsonl(folder / "secret.jsonl", GOOD_RECORD)
    (folder / "locked").chmod(0)
    (folder / "secret.jsonl").chmod(0)
    try:
        done = _as_a_user(["check", "dumps", "dumps/locked/a.jsonl", "--format", "json", *ONLY], tmp_path)
    finally:
        (folder / "locked").chmod(0o755)
    assert done.returncode == 1, done.stderr
    findings = [(f["rule"], f["path"]) for f in json.loads(done.stdout)["findings"]]
    assert findings == [("unreadable-file", "dumps/locked"), ("unreadable-file", "dumps/locked/a.jsonl"),
                        ("missing-title", "dumps/open/b.jsonl"), ("unreadable-file", "dumps/secret.jsonl")]


# --- file names: any bytes, shown escaped but faithfully ---

@pytest.mark.parametrize("name,shown", [
    (b"plain.jsonl", "plain.jsonl"),
    ("café – 東京.jsonl", "café – 東京.jsonl"),
    (b"caf\xe9.jsonl", "caf\\xe9.jsonl"),
    (b"a\nb\tc\rd.jsonl", "a\\nb\\tc\\rd.jsonl"),
    (b"x\x1b[31m.jsonl", "x\\x1b[31m.jsonl"),
    (b"back\\slash.jsonl", "back\\\\slash.jsonl"),
    (b"back\\xe9.jsonl", "back\\\\xe9.jsonl"),  # not the same as the byte e9
    ("rtl\u202egpj.jsonl", "rtl\\u202egpj.jsonl"),
    ("\x85nel", "\\u0085nel"),  # the character U+0085, not the byte 85
    (b"\x85nel", "\\x85nel"),
])
def test_printable_path(name, shown):
    assert printable_path(name) == shown
    assert printable_path(os.fsdecode(name) if isinstance(name, bytes) else name) == shown


NAMES = {b"caf\xe9.jsonl": "caf\\xe9.jsonl", b"a\nb.jsonl": "a\\nb.jsonl", b"x\x1b[31m.jsonl": "x\\x1b[31m.jsonl"}


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_any_file_name_gives_a_report_in_every_format(tmp_path, fmt):
    folder = tmp_path / "dumps"
    folder.mkdir()
    for name in NAMES:
        with open(os.path.join(os.fsencode(folder), name), "wb") as handle:
            handle.write(b'{"id": "1", "title": \n')
    out = tmp_path / f"report.{fmt}"
    assert main(["check", str(folder), "--format", fmt, "--output", str(out)]) == 1
    report = out.read_bytes().decode("utf-8")
    assert "\x1b" not in report
    if fmt == "json":
        assert sorted(f["path"] for f in json.loads(report)["findings"]) == sorted(
            f"{folder.as_posix()}/{shown}" for shown in NAMES.values())


def test_named_files_and_faults_use_the_escaped_name_and_open_the_real_one(tmp_path):
    real = os.path.join(os.fsencode(tmp_path), b"caf\xe9\n.jsonl")
    with open(real, "wb") as handle:
        handle.write(b'{"id": "1"}\n')
    named = os.fsdecode(real)
    (source,) = discover([named])
    assert source.path == printable_path(named) and source.path.endswith("caf\\xe9\\n.jsonl")
    assert os.fsencode(source.file) == real
    (fault,) = discover([named + "-gone"])
    assert fault.path.endswith("caf\\xe9\\n.jsonl-gone")


def test_remote_names_are_escaped_too():
    fsspec = pytest.importorskip("fsspec")
    memory = fsspec.filesystem("memory")
    memory.pipe("/trust-names/a\nb.jsonl", b"{}\n")
    try:
        (source,) = discover(["memory://trust-names"])
    finally:
        memory.rm("/trust-names", recursive=True)
    assert source.path == "memory:///trust-names/a\\nb.jsonl" and source.file == "memory:///trust-names/a\nb.jsonl"
    assert isinstance(source, Source)
