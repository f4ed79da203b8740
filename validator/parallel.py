"""Runs over several processes or a Dask cluster, with the same findings as one process.

The inputs, local or remote (fsspec), become parts: whole files, byte ranges of large
uncompressed JSON Lines files cut at line starts, and runs of row groups of large Parquet
files. Each part is checked where it lands: record rules run there, dataset
rules fold the part into a state. The states come back and are merged in input order, so
dataset rules finish as if one process had read everything; findings are then sorted as
always.

A part that cannot be checked (its worker process killed, an error out of the engine, a
result that cannot travel back) becomes an internal-error finding that names it, and the
other parts are still checked; a dataset rule whose state cannot travel back loses its
findings, not the parts. A signal ends a local run's workers with it."""
from __future__ import annotations

import ctypes
import logging
import multiprocessing
import os
import pickle
import signal
import threading
import time
import uuid
from collections import Counter
from contextlib import contextmanager
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, replace
from typing import Iterable, Iterator

from .config import Settings, build_plan
from .engine import Engine, PartResult
from .process import collect_less
from .result import RunResult
from .fields import FieldMapping
from .loaders import InputFault, Source
from .registry import Registry

PART_BYTES = 2 * 1024 * 1024  # JSON Lines and Parquet files larger than this are cut into parts of about this size
AHEAD_PER_JOB = 8  # parts handed out per worker ahead of the one being merged
_CHUNK = 1 << 20


def parts(inputs: Iterable[Source | InputFault], part_bytes: int | None = None) -> list[Source | InputFault]:
    """Sources as they are, but large uncompressed JSON Lines files as line-aligned byte
    ranges, and large Parquet files as runs of row groups."""
    part_bytes = part_bytes or PART_BYTES
    result: list[Source | InputFault] = []
    for item in inputs:
        if not isinstance(item, Source) or item.compressed or item.format not in ("jsonl", "parquet"):
            result.append(item)
            continue
        size = item.size()
        if size is None or size <= part_bytes:
            result.append(item)
        elif item.format == "jsonl":
            result.extend(_ranges(item, size, part_bytes))
        else:
            result.extend(_row_groups(item, part_bytes))
    return result


def _ranges(source: Source, size: int, part_bytes: int) -> list[Source]:
    """Byte ranges of about part_bytes, each ending at a line end; read in chunks, so that a
    line of any length is never held whole."""
    ranges, start, line = [], 0, 1
    with source.open_file() as handle:
        while start < size:
            handle.seek(start)
            end, newlines = start, 0
            while end < size:
                chunk = handle.read(min(_CHUNK, size - end))
                if not chunk:
                    break
                cut_from = part_bytes - (end - start)  # where in this chunk the part may end
                if cut_from < len(chunk) and (cut := chunk.find(b"\n", max(0, cut_from))) >= 0:
                    chunk = chunk[: cut + 1]  # the line that the cut falls in ends here
                    newlines += chunk.count(b"\n")
                    end += len(chunk)
                    break
                newlines += chunk.count(b"\n")
                end += len(chunk)
            if end == start:  # the file is shorter than it was: the rest is read by the last part
                if len(ranges) > 1:
                    ranges[-1] = replace(ranges[-1], byte_range=(ranges[-1].byte_range[0], None))
                else:
                    ranges = [source]  # one part, from the start to the end: the whole input
                break
            ranges.append(replace(source, byte_range=(start, end), first_line=line))
            start, line = end, line + newlines
    return ranges


def _row_groups(source: Source, part_bytes: int) -> list[Source]:
    """Runs of whole row groups of about part_bytes (uncompressed), from the file's footer."""
    try:
        import pyarrow.parquet as pq

        with source.open_file() as handle:
            metadata = pq.ParquetFile(handle).metadata
    except Exception:  # no pyarrow, or a damaged file: read whole, where the reader reports it
        return [source]
    runs, first, size, row = [], 0, 0, 1
    for group in range(metadata.num_row_groups):
        size += metadata.row_group(group).total_byte_size
        if size >= part_bytes or group == metadata.num_row_groups - 1:
            runs.append(replace(source, row_groups=(first, group + 1), first_line=row))
            row += sum(metadata.row_group(g).num_rows for g in range(first, group + 1))
            first, size = group + 1, 0
    return runs if len(runs) > 1 else [source]


# Worker side: one engine per process, built from the settings before any record is read.
_ENGINE: Engine | None = None
_STARTED = None  # shared with the parent: part index -> pid of the worker that began it


