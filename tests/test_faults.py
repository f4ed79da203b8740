"""Trust under faults: a signal ends a run and its workers; a lost worker, a state that cannot
travel, or a part that raises costs only that part or rule, and says so; the time limit per
record holds on Dask and in any thread."""
import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from conftest import ROOT, rule_doc, write_jsonl

import validator.registry as registry_module
from validator import check, engine, parallel
from validator.cli import main
from validator.loaders import discover
from validator.rule import DatasetRule, RecordRule

PARENT = os.getpid()
RECORD_RULES = ["html-in-text", "author-junk", "mojibake", "invalid-url", "missing-body", "timestamp-placeholder"]


class KillsItsWorker(RecordRule):
    __doc__ = rule_doc("Kills the worker process that checks the record with id kill-me.")
    id, category, severity = "test-kills-its-worker", "artifact", "info"

    def check(self, record):
        if record.get("id") == "kill-me" and os.getpid() != PARENT:
            os.kill(os.getpid(), signal.SIGKILL)
        return iter(())


class Exits(RecordRule):
    __doc__ = rule_doc("Calls sys.exit on the record with id exit-here.")
    id, category, severity = "test-exits", "artifact", "info"

    def check(self, record):
        if record.get("id") == "exit-here":
            sys.exit(5)
        return iter(())


class LockedState(DatasetRule):
    __doc__ = rule_doc("Keeps a lock in its state, which cannot be pickled.")
    id, category, severity = "test-locked-state", "duplicate", "info"

    def start(self):
        return {"lock": threading.Lock(), "records": 0}

    def add(self, state, record):
        state["records"] += 1

    def merge(self, state, other):
        state["records"] += other["records"]
        return state

    def finish(self, state):
        return iter(())


class Hangs(RecordRule):
    __doc__ = rule_doc("Runs for 5 s (as good as forever here) on records titled hang.")
    id, category, severity = "test-hangs", "artifact", "warning"

    def check(self, record):
        if record.get("title") == "hang":
            end = time.monotonic() + 5
            while time.monotonic() < end:
                time.sleep(0.01)
        return iter(())


@pytest.fixture
def with_rules(monkeypatch):
    """The registry, in this process and in the workers it forks, with the test rules."""
    real = registry_module.Registry.default.__func__
    monkeypatch.setattr(registry_module.Registry, "default", classmethod(lambda cls: cls(
        list(real(cls).rules.values()) + [KillsItsWorker, Exits, LockedState, Hangs])))


