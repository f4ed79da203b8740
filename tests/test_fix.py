"""`newslint fix`: repaired copies in every format, a quarantine, a change log that rebuilds
the input, idempotence, safe and unsafe fixes, and never a write over an input."""
import csv
import gzip
import json
import shutil

import pytest
from conftest import ROOT, write_jsonl

from validator import fix
from validator.cli import main
from validator.config import Settings, build_plan
from validator.engine import Engine
from validator.fields import FieldMapping
from validator.loaders import discover, read
from validator.registry import Registry
from validator.repair import rebuild, rebuild_values

SEED = ROOT.parent / "shared" / "seed" / "sputnik-2019-07-21.txt"
BODY = ("The minister spoke on Sunday about the budget and the plans for the coming year, and the opposition "
        "answered that the numbers did not add up. Both sides agreed to meet again after the summer recess.")


def rows():
    return [
        {"id": "1", "title": "Budget talks", "url": "https://a.example/1", "published": "2019-07-21T05:41:00Z",
         "body": BODY},
        {"id": "2", "title": "Budget talks resume", "url": "https://a.example/2",
         "published": "05:41 GMT +321 July 2019", "body": "Listen Live\n" + BODY.replace("Sunday", "Monday")},
        {"id": "3", "title": "Budget talks end", "url": "https://a.example/3", "published": "2019-07-23T05:41:00Z",
         "body": BODY.replace("Sunday", "Tuesday") + "\u0007"},
    ]


def run_fix(tmp_path, inputs, *options, out="out"):
    target = tmp_path / out
    code = main(["fix", *map(str, inputs), "--output-dir", str(target), "--jobs", "1", *options])
    return code, target


def logs(target):
    changes = [json.loads(line) for line in (target / "changes.jsonl").read_text(encoding="utf-8").splitlines()]
    quarantine = [json.loads(line) for line in (target / "quarantine.jsonl").read_text(encoding="utf-8").splitlines()]
    return changes, quarantine


def records_of(path):
    return [r.raw for r in read(next(iter(discover([str(path)]))), FieldMapping()) if hasattr(r, "raw")]


@pytest.mark.parametrize("name", ["a.jsonl", "a.jsonl.gz"])
def test_jsonl_copy_changes_only_what_a_fix_applies_to_and_rebuilds_byte_for_byte(tmp_path, name):
    source = tmp_path / "in" / name
    source.parent.mkdir()
    write_jsonl(source, *rows(), compressed=name.endswith(".gz"), ensure_ascii=False)
    code, target = run_fix(tmp_path, [source.parent])
    assert code == 0
    fixed = records_of(target / name)
    assert fixed[0] == rows()[0]  # untouched
    assert fixed[1]["published"] == "2019-07-21T05:41:00+03:00" and not fixed[1]["body"].startswith("Listen Live")
    assert "\u0007" not in fixed[2]["body"]
    changes, quarantine = logs(target)
    copy = target / name
    if name.endswith(".gz"):
        plain = tmp_path / "plain.jsonl"
        plain.write_bytes(gzip.decompress(copy.read_bytes()))
        copy = plain
    original = gzip.decompress(source.read_bytes()) if name.endswith(".gz") else source.read_bytes()
    assert rebuild(copy, "jsonl", changes, quarantine) == original


def test_fixing_the_fixed_copy_changes_nothing(tmp_path):
    source = write_jsonl(tmp_path / "a.jsonl", *rows(), ensure_ascii=False)
    _, first = run_fix(tmp_path, [source], out="first")
    _, second = run_fix(tmp_path, [first / "a.jsonl"], out="second")
    assert (second / "a.jsonl").read_bytes() == (first / "a.jsonl").read_bytes()
    assert logs(second) == ([], [])


def test_records_to_drop_go_to_the_quarantine_with_their_findings(tmp_path):
    items = rows() + [{**rows()[0], "id": "4", "url": "https://a.example/4"}]  # a later copy of record 1
    source = write_jsonl(tmp_path / "a.jsonl", *items, ensure_ascii=False)
    _, target = run_fix(tmp_path, [source])
    assert [r["id"] for r in records_of(target / "a.jsonl")] == ["1", "2", "3"]
    changes, quarantine = logs(target)
    assert [q["record"] for q in quarantine] == ["4"] and quarantine[0]["findings"][0]["rule"] == "duplicate-body"
    assert rebuild(target / "a.jsonl", "jsonl", changes, quarantine) == source.read_bytes()
    _, kept = run_fix(tmp_path, [source], "--drop", "not-an-article", out="kept")
    assert len(records_of(kept / "a.jsonl")) == 4


