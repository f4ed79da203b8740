"""A .json document: an array of record objects, or one record object, or records under a
key (`--records-key`). Read whole, so a document larger than the record limit is not read
(JSON Lines streams any size)."""
from __future__ import annotations

import json
from typing import Iterator

from ..fields import FieldMapping
from ..record import Record
from .base import (
    DEFAULT_MAX_RECORD_BYTES,
    InputFault,
    Source,
    decode,
    make_record,
    read_at_most,
    shorten,
    without_surrogates,
)

_decoder = json.JSONDecoder()
_WHITESPACE = " \t\n\r"


def _skip_space(text: str, index: int) -> int:
    while index < len(text) and text[index] in _WHITESPACE:
        index += 1
    return index


def read(source: Source, mapping: FieldMapping, limit: int = DEFAULT_MAX_RECORD_BYTES
         ) -> Iterator[Record | InputFault]:
    path = source.path
    with source.open() as stream:
        data = read_at_most(stream, limit)
    if data is None:
        yield InputFault("record-too-large", path, None,
                         f"a JSON document of more than {limit:,} bytes (--max-record-bytes) is not read: "
                         "a .json file is parsed whole; write large dumps as JSON Lines, which are streamed")
        return
    text, fault = decode(data, path, None)
    if fault:
        yield fault
    start = _skip_space(text, 0)
    if start == len(text):
        return
    if source.records_key:
        yield from _under_key(text, start, source.records_key, path, mapping)
        return
    if text[start] != "[":
        yield from _single(text, start, path, mapping)
        return
    yield from _elements(text, start + 1, path, mapping)


def _line_at(text: str, index: int) -> int:
    return text.count("\n", 0, index) + 1


def _invalid(path: str, text: str, exc: json.JSONDecodeError | RecursionError, index: int) -> InputFault:
    """A parse failure, placed at the line where the broken value starts."""
    line = _line_at(text, index)
    if isinstance(exc, json.JSONDecodeError):
        return InputFault("invalid-json", path, line, f"invalid JSON: {exc.msg} (line {exc.lineno} column {exc.colno})",
                          shorten(text[index:index + 80]))
    return InputFault("invalid-json", path, line, "invalid JSON: nested too deeply")


def _under_key(text: str, start: int, key: str, path: str, mapping: FieldMapping) -> Iterator[Record | InputFault]:
    """The records a document holds under a dotted key (`--records-key output`): an array of
    them, or an object of them keyed by id (the key becomes `id` where a record has none)."""
    try:
        value = json.loads(text)
    except (ValueError, RecursionError) as exc:
        yield _invalid(path, text, exc, start)
        return
    for part in key.split("."):
        if not isinstance(value, dict) or part not in value:
            yield InputFault("not-an-object", path, None, f"the document has no {key!r} holding records")
            return
        value = value[part]
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else None
    if items is None:
        yield InputFault("not-an-object", path, None, f"{key!r} holds a JSON {type(value).__name__}, not records")
        return
    for name, item in items:
        if not isinstance(item, dict):
            yield InputFault("not-an-object", path, None, f"{key}[{name!r}] is a JSON {type(item).__name__}, "
                                                          "not a record")
            continue
        if isinstance(value, dict) and "id" not in item:
            item = {"id": name, **item}
        item, fault = without_surrogates(item, path, None)
        if fault:
            yield fault
        yield make_record(item, mapping, path, None)


def _single(text: str, start: int, path: str, mapping: FieldMapping) -> Iterator[Record | InputFault]:
    line = _line_at(text, start)
    try:
        value = json.loads(text)
    except (ValueError, RecursionError) as exc:
        yield _invalid(path, text, exc, start)
        return
    if isinstance(value, dict):
        value, fault = without_surrogates(value, path, line)
        if fault:
            yield fault
        yield make_record(value, mapping, path, line)
    else:
        yield InputFault("not-an-object", path, line,
                         f"the document is a JSON {type(value).__name__}, not an array of records or a record",
                         shorten(text[start:start + 80]))


def _elements(text: str, index: int, path: str, mapping: FieldMapping) -> Iterator[Record | InputFault]:
    line, counted = 1, 0
    index = _skip_space(text, index)
    if index < len(text) and text[index] == "]":
        return
    while True:
        line += text.count("\n", counted, index)
        counted = index
        try:
            value, end = _decoder.raw_decode(text, index)
        except (ValueError, RecursionError) as exc:
            yield _invalid(path, text, exc, index)
            return  # the array's structure is lost: nothing after this point can be placed
        if isinstance(value, dict):
            value, fault = without_surrogates(value, path, line)
            if fault:
                yield fault
            yield make_record(value, mapping, path, line)
        else:
            yield InputFault("not-an-object", path, line, f"an array element is a JSON {type(value).__name__}, not a record",
                             shorten(text[index:end]))
        index = _skip_space(text, end)
        if index < len(text) and text[index] == ",":
            index = _skip_space(text, index + 1)
            continue
        if index < len(text) and text[index] == "]":
            rest = _skip_space(text, index + 1)
            if rest < len(text):
                yield InputFault("invalid-json", path, _line_at(text, rest), "extra data after the closing bracket",
                                 shorten(text[rest:rest + 80]))
            return
        yield InputFault("invalid-json", path, _line_at(text, index),
                         "invalid JSON: expected ',' or ']' after an array element" if index < len(text)
                         else "invalid JSON: the array is never closed",
                         shorten(text[index:index + 80]) or None)
        return
