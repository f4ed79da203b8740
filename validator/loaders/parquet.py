"""Parquet, streamed by record batch (extra `parquet`: pyarrow). `line` is the 1-based row number;
a part of a large file (parallel runs) is a run of its row groups."""
from __future__ import annotations

import datetime as dt
from typing import Iterator

from ..fields import FieldMapping
from ..record import Record
from .base import InputFault, Source, make_record

BATCH_ROWS = 1024


def _plain(value: object) -> object:
    """Timestamps become ISO 8601 text, so that every loader hands rules the same kinds of values."""
    if isinstance(value, (dt.datetime, dt.date, dt.time)):
        return value.isoformat()
    return value


def read(source: Source, mapping: FieldMapping, limit: int = 0) -> Iterator[Record | InputFault]:
    """Record batches are bounded by the file's own row groups; `limit` is not used."""
    try:
        import pyarrow.parquet as pq
    except ImportError:
        yield InputFault("unsupported-format", source.path, None,
                         "reading Parquet needs pyarrow: pip install 'newslint[parquet]'")
        return
    row = source.first_line - 1
    groups = None if source.row_groups is None else range(*source.row_groups)  # a part: these row groups
    try:
        with source.open() as stream:
            for batch in pq.ParquetFile(stream).iter_batches(batch_size=BATCH_ROWS, row_groups=groups):
                for value in batch.to_pylist():
                    row += 1
                    yield make_record({k: _plain(v) for k, v in value.items()}, mapping, source.path, row)
    except Exception as exc:  # pyarrow raises several types (ArrowInvalid, OSError) for one fault: a damaged file
        yield InputFault("unreadable-file", source.path, row + 1 if row else None,
                         f"not a readable Parquet file after row {row}: {exc}")