@pytest.mark.parametrize("suffix", [".csv", ".tsv", ".json", ".parquet"])
def test_other_formats_round_trip_value_for_value(tmp_path, suffix):
    source = tmp_path / f"a{suffix}"
    if suffix in (".csv", ".tsv"):
        with open(source, "w", encoding="utf-8", newline="") as out:
            writer = csv.DictWriter(out, fieldnames=list(rows()[0]), delimiter="\t" if suffix == ".tsv" else ",")
            writer.writeheader()
            writer.writerows(rows())
    elif suffix == ".json":
        source.write_text(json.dumps(rows(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    else:
        pa = pytest.importorskip("pyarrow")
        import pyarrow.parquet as pq

        pq.write_table(pa.Table.from_pylist(rows()), source)
    _, target = run_fix(tmp_path, [source])
    fixed = records_of(target / source.name)
    assert fixed[0] == records_of(source)[0]
    assert fixed[1]["published"] == "2019-07-21T05:41:00+03:00"
    changes, quarantine = logs(target)
    assert rebuild_values(fixed, changes, quarantine) == records_of(source)
    if suffix in (".csv", ".tsv"):  # unchanged rows keep their bytes
        assert source.read_text(encoding="utf-8").splitlines()[1] == (target / source.name).read_text(
            encoding="utf-8").splitlines()[1]


def test_a_text_page_like_the_seed(tmp_path):
    source = tmp_path / "page.txt"
    shutil.copy(ROOT / "samples" / "page-2019-07-21.txt", source)
    _, target = run_fix(tmp_path, [source], "--unsafe-fixes")
    text = (target / "page.txt").read_text(encoding="utf-8")
    assert text.startswith("2019-07-21T05:41:00+03:00\n")
    assert "Listen Live" not in text
    changes, quarantine = logs(target)
    assert rebuild(target / "page.txt", "txt", changes, quarantine) == source.read_bytes()


@pytest.mark.skipif(not SEED.exists(), reason="needs ../shared/seed")
def test_the_seed_page_comes_out_clean(tmp_path):
    source = tmp_path / "seed.txt"
    shutil.copy(SEED, source)
    _, target = run_fix(tmp_path, [source], "--unsafe-fixes", "--preview")  # tag-line is in preview
    copy = target / "seed.txt"
    text = copy.read_text(encoding="utf-8")
    assert text.startswith("2019-07-21T05:41:00+03:00\n")
    for chrome in ("Listen Live", "Get short URL", "standardsDiscussion", "FacebookComment", "Daesh, United States"):
        assert chrome not in text
    registry = Registry.default()
    engine = Engine(build_plan(registry, Settings()), FieldMapping())
    left = [f for f in engine.run(discover([str(copy)])).findings
            if f.suggestion is not None and getattr(registry.rules.get(f.rule), "fix", None) == "safe"]
    assert left == []


def test_unsafe_fixes_only_when_asked(tmp_path):
    body = ("Gen. Ghassem Soleimani led the offensive near the city on Sunday, commanders said.\n\n"
            "Later, Major General Qassem Soleimani said the operation was over and the troops would stay.")
    source = write_jsonl(tmp_path / "a.jsonl", {"id": "1", "title": "Offensive", "url": "https://a.example/1",
                                                "published": "2019-07-21T05:41:00Z", "body": body},
                         ensure_ascii=False)
    _, safe = run_fix(tmp_path, [source], out="safe")
    assert records_of(safe / "a.jsonl")[0]["body"] == body
    _, unsafe = run_fix(tmp_path, [source], "--unsafe-fixes", out="unsafe")
    assert "Ghassem" not in records_of(unsafe / "a.jsonl")[0]["body"]


def test_never_over_an_input(tmp_path, capsys):
    (tmp_path / "in").mkdir()
    source = write_jsonl(tmp_path / "in" / "a.jsonl", *rows(), ensure_ascii=False)
    assert main(["fix", str(source.parent), "--output-dir", str(source.parent)]) == 2
    assert "input" in capsys.readouterr().err
    assert main(["fix", str(source)]) == 2  # no --output-dir: nowhere to write


def test_diff_writes_nothing(tmp_path, capsys):
    source = write_jsonl(tmp_path / "a.jsonl", *rows(), ensure_ascii=False)
    before = sorted(p.name for p in tmp_path.iterdir())
    assert main(["fix", str(source), "--diff", "--jobs", "1"]) == 1
    out = capsys.readouterr().out
    assert "-05:41 GMT +321 July 2019" in out and "+2019-07-21T05:41:00+03:00" in out
    assert sorted(p.name for p in tmp_path.iterdir()) == before


def test_parallel_runs_write_the_same_bytes(tmp_path):
    source = write_jsonl(tmp_path / "a.jsonl", *(rows() * 30), ensure_ascii=False)
    _, one = run_fix(tmp_path, [source], out="one")
    code = main(["fix", str(source), "--output-dir", str(tmp_path / "dask"), "--engine", "dask", "--jobs", "2"])
    assert code == 0
    for name in ("a.jsonl", "changes.jsonl", "quarantine.jsonl"):
        assert (tmp_path / "dask" / name).read_bytes() == (one / name).read_bytes()


def test_python_api():
    kept, dropped, changes = fix(rows() + [{**rows()[0], "id": "4", "url": "https://a.example/4"}])
    assert [r["id"] for r in kept] == ["1", "2", "3"] and dropped[0]["rules"] == ["duplicate-body"]
    assert kept[1]["published"] == "2019-07-21T05:41:00+03:00"
    assert {c["rule"] for c in changes} >= {"timestamp-glued", "control-characters"}


def test_several_changes_in_one_field_undo_in_the_right_order():
    from validator.fixing import Edit, apply, undo

    raw = {"body": "Listen Live\nThe minister spoke.\nGet short URL\nMore text here.\n"}
    edits = [Edit("body", 0, 12, "", "boilerplate-phrase"), Edit("body", 32, 46, "", "boilerplate-phrase"),
             Edit("body", 16, 24, "MINISTER", "x")]
    fixed, changes = apply(raw, edits, 1)
    assert fixed["body"] == "The MINISTER spoke.\nMore text here.\n"
    assert undo(fixed, changes) == raw


def test_a_copy_that_cannot_be_written_ends_in_one_line(tmp_path, capsys):
    source = write_jsonl(tmp_path / "a.jsonl", *rows(), ensure_ascii=False)
    blocker = tmp_path / "out"
    blocker.write_text("a file where the directory would go")
    assert main(["fix", str(source), "--output-dir", str(blocker), "--jobs", "1"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("newslint: error:") and "cannot write" in err and "Traceback" not in err


def test_records_of_one_line_get_their_own_fixes_or_none(tmp_path, capsys):
    glued, clean = rows()[1], rows()[0]
    named = tmp_path / "named.json"  # told apart by their ids
    named.write_text(json.dumps([clean, glued]), encoding="utf-8")
    code, target = run_fix(tmp_path, [named], "--select", "timestamp-glued", out="o1")
    assert records_of(target / "named.json")[0] == clean
    assert records_of(target / "named.json")[1]["published"] == "2019-07-21T05:41:00+03:00"
    anonymous = tmp_path / "anonymous.json"  # no id, no URL: whose finding is whose cannot be known
    strip = ("id", "url")
    anonymous.write_text(json.dumps([{k: v for k, v in r.items() if k not in strip} for r in (clean, glued)]),
                         encoding="utf-8")
    capsys.readouterr()
    code, target = run_fix(tmp_path, [anonymous], "--select", "timestamp-glued", out="o2")
    assert [r["published"] for r in records_of(target / "anonymous.json")] == [clean["published"], glued["published"]]
    assert "left 2 records unchanged" in capsys.readouterr().err


def test_no_two_files_are_written_to_one_path(tmp_path, capsys):
    for folder in ("a", "b", "in/logs"):
        (tmp_path / folder).mkdir(parents=True)
    for folder in ("a", "b"):
        write_jsonl(tmp_path / folder / "news.jsonl", *rows())
    assert run_fix(tmp_path, [tmp_path / "a" / "news.jsonl", tmp_path / "b" / "news.jsonl"])[0] == 2
    write_jsonl(tmp_path / "changes.jsonl", *rows())
    assert run_fix(tmp_path, [tmp_path / "changes.jsonl"], out="o3")[0] == 2
    write_jsonl(tmp_path / "in" / "logs" / "changes.jsonl", *rows())
    before = (tmp_path / "in" / "logs" / "changes.jsonl").read_bytes()
    assert main(["fix", str(tmp_path / "in"), "--output-dir", str(tmp_path / "in" / "logs"), "--jobs", "1"]) == 2
    assert (tmp_path / "in" / "logs" / "changes.jsonl").read_bytes() == before
    assert not (tmp_path / "out").exists() and "two files would be written" in capsys.readouterr().err


def test_the_input_format_given_is_the_one_copied(tmp_path):
    data = write_jsonl(tmp_path / "news.data", *rows())
    code, target = run_fix(tmp_path, [data], "--input-format", "jsonl")
    assert code == 0 and records_of_format(target / "news.data", "jsonl")[1]["published"] != rows()[1]["published"]


def records_of_format(path, form):
    return [r.raw for r in read(next(iter(discover([str(path)], form))), FieldMapping()) if hasattr(r, "raw")]


def test_an_input_that_cannot_be_read_makes_fix_and_profile_incomplete(tmp_path, capsys):
    assert run_fix(tmp_path, [tmp_path / "missing.jsonl"])[0] == 3
    assert main(["profile", str(tmp_path / "missing.jsonl"), "--jobs", "1"]) == 3
    assert "incomplete: " in capsys.readouterr().err


def test_a_pipe_is_refused_before_anything_is_read(tmp_path, capsys):
    import os

    pipe = tmp_path / "feed.jsonl"
    os.mkfifo(pipe)
    assert main(["fix", str(pipe), "--output-dir", str(tmp_path / "out"), "--jobs", "1"]) == 2  # no reader: no hang
    assert "a pipe can be read once" in capsys.readouterr().err