def _init(settings: Settings, started, parent: int) -> None:
    global _ENGINE, _STARTED
    _become_worker(parent)
    collect_less()
    _ENGINE, _STARTED = _engine_for(settings), started


def _engine_for(settings: Settings) -> Engine:
    return Engine(build_plan(Registry.default(), settings), FieldMapping(settings.fields, settings.timestamp_fields))


def _become_worker(parent: int) -> None:
    """Ctrl-C reaches the whole process group, but the parent decides what it means; SIGTERM,
    which the parent sends to end its workers, ends them quietly; and a worker dies with its
    parent, even one killed outright. The parent starts its workers with these signals
    blocked, so that neither arrives before the worker's own handling is in place."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _die_with(parent)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, ENDING_SIGNALS)


def _die_with(parent: int) -> None:
    try:  # Linux: the kernel kills the worker when its parent dies
        if ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL) != 0:
            raise OSError(ctypes.get_errno(), "prctl")
    except Exception:  # elsewhere: a thread that watches for the worker being orphaned
        threading.Thread(target=_exit_when_orphaned, args=(os.getppid(),), daemon=True).start()
    try:
        os.kill(parent, 0)
    except ProcessLookupError:  # the parent died before the worker could ask
        os._exit(1)


def _exit_when_orphaned(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)


PR_SET_PDEATHSIG = 1
ENDING_SIGNALS = {signal.SIGINT, signal.SIGTERM}


@contextmanager
def _ending_signals_blocked():
    """Held back in this thread, and in the processes and threads it starts meanwhile (they
    keep the mask until they unblock them), then delivered."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    signal.pthread_sigmask(signal.SIG_BLOCK, ENDING_SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, ENDING_SIGNALS)


class PartFailed(Exception):
    """Checking a part raised in a worker. The error travels as text: another module's
    exception may not unpickle in the parent."""


@dataclass
class LostState:
    """In place of a dataset rule's state that could not be pickled in the worker."""

    rule: str
    error: str


def _check(index: int, item: Source | InputFault) -> PartResult:
    assert _ENGINE is not None and _STARTED is not None
    _STARTED[index] = os.getpid()
    return _check_with(_ENGINE, item)


def _check_with(engine: Engine, item: Source | InputFault) -> PartResult:
    from . import loaders

    try:
        if isinstance(item, InputFault):
            part = engine.check_part([item])
        else:
            part = engine.check_part(loaders.read(item, engine.mapping, engine.plan.max_record_bytes))
            part.files = 1 if item.first_part else 0
        return _portable(engine, part)
    except BaseException as exc:  # a worker has no use for SystemExit or KeyboardInterrupt from a rule
        raise PartFailed(_error(exc)) from None


def _portable(engine: Engine, part: PartResult) -> PartResult:
    """The part with each dataset rule's state pickled on its own, so that a state that cannot
    be pickled costs that rule its findings, not the whole part."""
    states: list = []
    for rule, state in zip(engine.dataset_rules, part.states):
        try:
            states.append(pickle.dumps(state, pickle.HIGHEST_PROTOCOL))
        except Exception as exc:
            states.append(LostState(rule.id, _error(exc)))
    part.states = states
    return part


_ENGINES: dict[str, Engine] = {}  # on a Dask worker: run -> engine; a cluster serves many runs


def check_part_with(settings: Settings, run: str, item: Source | InputFault) -> PartResult:
    """For Dask: build (once per worker process and run) and use the engine for these settings."""
    engine = _ENGINES.get(run)
    if engine is None:
        if len(_ENGINES) >= 4:
            _ENGINES.clear()
        collect_less()
        engine = _ENGINES.setdefault(run, _engine_for(settings))
    return _check_with(engine, item)


# Parent side.

def run_local(engine: Engine, settings: Settings, inputs: Iterable[Source | InputFault], jobs: int,
              progress=None) -> RunResult:
    work = parts(inputs)
    with _Workers(settings, jobs, len(work)) as workers:
        outcomes = _counted(workers.results(work), progress)
        return engine.finish(_received(engine, outcomes, len(work)))  # merged as they come, in order


