"""Runs over several processes or a Dask cluster, with the same findings as one process.

The inputs, local or remote (fsspec), become parts: whole files, byte ranges of large
uncompressed JSON Lines files cut at line starts, and runs of row groups of large Parquet
files. Each part is checked where it lands: record rules run there, dataset
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

PART_BYTES = 2 * 1024 * 1024  # JSON Lines and Parquet files larger than this are cut into parts of about this size


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
    ranges, start, line = [], 0, 1
    with source.open_file() as handle:
        while start < size:
            handle.seek(min(size, start + part_bytes))
            handle.readline()  # finish the line that the cut falls in
            end = min(size, handle.tell())
            handle.seek(start)
            newlines = handle.read(end - start).count(b"\n")
            ranges.append(replace(source, start=start, end=end, first_line=line))
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
            runs.append(replace(source, start=first, end=group + 1, first_line=row))
            row += sum(metadata.row_group(g).num_rows for g in range(first, group + 1))
            first, size = group + 1, 0
    return runs if len(runs) > 1 else [source]


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
        return engine.finish(pool.map(_check, work, chunksize=1))  # merged as they come, in input order


def run_dask(engine: Engine, settings: Settings, inputs: Iterable[Source | InputFault], address: str | None,
             jobs: int) -> RunResult:
    from dask.distributed import Client, LocalCluster

    work = parts(inputs)
    cluster = None if address else LocalCluster(n_workers=jobs, threads_per_worker=1, processes=True,
                                                dashboard_address=None, silence_logs=logging.ERROR)
    try:
        with Client(address or cluster) as client:
            futures = client.map(check_part_with, [settings] * len(work), work, pure=False)
            return engine.finish(_in_order(futures))
    finally:
        if cluster is not None:
            cluster.close()


def _in_order(futures: list) -> Iterable[PartResult]:
    """Each part's result in input order, released on the cluster once fetched."""
    for future in futures:
        part = future.result()
        future.release()
        yield part


def worth_it(inputs: list[Source | InputFault]) -> bool:
    """Whether the inputs are large enough to repay starting processes (about a second)."""
    total = sum(item.size() or 0 for item in inputs if isinstance(item, Source))
    return total > 2 * PART_BYTES


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
