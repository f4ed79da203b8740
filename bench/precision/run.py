"""Run the rules on the benchmark's records and give each finding a key that judgements can cite.

    python bench/precision/run.py [--select RULE_OR_CATEGORY ...]

Reads out/records.jsonl (from build.py) and writes out/findings.jsonl: one finding per line
with its `key`, record, dataset, extraction, rule, field, span, message and the text around
the span. Each (dataset, extraction) group is checked as a run of its own, as one scrape
would be: checked together, the extractions of one page would be duplicates of each other,
and one page's text would be "boilerplate" recurring across its own extractions.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from collections import Counter
from itertools import groupby
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(ROOT))

from validator.config import Settings, build_plan  # noqa: E402
from validator.engine import Engine  # noqa: E402
from validator.fields import FieldMapping  # noqa: E402
from validator.registry import Registry  # noqa: E402

RECORDS = HERE / "out" / "records.jsonl"
FINDINGS = HERE / "out" / "findings.jsonl"
CONTEXT = 150  # characters of text kept on each side of a span
MARK = ("⟦", "⟧")  # around the span in `excerpt`


# Findings a dataset raises because of how it was built, not because of its pages: the
# hand-written metadata of trafilatura's evaluation set comes without bodies.
BY_CONSTRUCTION = {"trafilatura-gold": ("missing-body",)}


def check(records: list[dict], engine: Engine) -> list[dict]:
    """The findings of one group's records, with keys, texts around their spans."""
    by_id = {r["id"]: r for r in records}
    group = f"{records[0]['dataset']}/{records[0]['extraction']}"
    findings = []
    for finding in engine.run_records(records, path=group).findings:
        record = by_id.get(finding.record, {})
        findings.append({
            "key": stable_key(finding, group), "record": finding.record, "group": group,
            "dataset": record.get("dataset"), "extraction": record.get("extraction"), "url": record.get("url"),
            "rule": finding.rule, "severity": finding.severity, "field": finding.field,
            "span": list(finding.span) if finding.span else None,
            "message": finding.message, "suggestion": finding.suggestion,
            "excerpt": around(record.get(finding.field), finding.span) or finding.excerpt,
        })
    return findings


def stable_key(finding, group: str) -> str:
    """Identity from where the finding points, not from its wording: record, rule, field and
    span. A finding of no record (a source-wide one) is anchored on its group and excerpt."""
    anchor = finding.record or f"{group}:{finding.excerpt or ''}"
    start, end = finding.span or (None, None)
    text = "\x1f".join(map(str, (anchor, finding.rule, finding.field, start, end)))
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def around(value, span) -> str | None:
    """The text within CONTEXT characters of the span, the span itself marked; the opening of
    the text for a finding on the whole value."""
    if value is None:
        return None
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    if not span:
        return text[:2 * CONTEXT]
    start, end = span
    return (text[max(0, start - CONTEXT):start] + MARK[0] + text[start:end] + MARK[1]
            + text[end:end + CONTEXT])


def number_repeated_keys(findings: list[dict]) -> None:
    """Two findings with one key (say, two messages on one span) get -2, -3... in run order."""
    seen = Counter()
    for finding in findings:
        seen[finding["key"]] += 1
        if seen[finding["key"]] > 1:
            finding["key"] += f"-{seen[finding['key']]}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--select", nargs="+", help="rules or categories to run (default: every default rule)")
    args = parser.parse_args()
    if not RECORDS.is_file():
        print(f"skipped: {RECORDS.relative_to(ROOT)} is not there; run bench/precision/build.py first")
        return
    start = time.perf_counter()
    plan = build_plan(Registry.default(), Settings(select=args.select, preview=True))  # every rule, preview too
    records = [json.loads(line) for line in RECORDS.read_text(encoding="utf-8").splitlines()]
    findings = []
    by_group = lambda r: (r["dataset"], r["extraction"])
    for (dataset, _), group in groupby(sorted(records, key=by_group), key=by_group):
        # A fresh engine per group, so no state of one group's dataset rules reaches another.
        findings += [f for f in check(list(group), Engine(plan, FieldMapping()))
                     if f["rule"] not in BY_CONSTRUCTION.get(dataset, ())]
    number_repeated_keys(findings)
    with open(FINDINGS, "w", encoding="utf-8") as out:
        out.writelines(json.dumps(f, ensure_ascii=False) + "\n" for f in findings)
    print(f"{len(plan.rule_ids)} rules on {len(records)} records: {len(findings)} findings to "
          f"{FINDINGS.relative_to(ROOT)} in {time.perf_counter() - start:.0f} s")
    for rule, count in sorted(Counter(f["rule"] for f in findings).items(), key=lambda item: (-item[1], item[0])):
        print(f"  {rule:<28} {count:>6}")


if __name__ == "__main__":
    main()