@pytest.fixture
def big_input(tmp_path, monkeypatch):
    """The samples, many times over, in one JSON Lines file cut into many parts, with one
    record for the test rules in the middle."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(parallel, "PART_BYTES", 20_000)
    lines = (ROOT / "samples" / "news.jsonl").read_text(encoding="utf-8").splitlines() * 4
    special = json.dumps({"id": "kill-me", "title": "hang", "body": "Text."})
    path = tmp_path / "big.jsonl"
    path.write_text("\n".join(lines[:130] + [special] + lines[130:]) + "\n", encoding="utf-8")
    return path


def _report(capsys, *args):
    code = main(["check", *args, "--format", "json"])
    return code, json.loads(capsys.readouterr().out)["findings"]


def _part_of(path, line):
    """The part that holds this line, and the line after it."""
    for part in parallel.parts(discover([str(path)])):
        end = part.first_line + open(part.file, "rb").read()[slice(*part.byte_range)].count(b"\n")
        if part.first_line <= line < end:
            return part, end


def _outside(findings, lines):
    first, end = lines[0].first_line, lines[1]
    return [f for f in findings if f["rule"] != "internal-error" and not first <= (f["line"] or 0) < end]


def test_a_killed_worker_costs_its_part_alone(big_input, with_rules, capsys):
    select = ",".join(RECORD_RULES + ["test-kills-its-worker"])
    code, findings = _report(capsys, str(big_input), "--jobs", "2", "--select", select)
    _, whole = _report(capsys, str(big_input), "--jobs", "1", "--select", select)  # the rule kills no parent
    lost, _ = lines = _part_of(big_input, 131)
    errors = [f for f in findings if f["rule"] == "internal-error"]
    assert code == 3 and len(errors) == 1
    assert errors[0]["path"] == str(big_input) and errors[0]["line"] == lost.first_line
    assert f"bytes {lost.byte_range[0]:,}-{lost.byte_range[1]:,}" in errors[0]["message"] and "SIGKILL" in errors[0]["message"]
    # every other part was checked, on a fresh pool where the broken one took them with it
    assert _outside(findings, lines) == _outside(whole, lines)


def test_a_state_that_cannot_be_pickled_costs_that_rule_alone(big_input, with_rules, capsys):
    select = ",".join(RECORD_RULES + ["duplicate-id", "test-locked-state"])
    code, findings = _report(capsys, str(big_input), "--jobs", "2", "--select", select)
    one_code, whole = _report(capsys, str(big_input), "--jobs", "1", "--select", select)
    errors = [f for f in findings if f["rule"] == "internal-error"]
    assert one_code == 1 and code == 3 and len(errors) == 1
    assert "test-locked-state" in errors[0]["message"] and "pickle" in errors[0]["message"]
    assert [f for f in findings if f["rule"] != "internal-error"] == whole


def test_a_part_that_raises_fails_alone(big_input, with_rules, capsys):
    _, whole = _report(capsys, str(big_input), "--jobs", "1", "--select", ",".join(RECORD_RULES))
    big_input.write_text(big_input.read_text().replace('"kill-me"', '"exit-here"'))
    code, findings = _report(capsys, str(big_input), "--jobs", "2", "--select", ",".join(RECORD_RULES + ["test-exits"]))
    errors = [f for f in findings if f["rule"] == "internal-error"]
    lines = _part_of(big_input, 131)
    assert code == 3 and [e["line"] for e in errors] == [lines[0].first_line]
    assert "SystemExit: 5" in errors[0]["message"]
    assert _outside(findings, lines) == _outside(whole, lines)


def test_a_part_of_a_parquet_file_is_named_by_its_row_groups():
    from validator.loaders import Source

    part = Source(path="a.parquet", file=None, format="parquet", row_groups=(2, 5), first_line=1001)
    assert parallel._describe(part) == "part a.parquet row groups 2-4 (rows from 1,001)"


@pytest.fixture(scope="module")
def threaded_cluster():
    """A Dask cluster in this process, so that its workers see the test rules and limits; its
    tasks run in worker threads, as on any Dask cluster."""
    distributed = pytest.importorskip("dask.distributed")
    import logging

    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None,
                                  silence_logs=logging.ERROR) as cluster:
        yield cluster.scheduler_address


def test_dask_a_task_that_raises_fails_its_part_alone(big_input, with_rules, threaded_cluster, capsys):
    _, whole = _report(capsys, str(big_input), "--jobs", "1", "--select", ",".join(RECORD_RULES))
    big_input.write_text(big_input.read_text().replace('"kill-me"', '"exit-here"'))
    code, findings = _report(capsys, str(big_input), "--engine", "dask", "--dask-address", threaded_cluster,
                             "--select", ",".join(RECORD_RULES + ["test-exits"]))
    errors = [f for f in findings if f["rule"] == "internal-error"]
    lines = _part_of(big_input, 131)
    assert code == 3 and [e["line"] for e in errors] == [lines[0].first_line]
    assert _outside(findings, lines) == _outside(whole, lines)


def test_dask_the_time_limit_stops_a_hanging_rule(big_input, with_rules, threaded_cluster, monkeypatch, capsys):
    monkeypatch.setattr(engine, "RULE_SECONDS", 0.3)
    code, findings = _report(capsys, str(big_input), "--engine", "dask", "--dask-address", threaded_cluster,
                             "--select", "test-hangs,html-in-text")
    errors = [f for f in findings if f["rule"] == "internal-error"]
    assert code == 3 and [(e["line"], e["record"]) for e in errors] == [(131, "kill-me")]
    assert "test-hangs" in errors[0]["message"] and "0.3 s" in errors[0]["message"]
    assert any(f["rule"] == "html-in-text" for f in findings)


def test_the_time_limit_holds_in_any_thread(with_rules, monkeypatch):
    monkeypatch.setattr(engine, "RULE_SECONDS", 0.3)
    records = [{"id": "a", "title": "hang", "body": "x"}, {"id": "b", "title": "fine", "body": ""}]
    found = []
    worker = threading.Thread(target=lambda: found.extend(check(records, select=["test-hangs", "missing-body"])))
    worker.start()
    worker.join(30)
    assert [(f.rule, f.record) for f in found] == [("internal-error", "a"), ("missing-body", "b")]
    assert "test-hangs" in found[0].message


# Signals, on a real process: a plug-in rule, installed as an entry point on PYTHONPATH, sleeps
# on every record and marks the worker processes that are busy.

PLUGIN = f'''
import os
import time
from pathlib import Path

from validator.rule import RecordRule


class Sleeps(RecordRule):
    __doc__ = {rule_doc('Sleeps on every record and marks the process busy.')!r}
    id, category, severity = "test-sleeps", "artifact", "info"

    def check(self, record):
        (Path(os.environ["NEWSLINT_TEST_BUSY"]) / str(os.getpid())).touch()
        time.sleep(0.01)
        return iter(())
'''


@pytest.fixture
def sleepy_run(tmp_path):
    """Start `newslint check --jobs 2` on 5 MB (worth two processes) with the sleeping rule;
    return the process, its worker pids once both are busy, and the report path."""
    if not Path("/proc/self/stat").exists():
        pytest.skip("needs /proc")
    plugins = tmp_path / "plugins"
    (plugins / "newslint_test_sleeps-0.dist-info").mkdir(parents=True)
    (plugins / "newslint_test_sleeps.py").write_text(PLUGIN)
    (plugins / "newslint_test_sleeps-0.dist-info" / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: newslint-test-sleeps\nVersion: 0\n")
    (plugins / "newslint_test_sleeps-0.dist-info" / "entry_points.txt").write_text(
        "[newslint.rules]\nsleeps = newslint_test_sleeps:Sleeps\n")
    data = tmp_path / "big.jsonl"
    record = {"id": "r", "title": "Old bridge reopens", "body": "The old bridge reopened on Sunday. " * 30}
    write_jsonl(data, *(dict(record, id=f"r{i}") for i in range(5000)))
    busy, report = tmp_path / "busy", tmp_path / "report.json"
    busy.mkdir()
    env = dict(os.environ, PYTHONPATH=str(plugins), NEWSLINT_TEST_BUSY=str(busy))
    started = []

    def start():
        process = subprocess.Popen(
            [sys.executable, "-m", "validator", "check", str(data), "--jobs", "2", "--select", "test-sleeps",
             "--format", "json", "--output", str(report)],
            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
        started.append(process)
        deadline = time.monotonic() + 60
        while len(list(busy.iterdir())) < 2 and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        workers = [int(p.name) for p in busy.iterdir()]
        started.extend(workers)
        assert len(workers) == 2, process.communicate()
        return process, workers, report

    yield start
    for item in started:  # whatever the outcome, nothing is left running
        try:
            os.kill(item if isinstance(item, int) else item.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        if not isinstance(item, int):
            item.wait()


def _alive(pid):
    """Running (a zombie is not: it waits only to be reaped)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (FileNotFoundError, ProcessLookupError):
        return False


