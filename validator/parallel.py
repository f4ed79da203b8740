"""Runs over several processes or a Dask cluster, with the same findings as one process.

The inputs become parts (whole files, and byte ranges of large uncompressed JSON Lines files,
cut at line starts). Each part is checked where it lands: record rules run there, dataset
rules fold the part into a state. The states come back and are merged in input order, so
dataset rules finish as if one process had read everything; findings are then sorted as
always."""
from __future__ import annotations

import logging
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace
from typing import Iterable

from .config import Settings, build_plan
from .engine import Engine, PartResult, RunResult, collect_less
from .fields import FieldMapping
from .loaders import InputFault, Source
from .registry import Registry

PART_BYTES = 2 * 1024 * 1024  # JSON Lines files larger than this are cut into parts of about this size


def parts(inputs: Iterable[Source | InputFault], part_bytes: int | None = None) -> list[Source | InputFault]:
    """Sources as they are, but large uncompressed JSON Lines files as line-aligned byte ranges."""
    part_bytes = part_bytes or PART_BYTES
    result: list[Source | InputFault] = []
    for item in inputs:
        if not isinstance(item, Source) or item.format != "jsonl" or item.compressed or item.file is None:
            result.append(item)
            continue
        try:
            size = item.file.stat().st_size
        except OSError:
            result.append(item)
            continue
        if size <= part_bytes:
            result.append(item)
            continue
        result.extend(_ranges(item, size, part_bytes))
    return result


def _ranges(source: Source, size: int, part_bytes: int) -> list[Source]:
    ranges, start, line = [], 0, 1
    with open(source.file, "rb") as handle:
        while start < size:
            handle.seek(min(size, start + part_bytes))
            handle.readline()  # finish the line that the cut falls in
            end = min(size, handle.tell())
            handle.seek(start)
            newlines = handle.read(end - start).count(b"\n")
            ranges.append(replace(source, start=start, end=end, first_line=line))
            start, line = end, line + newlines
    return ranges


# Worker side: one engine per process, built from the settings before any record is read.
_ENGINE: Engine | None = None


def _init(settings: Settings) -> None:
    global _ENGINE
    collect_less()
    _ENGINE = Engine(build_plan(Registry.default(), settings), FieldMapping(settings.fields, settings.timestamp_fields))


def _check(item: Source | InputFault) -> PartResult:
    from . import loaders

    assert _ENGINE is not None
    if isinstance(item, InputFault):
        return _ENGINE.check_part([item])
    part = _ENGINE.check_part(loaders.read(item, _ENGINE.mapping))
    part.files = 1 if item.start == 0 else 0
    return part


def check_part_with(settings: Settings, item: Source | InputFault) -> PartResult:
    """For Dask: build (once per worker process) and use the engine for these settings."""
    if _ENGINE is None:
        _init(settings)
    return _check(item)


def run_local(engine: Engine, settings: Settings, inputs: Iterable[Source | InputFault], jobs: int) -> RunResult:
    work = parts(inputs)
    with ProcessPoolExecutor(max_workers=jobs, initializer=_init, initargs=(settings,)) as pool:
        results = list(pool.map(_check, work, chunksize=1))
    return engine.finish(results)


def run_dask(engine: Engine, settings: Settings, inputs: Iterable[Source | InputFault], address: str | None,
             jobs: int) -> RunResult:
    from dask.distributed import Client, LocalCluster

    work = parts(inputs)
    cluster = None if address else LocalCluster(n_workers=jobs, threads_per_worker=1, processes=True,
                                                dashboard_address=None, silence_logs=logging.ERROR)
    try:
        with Client(address or cluster) as client:
            futures = client.map(check_part_with, [settings] * len(work), work, pure=False)
            results = client.gather(futures)
    finally:
        if cluster is not None:
            cluster.close()
    return engine.finish(results)


def worth_it(inputs: list[Source | InputFault]) -> bool:
    """Whether the inputs are large enough to repay starting processes (about a second)."""
    total = 0
    for item in inputs:
        if isinstance(item, Source) and item.file is not None:
            try:
                total += item.file.stat().st_size
            except OSError:
                pass
    return total > 2 * PART_BYTES


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