class _Workers:
    """The worker processes of a local run. When one dies (killed, out of memory), the pool
    breaks and takes the parts of the others with it: the part the dead worker was checking is
    reported, not tried again (it may well kill the next one), and the others run on a fresh
    pool. However the run ends, its workers end with it, killed if they must be: shutting a
    pool down waits for the parts it is running."""

    def __init__(self, settings: Settings, jobs: int, count: int):
        self.settings, self.jobs = settings, jobs
        self.started = multiprocessing.RawArray("q", count)
        self.tries: Counter = Counter()
        self.pool: ProcessPoolExecutor | None = None
        self.processes: dict = {}

    def __enter__(self) -> _Workers:
        return self

    def __exit__(self, kind, error, trace) -> None:
        self._close(kill=kind is not None)

    def results(self, work: list[Source | InputFault]) -> Iterator[tuple[Source | InputFault, PartResult | str]]:
        """Each part and its result, or why it has none, in input order. Only a few parts are
        handed out ahead of the one being merged: the results of later parts would otherwise
        wait in memory behind a slow one."""
        ahead = AHEAD_PER_JOB * self.jobs
        futures = self._submit(work, range(min(ahead, len(work))))
        handed = min(ahead, len(work))
        failed: dict[int, str] = {}
        for index, item in enumerate(work):
            while handed < min(len(work), index + ahead) and self._hand_out(work, handed, futures):
                handed += 1
            if index not in futures and index not in failed:  # the pool broke before it was handed out
                self._close(kill=False)
                futures |= self._submit(work, [index])
                handed = max(handed, index + 1)
            result = None
            while result is None and index not in failed:
                try:
                    result = futures[index].result()
                except BrokenProcessPool:
                    futures = self._resubmit(work, futures, failed)
                except Exception as exc:  # the part raised, or its result could not be pickled
                    failed[index] = f"checking it raised {_error(exc)}"
            futures.pop(index, None)
            yield item, result if result is not None else failed.pop(index)

    def _hand_out(self, work: list, index: int, futures: dict[int, Future]) -> bool:
        """One more part to the running pool; False when the pool is broken (the part is
        handed out again once a fresh pool runs)."""
        if self.pool is None:  # closed after a worker died, with nothing to run again
            futures |= self._submit(work, [index])
            return True
        try:
            with _ending_signals_blocked():
                futures[index] = self.pool.submit(_check, index, work[index])
        except BrokenProcessPool:
            return False
        self.processes.update(self.pool._processes or {})
        return True

    def _submit(self, work: list, indices: Iterable[int]) -> dict[int, Future]:
        self.pool = ProcessPoolExecutor(max_workers=self.jobs, initializer=_init,
                                        initargs=(self.settings, self.started, os.getpid()))
        # The pool's threads keep the signals blocked, so that they reach the main thread, which
        # may be waiting for a result; the workers unblock them once they handle them their way.
        with _ending_signals_blocked():
            futures = {index: self.pool.submit(_check, index, work[index]) for index in indices}
            self.processes = dict(self.pool._processes or {})  # the executor keeps no record of the dead ones
        return futures

    def _resubmit(self, work: list, futures: dict[int, Future], failed: dict[int, str]) -> dict[int, Future]:
        """After a worker died: the part it was checking fails; the others that the broken pool
        took with it run on a fresh one."""
        self._close(kill=False)  # lets the executor finish ending its workers: their exit codes are then known
        again = []
        for index, future in futures.items():
            if not isinstance(future.exception(), BrokenProcessPool):
                continue
            process = self.processes.get(self.started[index])
            if process is not None and process.exitcode != -signal.SIGTERM:  # not one the executor ended
                failed[index] = _death(process.exitcode)
            elif self.tries[index] >= 2:
                failed[index] = "its worker pool broke each time it was tried"
            else:
                self.tries[index] += 1
                self.started[index] = 0
                again.append(index)
        kept = {index: future for index, future in futures.items() if index not in failed and index not in again}
        return kept | (self._submit(work, again) if again else {})

    def _close(self, kill: bool) -> None:
        if self.pool is None:
            return
        if kill:
            for process in self.processes.values():
                process.terminate()
            deadline = time.monotonic() + 1
            for process in self.processes.values():
                process.join(max(0.0, deadline - time.monotonic()))
                if process.is_alive():
                    process.kill()
                    process.join()
        self.pool.shutdown(wait=True, cancel_futures=True)
        self.pool = None


def _death(exitcode: int | None) -> str:
    if exitcode is not None and exitcode < 0:
        name = signal.Signals(-exitcode).name
        why = " (the out-of-memory killer, or kill -9)" if -exitcode == signal.SIGKILL else ""
        return f"the worker process checking it was killed by {name}{why}"
    return f"the worker process checking it exited with status {exitcode}"


