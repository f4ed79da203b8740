"""`newslint fix`: a repaired copy of each input in its own format, the records to drop in a
quarantine, and a change log from which the input can be rebuilt.

Findings come from one run over the inputs (every rule, dataset rules included); the
repaired values are then checked again with the record rules until no fix is left. Each
input is read again to write its copy: records without a change keep their bytes (JSON
Lines lines, CSV rows, a text page), changed ones are written anew; JSON documents and
Parquet files are written whole, their values kept.
"""
from __future__ import annotations

import csv
import gzip
import io
import json
from array import array
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO, Iterable, Iterator

from . import loaders
from .engine import Engine
from .fixing import PASSES, Outcome, allowed, apply, choose, dropped_by, edits_of
from .loaders.base import InputFault, Source
from .output import write_bytes
from .record import Record
from .rule import RecordRule


@dataclass(slots=True)
class Fixed:
    """One input: where each record starts, and the records a fix changed or dropped (the
    others are copied as they are, so only these are held)."""

    source: Source
    starts: array = field(default_factory=lambda: array("q"))  # each record's first line, in order
    touched: dict[int, tuple[Record, Outcome | None, list]] = field(default_factory=dict)  # index -> outcome
    unplaced: int = 0  # records left as they are: another one shares their place, so whose findings are whose is unknown

    def outcome(self, index: int) -> Outcome | None | bool:
        """The record's outcome, None when it is dropped, False when it is unchanged."""
        held = self.touched.get(index)
        return False if held is None else held[1]


class Fixer:
    def __init__(self, engine: Engine, registry, unsafe: bool = False, drop: Iterable[str] = ()):
        self.engine = engine
        self.unsafe = unsafe
        self.drop = tuple(drop)
        self.safety = {rule_id: getattr(cls, "fix", None) for rule_id, cls in registry.rules.items()}
        self.record_rules = {rule_id for rule_id, cls in registry.rules.items() if issubclass(cls, RecordRule)}

    def fix_sources(self, sources: list[Source], findings: Iterable) -> list[Fixed]:
        by_place: dict[tuple, list] = {}
        for finding in findings:
            if self._matters(finding):  # only findings that fix or drop are held
                by_place.setdefault((finding.path, finding.line, finding.record, finding.url), []).append(finding)
        fixed = []
        for source in sources:
            result = Fixed(source)
            shared = self._shared_places(source) if source.format == "json" else set()
            for record in self._records(source):
                place = _place(record)
                if place in shared:  # a one-line JSON array of records without id or URL
                    result.unplaced += 1
                    self._one(result, record, [])
                else:
                    self._one(result, record, by_place.get(place, []))
            fixed.append(result)
        return fixed

    def _records(self, source: Source) -> Iterator[Record]:
        for item in loaders.read(source, self.engine.mapping, self.engine.plan.max_record_bytes):
            if not isinstance(item, InputFault):
                yield item

    def _shared_places(self, source: Source) -> set[tuple]:
        """The places two records of a JSON document share (only there can records share a line)."""
        seen, shared = set(), set()
        for record in self._records(source):
            place = _place(record)
            (shared if place in seen else seen).add(place)
        return shared

    def _matters(self, finding) -> bool:
        return finding.rule in self.drop or (finding.suggestion is not None
                                             and allowed(self.safety.get(finding.rule), self.unsafe))

    def fix_rows(self, rows: list[dict], findings: Iterable, path: str = "<records>") -> list[tuple[dict, Outcome | None, list]]:
        by_line: dict[int | None, list] = {}
        for finding in findings:
            by_line.setdefault(finding.line, []).append(finding)
        out = []
        for number, raw in enumerate(rows, 1):
            reasons = dropped_by(by_line.get(number, []), self.drop)
            out.append((raw, None if reasons else self.repair(raw, by_line.get(number, [])), reasons))
        return out

    def _one(self, result: Fixed, record: Record, found: list) -> None:
        index = len(result.starts)
        result.starts.append(record.provenance.line or 0)
        reasons = dropped_by(found, self.drop)
        outcome = None if reasons else self.repair(record.raw, found)
        if outcome is None or outcome.changes:
            result.touched[index] = (record, outcome, reasons)

    def repair(self, raw: dict, findings: list) -> Outcome:
        outcome = Outcome(dict(raw))
        for pass_number in range(1, PASSES + 1):
            edits, left_out = choose(edits_of(findings, outcome.raw, self.safety, self.unsafe))
            if not edits:
                break
            outcome.raw, changes = apply(outcome.raw, edits, pass_number)
            outcome.changes.extend(changes)
            outcome.left_out = left_out
            findings = [f for f in self.engine.run_records([outcome.raw]).findings if f.rule in self.record_rules]
        return outcome


