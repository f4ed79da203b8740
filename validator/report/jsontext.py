"""JSON text for the reporters: orjson where it can (several times faster), the standard
library for what orjson refuses (text holding lone surrogates)."""
from __future__ import annotations

import json
from typing import Any, Iterable, TextIO

import orjson


def dumps(value: Any, indent: bool = False) -> str:
    try:
        return orjson.dumps(value, option=orjson.OPT_INDENT_2 if indent else 0).decode()
    except TypeError:
        return json.dumps(value, ensure_ascii=False, indent=2 if indent else None,
                          separators=None if indent else (",", ":"))


def write_array(stream: TextIO, items: Iterable[Any], depth: int = 0) -> None:
    """A JSON array of `items`, each indented as an element `depth` levels deep, written as
    the items come."""
    pad = "  " * (depth + 1)
    first = True
    for item in items:
        body = dumps(item, indent=True).replace("\n", "\n" + pad)
        stream.write(("[\n" if first else ",\n") + pad + body)
        first = False
    stream.write("[]" if first else "\n" + "  " * depth + "]")
