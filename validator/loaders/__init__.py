"""Streaming loaders: inputs become records, and bad input becomes faults with a location.

Input files are only ever opened for reading.
"""
from __future__ import annotations

import gzip
import zlib
from pathlib import Path
from typing import Callable, Iterator

from ..fields import FieldMapping
from ..record import Record
from . import csvfile, jsondoc, jsonlines, parquet, text
from .base import InputFault, Source

READERS: dict[str, Callable[[Source, FieldMapping], Iterator[Record | InputFault]]] = {
    "jsonl": jsonlines.read,
    "json": jsondoc.read,
    "csv": csvfile.read,
    "tsv": csvfile.read,
    "parquet": parquet.read,
    "txt": text.read,
}
SUFFIXES = {
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".jsonlines": "jsonl", ".json": "json",
    ".csv": "csv", ".tsv": "tsv", ".parquet": "parquet", ".pq": "parquet", ".txt": "txt",
}
FORMATS = tuple(READERS)


def _format_of(path: Path) -> tuple[str | None, bool]:
    name = path.name.lower()
    compressed = name.endswith(".gz")
    if compressed:
        name = name[:-3]
    return SUFFIXES.get(Path(name).suffix), compressed


def discover(paths: list[str], input_format: str | None = None) -> Iterator[Source | InputFault]:
    """Each input in order; directories recursively, sorted, skipping hidden entries and
    files of unknown formats. A named file of unknown format or a missing path is a fault."""
    for given in paths:
        if given == "-":
            yield Source("<stdin>", None, input_format or "jsonl")
            continue
        path = Path(given)
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                if any(part.startswith(".") for part in child.relative_to(path).parts):
                    continue
                fmt, compressed = _format_of(child)
                if fmt:
                    yield Source(child.as_posix(), child, input_format or fmt, compressed)
        elif path.is_file():
            fmt, compressed = _format_of(path)
            fmt = input_format or fmt
            if fmt:
                yield Source(path.as_posix(), path, fmt, compressed)
            else:
                yield InputFault("unsupported-format", path.as_posix(), None,
                                 "unknown file format; name it .jsonl, .json, .csv, .tsv, .parquet or .txt "
                                 "(optionally .gz), or pass --input-format")
        else:
            yield InputFault("unreadable-file", path.as_posix(), None, "no such file or directory")


def read(source: Source, mapping: FieldMapping) -> Iterator[Record | InputFault]:
    """The records and faults of one source; an empty or unopenable source is a fault too."""
    produced = False
    try:
        for item in READERS[source.format](source, mapping):
            produced = True
            yield item
    except (EOFError, gzip.BadGzipFile, zlib.error) as exc:  # whole-file readers; line readers report their own
        yield InputFault("corrupt-gzip", source.path, None, f"gzip stream is truncated or corrupt: {exc}")
        return
    except OSError as exc:
        yield InputFault("unreadable-file", source.path, None, f"cannot read: {exc.strerror or exc}")
        return
    if not produced and source.start == 0 and source.end is None:
        yield InputFault("empty-file", source.path, None, "the input holds no records")