def _place(record: Record) -> tuple:
    """What a finding names of its record: path, line, identity and URL."""
    at = record.provenance
    return at.path, at.line, record.identity, at.url


# --- writing the copies ---------------------------------------------------------------------

def write_copy(fixed: Fixed, target: Path) -> None:
    """The input's repaired copy at `target`, in the input's format (gzipped when it was),
    written atomically (validator.output). JSON Lines are copied line by line, so that no
    input is held whole."""
    target.parent.mkdir(parents=True, exist_ok=True)
    write_bytes(lambda out: _copy(fixed, out), str(target))


def _copy(fixed: Fixed, out: BinaryIO) -> None:
    sink = gzip.GzipFile(fileobj=out, mode="wb", mtime=0, filename="") if fixed.source.compressed else out
    try:
        if fixed.source.format == "jsonl":
            for piece in _copy_jsonl(fixed):
                sink.write(piece)
        else:
            sink.write(_COPIERS[fixed.source.format](fixed))
    finally:
        if sink is not out:
            sink.close()


def original_bytes(source: Source) -> bytes:
    with source.open() as stream:
        return stream.read()


def _lines(source: Source) -> list[bytes]:
    return original_bytes(source).splitlines(keepends=True)


def _ending(lines: list[bytes]) -> bytes:
    return b"\r\n" if lines and lines[0].endswith(b"\r\n") else b"\n"


def _copy_jsonl(fixed: Fixed) -> Iterator[bytes]:
    by_line = {fixed.starts[index]: held[1] for index, held in fixed.touched.items()}
    ending = None
    with fixed.source.open() as stream:
        for number, line in enumerate(stream, 1):
            ending = ending or (b"\r\n" if line.endswith(b"\r\n") else b"\n")
            if number not in by_line:
                yield line  # unchanged records, blank and broken lines stay as they were
            elif by_line[number] is not None:
                yield json.dumps(by_line[number].raw, ensure_ascii=False).encode() + (
                    ending if line.endswith(b"\n") else b"")


def _row_ranges(fixed: Fixed, lines: list[bytes]) -> list[tuple[int, int]]:
    """[first, end) physical lines (0-based) of each record's row."""
    starts = [line - 1 for line in fixed.starts]
    ranges = []
    for index, start in enumerate(starts):
        end = starts[index + 1] if index + 1 < len(starts) else len(lines)
        while end > start + 1 and not lines[end - 1].strip():
            end -= 1  # trailing blank lines belong to no row
        ranges.append((start, end))
    return ranges


def _copy_csv(fixed: Fixed) -> bytes:
    lines = _lines(fixed.source)
    ending = _ending(lines).decode()
    delimiter = "\t" if fixed.source.format == "tsv" else ","
    header = next(csv.reader(io.StringIO(lines[0].decode("utf-8-sig")), delimiter=delimiter)) if lines else []
    ranges = _row_ranges(fixed, lines)
    out, position = [], 0
    for index, (start, end) in enumerate(ranges):
        out.extend(lines[position:start])
        position = end
        outcome = fixed.outcome(index)
        if outcome is None:
            continue
        if outcome is False:
            out.extend(lines[start:end])
            continue
        buffer = io.StringIO()
        csv.writer(buffer, delimiter=delimiter, lineterminator=ending).writerow(
            ["" if outcome.raw.get(name) is None else outcome.raw.get(name) for name in header])
        text = buffer.getvalue()
        if not lines[end - 1].endswith(b"\n"):
            text = text[: -len(ending)]
        out.append(text.encode())
    out.extend(lines[position:])
    return b"".join(out)


def _copy_json(fixed: Fixed) -> bytes:
    text = original_bytes(fixed.source).decode("utf-8-sig")
    document = json.loads(text)
    counter = iter(range(len(fixed.starts)))

    def rebuilt(items: list) -> list:
        kept = []
        for item in items:
            if not isinstance(item, dict):
                kept.append(item)
                continue
            outcome = fixed.outcome(next(counter))
            if outcome is False:
                kept.append(item)
            elif outcome is not None:
                kept.append(outcome.raw)
        return kept

    if isinstance(document, list):
        document = rebuilt(document)
    elif isinstance(document, dict):
        document = (rebuilt([document]) or [{}])[0]
    indent = 2 if "\n " in text else None
    return (json.dumps(document, ensure_ascii=False, indent=indent) + ("\n" if text.endswith("\n") else "")).encode()