def _all_gone(pids, seconds):
    deadline = time.monotonic() + seconds
    while any(_alive(pid) for pid in pids) and time.monotonic() < deadline:
        time.sleep(0.02)
    return not any(_alive(pid) for pid in pids)


@pytest.mark.parametrize("sent, code, line", [(signal.SIGTERM, 143, "newslint: terminated"),
                                               (signal.SIGINT, 130, "newslint: interrupted")])
def test_a_signal_ends_the_run_and_its_workers(sleepy_run, sent, code, line):
    process, workers, report = sleepy_run()
    # SIGINT as Ctrl-C sends it, to the whole process group; SIGTERM as a CI runner's step timeout, to newslint
    os.killpg(process.pid, sent) if sent == signal.SIGINT else process.send_signal(sent)
    assert _all_gone(workers, 2)
    _, err = process.communicate(timeout=10)
    assert process.returncode == code and err == line + "\n"
    assert list(report.parent.glob("*report.json*")) == []  # neither the report nor its temporary file


def test_workers_die_with_a_parent_killed_outright(sleepy_run):
    process, workers, _ = sleepy_run()
    process.kill()
    assert _all_gone(workers, 2)


def test_a_dataset_rule_whose_merge_raises_reports_an_internal_error(registry):
    from validator.config import Settings, build_plan
    from validator.engine import Engine
    from validator.fields import FieldMapping
    from validator.registry import Registry
    from validator.rule import DatasetRule

    class BadMerge(DatasetRule):
        """Cannot merge.

        **Fails**

        ```text
        -
        ```

        **Passes**

        ```text
        -
        ```
        """

        id, category, severity = "test-bad-merge", "duplicate", "warning"

        def start(self):
            return []

        def add(self, state, record):
            state.append(1)

        def merge(self, state, other):
            raise RuntimeError("no merging")

        def finish(self, state):
            return iter(())

    rules = Registry(list(registry.rules.values()) + [BadMerge])
    engine = Engine(build_plan(rules, Settings(select=["test-bad-merge", "missing-body"])), FieldMapping())
    records = [{"id": str(n), "title": "T", "body": ""} for n in range(4)]
    from validator.loaders.base import make_record

    parts = [engine.check_part([])] + [engine.check_part([make_record(r, engine.mapping, "a", n)]) for n, r in enumerate(records, 1)]
    result = engine.finish(parts)
    errors = [f for f in result.findings if f.rule == "internal-error"]
    assert len(errors) == 1 and "test-bad-merge" in errors[0].message and "merging" in errors[0].message
    assert sum(f.rule == "missing-body" for f in result.findings) == 4
