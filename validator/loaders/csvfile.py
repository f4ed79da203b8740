"""CSV and TSV with a header row; quoted fields may span lines. A row larger than the record
limit is skipped without being held: its lines are read past, counting quotes, until the
quoted field it opened is closed."""
from __future__ import annotations

import csv
import sys
from itertools import islice
from typing import BinaryIO, Iterator

from ..fields import FieldMapping
from ..record import Record
from .base import (
    DEFAULT_MAX_RECORD_BYTES,
    InputFault,
    Oversized,
    Source,
    binary_lines,
    decode,
    make_record,
    shorten,
    too_large,
)

csv.field_size_limit(sys.maxsize)  # rows are bounded by bytes, below, before the csv module sees them


class _RowTooLarge(Exception):
    pass


class _Lines:
    """Decoded physical lines for csv.reader, keeping faults aside for the caller to report,
    and the size of the row being read, which may not pass `limit`."""

    def __init__(self, stream: BinaryIO, path: str, first_line: int, limit: int):
        self.items = islice(binary_lines(stream, path, limit=limit), first_line - 1, None)
        self.path = path
        self.limit = limit
        self.faults: list[InputFault] = []
        self.header: list[str] | None = None
        self.row_bytes = 0
        self.odd_quotes = 0  # parity of the quotes read in the current row
        self.given_up = False

    def __iter__(self) -> Iterator[str]:
        for item in self.items:
            if isinstance(item, InputFault):
                self.faults.append(item)
                return
            if isinstance(item, Oversized):
                self.odd_quotes ^= item.odd_quotes
                self.given_up = not item.ended
                raise _RowTooLarge
            lineno, raw = item
            self.row_bytes += len(raw)
            self.odd_quotes ^= raw.count(b'"') & 1
            if self.row_bytes > self.limit:
                raise _RowTooLarge
            text, fault = decode(raw, self.path, lineno)
            if fault:
                self.faults.append(fault)
            yield text

    def new_row(self) -> None:
        self.row_bytes = 0
        self.odd_quotes = 0

    def skip_row(self) -> int:
        """Read past the rest of a row that grew too large: to the end of the line where its
        quotes balance. Returns how many physical lines that took."""
        lines = 0
        while self.odd_quotes and not self.given_up:
            item = next(self.items, None)
            if item is None or isinstance(item, InputFault):
                if item is not None:
                    self.faults.append(item)
                break
            lines += 1
            if isinstance(item, Oversized):
                self.odd_quotes ^= item.odd_quotes
                self.given_up = not item.ended
            else:
                self.odd_quotes ^= item[1].count(b'"') & 1
        self.row_bytes = 0
        return lines

    def drain(self) -> list[InputFault]:
        faults, self.faults = self.faults, []
        return faults


def read(source: Source, mapping: FieldMapping, limit: int = DEFAULT_MAX_RECORD_BYTES
         ) -> Iterator[Record | InputFault]:
    header: list[str] | None = None
    first_line = 1
    while first_line:
        with source.open() as stream:
            lines = _Lines(stream, source.path, first_line, limit)
            resume_at = yield from _rows(lines, source, mapping, first_line, header)
            header = lines.header
        first_line = resume_at if source.reopenable else None


def _rows(lines: _Lines, source: Source, mapping: FieldMapping, first_line: int, header: list[str] | None):
    """Yield records and faults; return the line to resume at after an unclosed quote, else None."""
    delimiter = "\t" if source.format == "tsv" else ","
    reader = csv.reader(lines, delimiter=delimiter, strict=True)
    lines.header = header
    consumed = 0  # lines read by readers before the current one (a row too large starts a new reader)
    while True:
        start = first_line + consumed + reader.line_num
        lines.new_row()
        try:
            row = next(reader)
        except StopIteration:
            yield from lines.drain()
            return None
        except _RowTooLarge:
            yield from lines.drain()
            skipped = lines.skip_row()
            yield from lines.drain()
            yield too_large(source.path, start, lines.limit, "header row" if lines.header is None else "row",
                            ended=not lines.given_up)
            if lines.header is None:  # without its header no row of the file can be read
                return None
            if lines.odd_quotes and not lines.given_up:  # its quote never closed: it ran to the end
                yield InputFault("malformed-csv", source.path, start,
                                 "a quoted field is never closed and swallows the rest of the file; "
                                 "reading resumes on the next line")
                return start + 1
            if lines.given_up:
                return None
            consumed += reader.line_num + 1 + skipped
            reader = csv.reader(lines, delimiter=delimiter, strict=True)
            continue
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