def _copy_txt(fixed: Fixed) -> bytes:
    text = original_bytes(fixed.source).decode("utf-8")
    outcome = fixed.outcome(0)
    if outcome is None:
        return b""
    if outcome is False:
        return text.encode()
    raw = outcome.raw
    if "published" in fixed.touched[0][0].raw:
        first, _, _ = text.partition("\n")
        lead = first[: len(first) - len(first.lstrip())]
        tail = first[len(first.rstrip()):]
        return (lead + raw["published"] + tail + "\n" + raw["body"]).encode()
    return raw["body"].encode()


def _copy_parquet(fixed: Fixed) -> bytes:
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pq.read_table(fixed.source.file)
    rows = []
    for index, row in enumerate(table.to_pylist()):
        outcome = fixed.outcome(index)
        if outcome is not None:
            rows.append(row if outcome is False else outcome.raw)
    sink = io.BytesIO()
    pq.write_table(pa.Table.from_pylist(rows, schema=table.schema), sink)
    return sink.getvalue()


_COPIERS = {"csv": _copy_csv, "tsv": _copy_csv, "json": _copy_json, "txt": _copy_txt,
            "parquet": _copy_parquet}


def original_texts(fixed: Fixed) -> dict[int, str]:
    """The bytes each touched record had in its input, as text, where a copy keeps rows
    verbatim (JSON Lines, CSV, TSV, a text page); the input is read once."""
    if fixed.source.format not in ("jsonl", "csv", "tsv", "txt") or not fixed.touched:
        return {}
    if fixed.source.format == "txt":
        return {index: original_bytes(fixed.source).decode("utf-8") for index in fixed.touched}
    if fixed.source.format == "jsonl":
        wanted = {fixed.starts[index]: index for index in fixed.touched}
        with fixed.source.open() as stream:
            return {wanted[number]: line.decode("utf-8") for number, line in enumerate(stream, 1) if number in wanted}
    lines = _lines(fixed.source)
    ranges = _row_ranges(fixed, lines)
    return {index: b"".join(lines[ranges[index][0]:ranges[index][1]]).decode("utf-8") for index in fixed.touched}


def log_entries(fixed: Fixed) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Change-log entries (one per change, then the record's original text, or its values
    where the format is written whole) and quarantine entries, for one input."""
    changes, quarantine = [], []
    originals = original_texts(fixed)
    for index, (record, outcome, reasons) in sorted(fixed.touched.items()):
        place = {"path": record.provenance.path, "line": record.provenance.line, "index": index,
                 "record": record.identity}
        original = originals.get(index)
        if outcome is None:
            quarantine.append({**place, "original": original, "raw": record.raw,
                               "findings": [{"rule": f.rule, "message": f.message} for f in reasons]})
            continue
        for change in outcome.changes:
            changes.append({**place, **change.to_dict()})
        changes.append({**place, "original": original, "original_raw": record.raw if original is None else None})
    return changes, quarantine


def rebuild(copy: Path, source_format: str, changes: list[dict], quarantine: list[dict],
            compressed: bool = False) -> bytes:
    """The input's bytes again, from its copy and the logs: JSON Lines line by line (the
    records dropped and changed by their original lines), a text page whole. Other formats
    are rebuilt value for value by `rebuild_values`."""
    changed = {entry["line"]: entry["original"] for entry in changes if "original" in entry}
    dropped = {entry["line"]: entry["original"] for entry in quarantine}
    source = Source(str(copy), copy, source_format, compressed)
    if source_format == "txt":
        text = next(iter(changed.values()), None) or next(iter(dropped.values()), None)
        return text.encode() if text is not None else original_bytes(source)
    if source_format != "jsonl":
        raise ValueError(f"{source_format} copies are rebuilt value for value (rebuild_values)")
    copied = _lines(source)
    lines = iter(copied)
    out = []
    for number in range(1, len(copied) + len(dropped) + 1):
        if number in dropped:
            out.append(dropped[number].encode())
            continue
        line = next(lines)
        out.append(changed[number].encode() if number in changed else line)
    return b"".join(out)


def rebuild_values(rows: list[dict], changes: list[dict], quarantine: list[dict]) -> list[dict]:
    """The input's records again (values, in order), from the copy's records and the logs."""
    from .fixing import Change, undo

    by_index: dict[int, list[Change]] = {}
    for entry in changes:
        if "rule" in entry:
            by_index.setdefault(entry["index"], []).append(Change(entry["field"], entry["rule"], entry["span"][0],
                                                                  entry["span"][1], entry["before"], entry["after"],
                                                                  entry["pass"]))
    dropped = {entry["index"]: entry["raw"] for entry in quarantine}
    copies = iter(rows)
    out = []
    for index in range(len(rows) + len(dropped)):
        if index in dropped:
            out.append(dropped[index])
        else:
            row = next(copies)
            out.append(undo(row, by_index[index]) if index in by_index else row)
    return out
