"""Streaming loaders: inputs become records, and bad input becomes faults with a location.

Input files are only ever opened for reading.
"""
from __future__ import annotations

import gzip
import os
import stat
import zlib
from pathlib import Path
from typing import Callable, Iterator

from ..fields import FieldMapping
from ..paths import printable_path
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
    """Each input in order; directories recursively (see `_walk`). A named FIFO is read as a
    stream (`newslint check <(zcat dump.gz) --input-format jsonl`); a named file of unknown
    format, a missing path, or a device or socket (`/dev/zero` never ends) is a fault. Every
    name is shown printable (validator.paths)."""
    for given in paths:
        if given == "-":
            yield Source("<stdin>", None, input_format or "jsonl")
        elif is_remote(given):
            yield from _discover_remote(given, input_format)
        else:
            yield from _discover_local(Path(given), input_format)


def _discover_local(path: Path, input_format: str | None) -> Iterator[Source | InputFault]:
    shown = printable_path(path.as_posix())
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        yield InputFault("unreadable-file", shown, None, "no such file or directory")
        return
    except OSError as exc:
        yield InputFault("unreadable-file", shown, None, f"cannot read: {exc.strerror or exc}")
        return
    if stat.S_ISDIR(mode):
        yield from _walk(path, input_format)
    elif stat.S_ISREG(mode) or stat.S_ISFIFO(mode):
        fmt, compressed = _format_of(path)
        if input_format or fmt:
            yield Source(shown, path, input_format or fmt, compressed, stream=stat.S_ISFIFO(mode))
        else:
            yield InputFault("unsupported-format", shown, None, _UNKNOWN_FORMAT)
    else:
        yield InputFault("unreadable-file", shown, None, _not_regular(mode))


def _walk(root: Path, input_format: str | None) -> Iterator[Source | InputFault]:
    """The files of a directory tree, sorted by path, skipping hidden entries and names of
    unknown formats. Symbolic links to files are read; links to directories are not followed
    (like `grep -r`), so a link loop (`a -> .`) cannot trap the walk. A folder that cannot be
    listed, and an entry named like an input that is not a regular file (a FIFO, which would
    block the run, a device, a broken link), is a fault, and never opened."""
    found: list[tuple[Path, Source | InputFault]] = []
    pending = [root]
    while pending:
        folder = pending.pop()
        try:
            with os.scandir(folder) as listing:
                entries = [entry for entry in listing if not entry.name.startswith(".")]
        except OSError as exc:
            found.append((folder, InputFault("unreadable-file", printable_path(folder.as_posix()), None,
                                             f"cannot list the folder: {exc.strerror or exc}")))
            continue
        for entry in entries:
            child = folder / entry.name
            try:
                if entry.is_dir(follow_symlinks=False):
                    pending.append(child)
                    continue
            except OSError:  # its type unknown: _entry says why
                pass
            item = _entry(entry, child, input_format)
            if item is not None:
                found.append((child, item))
    found.sort(key=lambda item: item[0])
    for _, item in found:
        yield item


def _entry(entry: os.DirEntry, child: Path, input_format: str | None) -> Source | InputFault | None:
    """A directory entry that is not a directory: a source, a fault, or None (not an input)."""
    fmt, compressed = _format_of(child)
    if not fmt:
        return None
    shown = printable_path(child.as_posix())
    try:
        if entry.is_file():  # from the listing itself, without a system call, for most entries
            return Source(shown, child, input_format or fmt, compressed)
        mode = entry.stat().st_mode
    except FileNotFoundError:
        return InputFault("unreadable-file", shown, None, "a symbolic link to nothing")
    except OSError as exc:
        return InputFault("unreadable-file", shown, None, f"cannot read: {exc.strerror or exc}")
    if stat.S_ISDIR(mode):  # a link to a directory: not followed
        return None
    return InputFault("unreadable-file", shown, None, _not_regular(mode))


def _not_regular(mode: int) -> str:
    kind = ("a FIFO (named pipe)" if stat.S_ISFIFO(mode) else "a character device" if stat.S_ISCHR(mode)
            else "a block device" if stat.S_ISBLK(mode) else "a socket" if stat.S_ISSOCK(mode) else "a special file")
    return f"{kind}, not a regular file: not read"


def _discover_remote(url: str, input_format: str | None) -> Iterator[Source | InputFault]:
    """A remote file, or every file under a remote folder or matching a glob, sorted, read
    through fsspec (s3://, gs://, https:// ...; extra `s3` or `gcs` for those stores)."""
    protocol = url.split("://", 1)[0]
    shown = printable_path(url)
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
                yield Source(shown, url, fmt, compressed)
            else:
                yield InputFault("unsupported-format", shown, None, _UNKNOWN_FORMAT)
            return
        else:
            yield InputFault("unreadable-file", shown, None, "no such file or folder")
            return
    except ImportError as exc:
        yield InputFault("unreadable-file", shown, None, f"reading {protocol}:// needs fsspec and the package for "
                         f"{protocol} (pip install 'newslint[s3]' or 'newslint[gcs]'): {exc}")
        return
    except (OSError, ValueError) as exc:
        yield InputFault("unreadable-file", shown, None, f"cannot list: {exc}")
        return
    for path in found:
        fmt, compressed = _format_of(path)
        if fmt:
            full = filesystem.unstrip_protocol(path)
            yield Source(printable_path(full), full, input_format or fmt, compressed)


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
