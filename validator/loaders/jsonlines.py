"""JSON Lines (.jsonl, .ndjson): one object per line, streamed."""
from __future__ import annotations

import json
from typing import BinaryIO, Iterator

import orjson

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
    without_surrogates,
)


def read(source: Source, mapping: FieldMapping, limit: int = DEFAULT_MAX_RECORD_BYTES
         ) -> Iterator[Record | InputFault]:
    with source.open() as stream:
        yield from _read(stream, source.path, mapping, source.first_line, limit)


def _read(stream: BinaryIO, path: str, mapping: FieldMapping, first_line: int, limit: int
          ) -> Iterator[Record | InputFault]:
    for item in binary_lines(stream, path, first_line, limit):
        if isinstance(item, InputFault):
            yield item
            continue
        if isinstance(item, Oversized):
            yield too_large(path, item.line, limit, ended=item.ended)
            continue
        lineno, raw = item
        if not raw.strip():
            continue
        try:
            value = orjson.loads(raw)
        except orjson.JSONDecodeError:
            text, fault = decode(raw, path, lineno)
            if fault:
                yield fault
            text = text.rstrip("\r\n")
            try:
                value = json.loads(text)  # the standard library takes what orjson refuses (lone surrogates, NaN)
            except (ValueError, RecursionError) as exc:
                yield InputFault("invalid-json", path, lineno, f"invalid JSON: {exc}", shorten(text))
                continue
            value, fault = without_surrogates(value, path, lineno)
            if fault:
                yield fault
        if not isinstance(value, dict):
            yield InputFault("not-an-object", path, lineno,
                             f"a JSON {type(value).__name__} where a record object was expected",
                             shorten(raw.decode("utf-8", "replace").strip()))
            continue
        yield make_record(value, mapping, path, lineno)
