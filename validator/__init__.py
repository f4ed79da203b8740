"""newslint: a data-quality validator for scraped news metadata.

    from validator import check
    findings = check(df.to_dict("records"), select=["timestamp", "artifact"])
"""
from __future__ import annotations

from os import PathLike
from typing import Iterable

from .version import __version__

__all__ = ["__version__", "check", "findings_frame", "fix", "rows_of"]


def check(records, *, select: list[str] | None = None, ignore: Iterable[str] = (),
          fields: dict[str, str] | None = None, rules: dict[str, dict] | None = None,
          preview: bool = False, suppressions: str | PathLike | None = None,
          baseline: str | PathLike | None = None) -> list:
    """Check records given as dicts (a Scrapy item stream, rows) or a pandas or polars
    DataFrame with the selected rules (default: all) and return their findings, in the order
    the reports use. Missing cells (None, NaN, NaT, pandas' NA) are missing fields. `rules`
    takes per-rule severity and options as the config's `rules` table does; `path` in the
    findings is "<records>" and `line` the record's 1-based position (for a DataFrame, the
    `record` is its index label when the frame has no id column). `suppressions` and
    `baseline` name a suppression file and a baseline file, applied as `newslint check` does."""
    from pathlib import Path

    from .triage import Triage

    engine = _engine(select, ignore, fields, rules, preview)
    triage = Triage(engine.plan, Path(suppressions) if suppressions else None, Path(baseline) if baseline else None)
    found = _findings(engine, rows_of(records))
    labels = _index_labels(records)
    if labels is not None:
        from dataclasses import replace

        # A frame's row without an id is known by its index label, not by its position.
        found = [replace(f, record=str(labels[f.line - 1])) if f.line and f.record == f"<records>:{f.line}" else f
                 for f in found]
    if not (suppressions or baseline):
        return found
    from .result import RunResult
    from .spool import Findings

    kept = triage.apply(RunResult(Findings(found), 0, len(found), {}, [], {})).findings
    try:
        return list(kept)
    finally:
        kept.close()


def _index_labels(records) -> list | None:
    if hasattr(records, "to_dict") and hasattr(records, "index") and hasattr(records, "columns"):
        return list(records.index)
    return None


def findings_frame(findings: Iterable):
    """The findings as a pandas DataFrame, one row a finding (the columns of the JSON report)."""
    import pandas

    return pandas.DataFrame([f.to_dict() for f in findings])


def _engine(select, ignore, fields, rules, preview):
    from .config import Settings, build_plan
    from .engine import Engine
    from .fields import FieldMapping
    from .registry import Registry

    plan = build_plan(Registry.default(), Settings(select=select, ignore=list(ignore), rules=dict(rules or {}),
                                                      preview=preview))
    return Engine(plan, FieldMapping(fields))


def _findings(engine, rows) -> list:
    findings = engine.run_records(rows).findings
    try:
        return list(findings)
    finally:
        findings.close()


def rows_of(records) -> Iterable[dict]:
    """Dicts without their missing cells, from dicts or a pandas or polars DataFrame."""
    if hasattr(records, "to_dict") and hasattr(records, "columns") and hasattr(records, "index"):  # pandas
        rows = records.to_dict("records")
    elif hasattr(records, "iter_rows") and hasattr(records, "columns"):  # polars
        rows = records.iter_rows(named=True)
    else:
        rows = records
    for row in rows:
        yield {name: value for name, value in row.items() if not _missing(value)} if isinstance(row, dict) else row


def _missing(value) -> bool:
    if value is None:
        return True
    if isinstance(value, float):
        return value != value  # NaN
    kind = type(value).__name__
    return kind in ("NAType", "NaTType")


def fix(records: Iterable[dict], *, select: list[str] | None = None, ignore: Iterable[str] = (),
        unsafe: bool = False, drop: Iterable[str] | None = None, fields: dict[str, str] | None = None,
        rules: dict[str, dict] | None = None, preview: bool = False) -> tuple[list[dict], list[dict], list[dict]]:
    """Repair records given as dicts, as `newslint fix` does: (the repaired records, the
    records dropped with the rules that dropped them, and every change: record position,
    field, rule, span, before, after)."""
    from .fixing import DROP_DEFAULT
    from .registry import Registry
    from .repair import Fixer

    rows = list(records)
    engine = _engine(select, ignore, fields, rules, preview)
    found = _findings(engine, rows)
    fixer = Fixer(engine, Registry.default(), unsafe=unsafe, drop=DROP_DEFAULT if drop is None else drop)
    kept, dropped, changes = [], [], []
    for number, (raw, outcome, reasons) in enumerate(fixer.fix_rows(rows, found), 1):
        if outcome is None:
            dropped.append({"record": raw, "rules": sorted({f.rule for f in reasons})})
            continue
        kept.append(outcome.raw)
        changes += [{"position": number, **change.to_dict()} for change in outcome.changes]
    return kept, dropped, changes