def run_dask(engine: Engine, settings: Settings, inputs: Iterable[Source | InputFault], address: str | None,
             jobs: int, progress=None) -> RunResult:
    from dask.distributed import Client, LocalCluster

    work = parts(inputs)
    # A task that fails is reported as an internal-error finding: the workers' own error log would repeat it.
    cluster = None if address else LocalCluster(n_workers=jobs, threads_per_worker=1, processes=True,
                                                dashboard_address=None, silence_logs=logging.CRITICAL)
    try:
        with Client(address or cluster) as client:
            run = uuid.uuid4().hex
            futures = client.map(check_part_with, [settings] * len(work), [run] * len(work), work, pure=False)
            return engine.finish(_received(engine, _counted(_in_order(work, futures), progress), len(work)))
    finally:
        if cluster is not None:
            cluster.close()


def _counted(outcomes, progress):
    """The outcomes, with each part's records and bytes told to the progress line."""
    for item, outcome in outcomes:
        if progress is not None and not isinstance(outcome, str):
            progress.advance(outcome.records, part_bytes(item))
        yield item, outcome


def part_bytes(item) -> int:
    """Bytes of the input a part covers (0 where a part is row groups, or a fault)."""
    if not isinstance(item, Source) or item.format == "parquet":
        return 0
    if item.byte_range is not None and item.byte_range[1] is not None:
        return item.byte_range[1] - item.byte_range[0]
    return input_bytes(item)


def input_bytes(item) -> int:
    try:
        return item.file.stat().st_size if hasattr(item.file, "stat") else 0
    except OSError:
        return 0


def _in_order(work: list, futures: list) -> Iterator[tuple[Source | InputFault, PartResult | str]]:
    """Each part and its result, or why it has none, in input order, released on the cluster
    once fetched. A part whose task failed, or whose workers kept dying, fails alone."""
    for item, future in zip(work, futures):
        try:
            outcome = future.result()
        except Exception as exc:
            outcome = f"checking it raised {_error(exc)}"
        future.release()
        yield item, outcome


def _received(engine: Engine, outcomes: Iterable[tuple[Source | InputFault, PartResult | str]],
              count: int) -> Iterator[PartResult]:
    """The parts as the engine merges them: states unpickled, a failed part as an
    internal-error finding that names it, and, at the end, one internal-error finding for each
    dataset rule whose state could not come back."""
    lost: dict[str, list] = {}  # rule id -> [error, parts, records]
    for item, outcome in outcomes:
        if isinstance(outcome, str):
            yield _unchecked(engine, item, outcome)
            continue
        states = []
        for rule, state in zip(engine.dataset_rules, outcome.states):
            if not isinstance(state, LostState):
                try:
                    states.append(pickle.loads(state))
                    continue
                except Exception as exc:
                    state = LostState(rule.id, _error(exc))
            entry = lost.setdefault(rule.id, [state.error, 0, 0])
            entry[1], entry[2] = entry[1] + 1, entry[2] + outcome.records
            states.append(rule.start())
        outcome.states = states
        yield outcome
    if lost:
        yield PartResult(states=[rule.start() for rule in engine.dataset_rules], findings=[
            engine.stamp.incomplete("", None, f"dataset rule {rule_id}: its state could not be sent back from the "
                                              f"workers ({error}), so it did not see {records:,} records ({parts} of "
                                              f"{count} parts); its findings are incomplete")
            for rule_id, (error, parts, records) in lost.items()])


def _unchecked(engine: Engine, item: Source | InputFault, reason: str) -> PartResult:
    return PartResult(states=[rule.start() for rule in engine.dataset_rules],
                      files=1 if isinstance(item, Source) and item.first_part else 0,
                      findings=[engine.stamp.incomplete(
                          item.path, None if _whole(item) else item.first_line,
                          f"{_describe(item)} was not checked: {reason}; no rule saw its records")])


def _whole(item: Source | InputFault) -> bool:
    return isinstance(item, InputFault) or item.whole


def _describe(item: Source | InputFault) -> str:
    if _whole(item):
        return f"input {item.path}"
    if item.row_groups is not None:
        first, stop = item.row_groups
        return f"part {item.path} row groups {first}-{stop - 1} (rows from {item.first_line:,})"
    start, end = item.byte_range
    return (f"part {item.path} bytes {start:,}-{f'{end:,}' if end is not None else 'the end'} "
            f"(lines from {item.first_line:,})")


def _error(exc: BaseException) -> str:
    return str(exc) if isinstance(exc, PartFailed) else f"{type(exc).__name__}: {exc}"


def worth_it(inputs: list[Source | InputFault]) -> bool:
    """Whether the inputs are large enough to repay starting processes (about a second)."""
    total = sum(item.size() or 0 for item in inputs if isinstance(item, Source))
    return total > 2 * PART_BYTES


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
