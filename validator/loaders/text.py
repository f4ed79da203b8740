"""Plain-text articles (.txt), one per file: a leading timestamp or dateline line becomes
`published`, the rest of the file `body`."""
from __future__ import annotations

import re
from functools import cache
from typing import Iterator

from ..fields import FieldMapping
from ..record import Record
from ..text.vocabulary import latin_month_pattern
from .base import DEFAULT_MAX_RECORD_BYTES, InputFault, Source, decode, make_record, read_at_most, too_large

@cache
def _timestamp_line() -> re.Pattern:
    """A short first line with a clock time, a numeric date or a day and a month name: the way
    scraped pages keep their time stamp or dateline on a line of its own. Month names of the
    news languages in Latin letters, from the date vocabulary."""
    month = latin_month_pattern()
    return re.compile(
        rf"""(?ix)
        (?=.{{4,64}}$)(?=.*\d)
        (?: .*\b\d{{1,2}}:\d{{2}}
          | .*\b\d{{1,4}}[./-]\d{{1,2}}[./-]\d{{1,4}}
          | .*\b\d{{1,2}}(?:st|nd|rd|th)?\s+{month}
          | .*\b{month}\s+\d{{1,2}}\b
        ).*
        """
    )


def read(source: Source, mapping: FieldMapping, limit: int = DEFAULT_MAX_RECORD_BYTES
         ) -> Iterator[Record | InputFault]:
    with source.open() as stream:
        data = read_at_most(stream, limit)
    if data is None:
        yield too_large(source.path, 1, limit, "page")
        return
    text, fault = decode(data, source.path)
    if fault:
        yield fault
    if not text.strip():
        return
    first, _, rest = text.partition("\n")
    if _timestamp_line().match(first.strip()):
        raw = {"published": first.strip(), "body": rest}
    else:
        raw = {"body": text}
    yield make_record(raw, mapping, source.path, 1)
