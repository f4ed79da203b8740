"""Timestamp values (published, modified, scraped_at, and fields named in `timestamp-fields`),
read by newslint's strict parser (validator/text/timestamps.py): never silently wrong."""

from typing import Iterator

from validator.record import Record
from validator.rule import Problem
from validator.text.timestamps import published, reading, timestamp_values, whole


def fault_problems(record: Record, kinds: tuple[str, ...]) -> Iterator[Problem]:
    """A problem for each fault of these kinds (date, time, offset, weekday) in a readable value."""
    for field, verdict in timestamp_values(record, "ok"):
        for kind, message in verdict.timestamp.faults():
            if kind in kinds:
                yield Problem(message, field=field, span=whole(verdict))


def before(record: Record, field: str, reference_field: str) -> Iterator[Problem]:
    """A problem on `field` when it certainly lies before the published moment."""
    stamp, reference = record.analysis(reading, field), published(record)
    window = stamp.interval() if stamp else None
    reference_window = reference.interval() if reference else None
    if window and reference_window and window[1] < reference_window[0]:
        yield Problem(f"{field} {stamp.iso()} is before {reference_field} {reference.iso()}", field=field)
