"""CSV and TSV with a header row; quoted fields may span lines and be huge."""
from __future__ import annotations

import csv
import sys
from itertools import islice
from typing import BinaryIO, Iterator

from ..fields import FieldMapping
from ..record import Record
from .base import InputFault, Source, binary_lines, decode, make_record, shorten

csv.field_size_limit(sys.maxsize)


class _Lines:
    """Decoded physical lines for csv.reader, keeping faults aside for the caller to report."""

    def __init__(self, stream: BinaryIO, path: str, first_line: int):
        self.items = islice(binary_lines(stream, path), first_line - 1, None)
        self.path = path
        self.faults: list[InputFault] = []
        self.header: list[str] | None = None

    def __iter__(self) -> Iterator[str]:
        for item in self.items:
            if isinstance(item, InputFault):
                self.faults.append(item)
                return
            lineno, raw = item
            text, fault = decode(raw, self.path, lineno)
            if fault:
                self.faults.append(fault)
            yield text

    def drain(self) -> list[InputFault]:
        faults, self.faults = self.faults, []
        return faults


def read(source: Source, mapping: FieldMapping) -> Iterator[Record | InputFault]:
    header: list[str] | None = None
    first_line = 1
    while first_line:
        with source.open() as stream:
            lines = _Lines(stream, source.path, first_line)
            resume_at = yield from _rows(lines, source, mapping, first_line, header)
            header = lines.header
        first_line = resume_at if source.reopenable else None


def _rows(lines: _Lines, source: Source, mapping: FieldMapping, first_line: int, header: list[str] | None):
    """Yield records and faults; return the line to resume at after an unclosed quote, else None."""
    delimiter = "\t" if source.format == "tsv" else ","
    reader = csv.reader(lines, delimiter=delimiter, strict=True)
    lines.header = header
    while True:
        start = first_line + reader.line_num
        try:
            row = next(reader)
        except StopIteration:
            yield from lines.drain()
            return None
        except csv.Error as exc:
            yield from lines.drain()
            if "unexpected end of data" in str(exc):
                yield InputFault("malformed-csv", source.path, start,
                                 "a quoted field is never closed and swallows the rest of the file; "
                                 "reading resumes on the next line")
                return start + 1
            yield InputFault("malformed-csv", source.path, start, f"malformed CSV row ({exc}); the row is skipped")
            continue
        yield from lines.drain()
        if not row:
            continue
        if lines.header is None:
            lines.header = row
            continue
        if len(row) != len(lines.header):
            yield InputFault("csv-column-count", source.path, start,
                             f"{len(row)} fields where the header has {len(lines.header)}",
                             shorten(delimiter.join(row)))
        yield make_record(dict(zip(lines.header, row)), mapping, source.path, start)
