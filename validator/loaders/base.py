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

from ..fields import FieldMapping
from ..record import Provenance, Record

EXCERPT_LIMIT = 120


@dataclass(frozen=True, slots=True)
class InputFault:
    """A fault in the input itself, reported under one of the `input` rules."""

    rule: str
    path: str
    line: int | None
    message: str
    excerpt: str | None = None


@dataclass(frozen=True, slots=True)
class Source:
    """One input: a file (maybe gzipped) in a known format, or standard input (`file` is None)."""

    path: str
    file: Path | None
    format: str
    compressed: bool = False
    # A part of a large uncompressed JSON Lines file, for parallel runs: bytes [start, end),
    # the first of them on line `first_line`. The whole file by default.
    start: int = 0
    end: int | None = None
    first_line: int = 1

    @contextmanager
    def open(self) -> Iterator[BinaryIO]:
        """The raw bytes, decompressed; standard input is read but never closed."""
        with ExitStack() as stack:
            stream = sys.stdin.buffer if self.file is None else stack.enter_context(open(self.file, "rb"))
            if self.start or self.end is not None:
                stream.seek(self.start)
                yield io.BytesIO(stream.read((self.end or 1 << 62) - self.start))
                return
            yield stack.enter_context(gzip.GzipFile(fileobj=stream)) if self.compressed else stream

    @property
    def reopenable(self) -> bool:
        return self.file is not None


def shorten(text: str, limit: int = EXCERPT_LIMIT) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def binary_lines(stream: BinaryIO, path: str, first_line: int = 1) -> Iterator[tuple[int, bytes] | InputFault]:
    """(line number, bytes) for each physical line; a broken gzip stream ends it with a fault."""
    lineno = first_line - 1
    try:
        for lineno, raw in enumerate(stream, first_line):
            yield lineno, raw
    except (EOFError, gzip.BadGzipFile, zlib.error) as exc:
        yield InputFault("corrupt-gzip", path, lineno + 1,
                         f"gzip stream is truncated or corrupt after line {lineno}: {exc}; the rest of the file is lost")
    except OSError as exc:
        yield InputFault("unreadable-file", path, lineno + 1, f"read failed after line {lineno}: {exc}")


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
