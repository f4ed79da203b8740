"""What every loader shares: input sources, faults, line reading and decoding."""
from __future__ import annotations

import gzip
import io
import re
import sys
import zlib
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Iterator

from ..faults import input_fault
from ..fields import FieldMapping
from ..findings import shorten
from ..record import Provenance, Record


@dataclass(frozen=True, slots=True)
class InputFault:
    """A fault in the input itself, reported under one of the `input` rules (faults.INPUT)."""

    rule: str
    path: str
    line: int | None
    message: str
    excerpt: str | None = None

    def __post_init__(self) -> None:
        input_fault(self.rule)


@dataclass(frozen=True, slots=True)
class Source:
    """One input: a local file (`file` a Path), a remote one (`file` an fsspec URL such as
    s3://bucket/key, read through fsspec), or standard input (`file` None); maybe gzipped.
    `path` names it in findings: the name made printable (validator.paths), while `file` is
    what is opened. A `stream` (a FIFO, such as bash's `<(zcat dump.gz)`) is read once, like
    standard input: never measured, sought, cut into parts or reopened."""

    path: str
    file: Path | str | None
    format: str
    compressed: bool = False
    # A part of a large input, for parallel runs: the bytes [start, end) of an uncompressed JSON
    # Lines file (end None: to the end), or the row groups [start, end) of a Parquet file; its
    # first record on line (row) `first_line`. Neither for the whole input.
    byte_range: tuple[int, int | None] | None = None
    row_groups: tuple[int, int] | None = None
    first_line: int = 1
    stream: bool = False
    records_key: str | None = None  # JSON documents: the dotted key that holds the records (`output`)

    @contextmanager
    def open(self) -> Iterator[BinaryIO]:
        """The raw bytes, decompressed; standard input is read but never closed."""
        with ExitStack() as stack:
            stream = sys.stdin.buffer if self.file is None else stack.enter_context(self.open_file())
            if self.byte_range is not None:
                start, end = self.byte_range
                stream.seek(start)
                yield io.BufferedReader(_Window(stream, (end or 1 << 62) - start), 1 << 20)
                return
            yield stack.enter_context(gzip.GzipFile(fileobj=stream)) if self.compressed else stream

    def open_file(self) -> BinaryIO:
        """The file itself, for reading, local or remote (seekable, unless a stream)."""
        if isinstance(self.file, str):
            filesystem, path = remote_filesystem(self.file)
            return filesystem.open(path, "rb")
        return open(self.file, "rb")

    def size(self) -> int | None:
        """The file's size in bytes, or None (standard input, a stream, or a file that cannot be asked)."""
        if self.file is None or self.stream:
            return None
        try:
            if isinstance(self.file, str):
                filesystem, path = remote_filesystem(self.file)
                return filesystem.size(path)
            return self.file.stat().st_size
        except (OSError, ValueError):
            return None

    @property
    def whole(self) -> bool:
        return self.byte_range is None and self.row_groups is None

    @property
    def first_part(self) -> bool:
        """Whether this is the whole input or the part it begins with (which counts the file)."""
        return (self.byte_range or (0,))[0] == 0 and (self.row_groups or (0,))[0] == 0

    @property
    def reopenable(self) -> bool:
        return self.file is not None and not self.stream


class _Window(io.RawIOBase):
    """The next `size` bytes of a stream, read as they are asked for (a part of a large file
    is never held whole)."""

    def __init__(self, stream: BinaryIO, size: int):
        self.stream, self.left = stream, size

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        if self.left <= 0:
            return 0
        view = memoryview(buffer)[: min(len(buffer), self.left)]
        data = self.stream.read(len(view))
        view[: len(data)] = data
        self.left -= len(data)
        return len(data)


def is_remote(path: str) -> bool:
    return "://" in path and not path.startswith("file://")


def remote_filesystem(url: str):
    """(fsspec filesystem, path within it) for a URL; ImportError when fsspec (or the
    protocol's package: s3fs, gcsfs) is not installed."""
    from fsspec.core import url_to_fs

    return url_to_fs(url)


DEFAULT_MAX_RECORD_BYTES = 32 * 1024 * 1024
# A "line" that runs on this far past the limit without a line break is not a line (a file
# of zeros, /dev/zero on standard input): the rest of that input is given up.
GIVE_UP_BYTES = 1 << 30
_CHUNK = 1 << 20


@dataclass(frozen=True, slots=True)
class Oversized:
    """A line longer than the limit, skipped unread; `odd_quotes` tells a CSV reader whether a
    quoted field was left open in it."""

    line: int
    odd_quotes: bool
    ended: bool  # False when the input ran on past GIVE_UP_BYTES and the rest was given up


