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
from .base import DEFAULT_MAX_RECORD_BYTES, InputFault, Source, is_remote, remote_filesystem

READERS: dict[str, Callable[[Source, FieldMapping, int], Iterator[Record | InputFault]]] = {
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
_UNKNOWN_FORMAT = ("unknown file format; name it .jsonl, .json, .csv, .tsv, .parquet or .txt (optionally .gz), "
                   "or pass --input-format")


def _format_of(path: Path | str) -> tuple[str | None, bool]:
    name = (path.name if isinstance(path, Path) else path.rsplit("/", 1)[-1]).lower()
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
        if is_remote(given):
            yield from _discover_remote(given, input_format)
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
                yield InputFault("unsupported-format", path.as_posix(), None, _UNKNOWN_FORMAT)
        else:
            yield InputFault("unreadable-file", path.as_posix(), None, "no such file or directory")


def _discover_remote(url: str, input_format: str | None) -> Iterator[Source | InputFault]:
    """A remote file, or every file under a remote folder or matching a glob, sorted, read
    through fsspec (s3://, gs://, https:// ...; extra `s3` or `gcs` for those stores)."""
    protocol = url.split("://", 1)[0]
    try:
        filesystem, root = remote_filesystem(url)
        if any(char in root for char in "*?["):
            found = sorted(filesystem.glob(root))
        elif filesystem.isdir(root):
            found = sorted(p for p in filesystem.find(root)
                           if not any(part.startswith(".") for part in p[len(root.rstrip("/")) + 1:].split("/")))
        elif filesystem.isfile(root):
            fmt, compressed = _format_of(root)
            fmt = input_format or fmt
            if fmt:
                yield Source(url, url, fmt, compressed)
            else:
                yield InputFault("unsupported-format", url, None, _UNKNOWN_FORMAT)
            return
        else:
            yield InputFault("unreadable-file", url, None, "no such file or folder")
            return
    except ImportError as exc:
        yield InputFault("unreadable-file", url, None, f"reading {protocol}:// needs fsspec and the package for "
                         f"{protocol} (pip install 'newslint[s3]' or 'newslint[gcs]'): {exc}")
        return
    except (OSError, ValueError) as exc:
        yield InputFault("unreadable-file", url, None, f"cannot list: {exc}")
        return
    for path in found:
        fmt, compressed = _format_of(path)
        if fmt:
            full = filesystem.unstrip_protocol(path)
            yield Source(full, full, input_format or fmt, compressed)


def read(source: Source, mapping: FieldMapping, limit: int = DEFAULT_MAX_RECORD_BYTES
         ) -> Iterator[Record | InputFault]:
    """The records and faults of one source; an empty or unopenable source is a fault too.
    No record larger than `limit` bytes is held: it becomes a record-too-large fault."""
    produced = False
    try:
        for item in READERS[source.format](source, mapping, limit):
            produced = True
            yield item
    except (EOFError, gzip.BadGzipFile, zlib.error) as exc:  # whole-file readers; line readers report their own
        yield InputFault("corrupt-gzip", source.path, None, f"gzip stream is truncated or corrupt: {exc}")
        return
    except OSError as exc:
        yield InputFault("unreadable-file", source.path, None, f"cannot read: {exc.strerror or exc}")
        return
    if not produced and source.whole:
        yield InputFault("empty-file", source.path, None, "the input holds no records")