def too_large(path: str, line: int, limit: int, what: str = "line", ended: bool = True) -> InputFault:
    rest = "skipped" if ended else f"skipped, and nothing after it ends within {GIVE_UP_BYTES >> 30} GiB: " \
                                   "the rest of the input is not read"
    return InputFault("record-too-large", path, line,
                      f"a {what} of more than {limit:,} bytes (--max-record-bytes) was {rest}")


def binary_lines(stream: BinaryIO, path: str, first_line: int = 1, limit: int = DEFAULT_MAX_RECORD_BYTES
                 ) -> Iterator[tuple[int, bytes] | Oversized | InputFault]:
    """(line number, bytes) for each physical line, or Oversized for a line longer than
    `limit`, which is read past in chunks and never held whole; a broken gzip stream ends it
    with a fault."""
    lineno = first_line - 1
    if not isinstance(stream, (io.BufferedIOBase, io.RawIOBase)):
        stream = io.BufferedReader(stream)  # fsspec's files take no size in readline
    readline = stream.readline
    try:
        while raw := readline(limit + 1):
            lineno += 1
            if len(raw) <= limit or raw.endswith(b"\n"):
                yield lineno, raw
                continue
            odd_quotes, ended = _read_past(readline, raw)
            yield Oversized(lineno, odd_quotes, ended)
            if not ended:
                return
    except (EOFError, gzip.BadGzipFile, zlib.error) as exc:
        yield InputFault("corrupt-gzip", path, lineno + 1,
                         f"gzip stream is truncated or corrupt after line {lineno}: {exc}; the rest of the file is lost")
    except OSError as exc:
        yield InputFault("unreadable-file", path, lineno + 1, f"read failed after line {lineno}: {exc}")


def _read_past(readline, start: bytes) -> tuple[bool, bool]:
    """Read to the end of a line that `start` began and that is already too long, a chunk at a
    time. (Whether its quotes are odd, whether it ended within GIVE_UP_BYTES.)"""
    odd, skipped = start.count(b'"') & 1, len(start)
    while skipped <= GIVE_UP_BYTES:
        chunk = readline(_CHUNK)
        odd ^= chunk.count(b'"') & 1
        skipped += len(chunk)
        if not chunk or chunk.endswith(b"\n"):
            return bool(odd), True
    return bool(odd), False


def read_at_most(stream: BinaryIO, limit: int) -> bytes | None:
    """The whole stream, or None when it holds more than `limit` bytes (then read no further)."""
    data = stream.read(limit + 1)
    return None if len(data) > limit else data


def decode(raw: bytes, path: str, line: int | None = None) -> tuple[str, InputFault | None]:
    """UTF-8 text of `raw` (a line, or a whole file when `line` is None) without a BOM;
    undecodable bytes become U+FFFD and a fault that says where."""
    try:
        text = raw.decode("utf-8")
        fault = None
    except UnicodeDecodeError as exc:
        text = raw.decode("utf-8", errors="replace")
        bad = raw[exc.start:exc.start + 4].hex(" ")
        if line is None:  # raw is a whole file: point at the line of the first bad byte
            line = raw.count(b"\n", 0, exc.start) + 1
            where = f"byte {exc.start} of the file"
        else:
            where = f"byte {exc.start} of the line"
        fault = InputFault(
            "invalid-encoding", path, line,
            f"bytes that are not UTF-8 (first at {where}: {bad}) were replaced with U+FFFD",
            excerpt=shorten(text[max(0, exc.start - 40):exc.start + 40].strip()),
        )
    if text.startswith("\ufeff"):
        text = text[1:]
    return text, fault


def make_record(value: dict, mapping: FieldMapping, path: str, line: int | None) -> Record:
    return Record(value, mapping.resolve(value.keys()), Provenance(path, line), mapping.timestamp_fields)


_SURROGATE = re.compile("[\ud800-\udfff]")


def without_surrogates(value, path: str, line: int | None) -> tuple[object, InputFault | None]:
    """JSON may escape lone surrogates ("\\ud800"), which no encoding can write: they become
    U+FFFD, with a fault, so that no report can fail on them."""
    found = [False]

    def clean(item):
        if isinstance(item, str):
            if _SURROGATE.search(item):
                found[0] = True
                return _SURROGATE.sub("\ufffd", item)
            return item
        if isinstance(item, dict):
            return {clean(key): clean(val) for key, val in item.items()}
        if isinstance(item, list):
            return [clean(val) for val in item]
        return item

    cleaned = clean(value)
    if not found[0]:
        return value, None
    return cleaned, InputFault("invalid-encoding", path, line, "lone surrogate escapes (\\ud800-\\udfff) were "
                                                              "replaced with U+FFFD")
