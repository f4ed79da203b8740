"""Precision of each rule on real pages: the findings of run.py joined with the judgements in
labels.jsonl.

    python bench/precision/report.py                # per-rule table, totals, stale labels
    python bench/precision/report.py --markdown     # the table as Markdown
    python bench/precision/report.py --unjudged [--rule R] [--per-rule N] [--seed S]
    python bench/precision/report.py --write        # the counts to rules/precision.json (rule tiers)

--unjudged lists findings nobody has judged yet, N per rule, drawn in turn from each
(dataset, extraction) group so that no one extraction fills the sample; each comes with a
label line to fill in and append to labels.jsonl.
"""
from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
MEASUREMENTS = HERE.parent.parent / "rules" / "precision.json"
FINDINGS = HERE / "out" / "findings.jsonl"
LABELS = HERE / "labels.jsonl"
VERDICTS = ("true", "false", "debatable")
COLUMNS = ("rule", "raised", "judged", "true", "false", "debatable", "precision")


def read_jsonl(path: Path) -> list[dict]:
    if not path.is_file():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def read_labels(path: Path) -> dict[str, dict]:
    """Judgements by key; a later line for one key replaces an earlier one (a re-judgement)."""
    labels = {}
    for number, label in enumerate(read_jsonl(path), 1):
        if label.get("verdict") not in VERDICTS or not label.get("key"):
            print(f"labels.jsonl line {number}: ignored, needs a key and a verdict in {VERDICTS}", file=sys.stderr)
            continue
        labels[label["key"]] = label
    return labels


def precision(true: int, false: int) -> str:
    return f"{true / (true + false):.2f} (n={true + false})" if true + false else "-"


def table_rows(findings: list[dict], labels: dict[str, dict]) -> list[tuple]:
    raised = Counter(f["rule"] for f in findings)
    verdicts = defaultdict(Counter)
    for finding in findings:
        if finding["key"] in labels:
            verdicts[finding["rule"]][labels[finding["key"]]["verdict"]] += 1
    rows = []
    for rule in sorted(raised):
        counts = verdicts[rule]
        rows.append((rule, raised[rule], sum(counts.values()), counts["true"], counts["false"], counts["debatable"],
                     precision(counts["true"], counts["false"])))
    totals = [sum(row[i] for row in rows) for i in range(1, 6)]
    rows.append(("total", *totals, precision(totals[2], totals[3])))
    return rows


def write_measurements(findings: list[dict], labels: dict[str, dict]) -> None:
    """Each rule's counts, which decide its tier (validator/tiers.py): a rule that raised
    nothing here is not in the file."""
    import datetime as dt

    rules = {row[0]: dict(zip(("raised", "judged", "true", "false", "debatable"), row[1:6]))
             for row in table_rows(findings, labels) if row[0] != "total"}
    records = sum(1 for _ in (HERE / "out" / "records.jsonl").open(encoding="utf-8"))
    document = {"measured": dt.date.today().isoformat(), "records": records,
                "how": "bench/precision: real pages, extracted several ways, every finding judged by hand in a "
                       "spread sample (bench/precision/README.md)", "rules": rules}
    MEASUREMENTS.write_text(json.dumps(document, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {MEASUREMENTS.relative_to(HERE.parent.parent)}: {len(rules)} rules")


def print_table(rows: list[tuple], markdown: bool) -> None:
    if markdown:
        print("| " + " | ".join(COLUMNS) + " |")
        print("|" + "|".join([" --- "] + [" ---: "] * (len(COLUMNS) - 1)) + "|")
        for row in rows:
            print("| " + " | ".join(map(str, row)) + " |")
        return
    print(f"{COLUMNS[0]:<30}" + "".join(f"{name:>10}" for name in COLUMNS[1:6]) + f"  {COLUMNS[6]}")
    for row in rows:
        print(f"{row[0]:<30}" + "".join(f"{value:>10}" for value in row[1:6]) + f"  {row[6]}")


def stale_labels(findings: list[dict], labels: dict[str, dict]) -> list[dict]:
    """Judgements of findings that are no longer raised, or whose key now names another rule."""
    rule_of = {f["key"]: f["rule"] for f in findings}
    return [label for key, label in labels.items() if rule_of.get(key) != label.get("rule")]


def sample_unjudged(findings: list[dict], labels: dict[str, dict], per_rule: int, seed: int,
                    rule: str | None) -> list[dict]:
    """Up to per_rule unjudged findings of each rule, taken in turn from its (dataset,
    extraction) groups, the groups and each group's findings in a seeded random order."""
    by_rule = defaultdict(lambda: defaultdict(list))
    for finding in findings:
        if finding["key"] not in labels and rule in (None, finding["rule"]):
            by_rule[finding["rule"]][finding["group"]].append(finding)
    sample = []
    for name in sorted(by_rule):
        rng = random.Random(f"{seed}:{name}")  # one rule's sample does not move when another's findings change
        groups = [rng.sample(found, len(found)) for _, found in sorted(by_rule[name].items())]
        rng.shuffle(groups)
        taken = []
        while len(taken) < per_rule and any(groups):
            for group in groups:
                if group and len(taken) < per_rule:
                    taken.append(group.pop())
        sample += taken
    return sample


def visible(text: str) -> str:
    """The text on one line, with characters a terminal would hide (U+0092, U+200B) spelled out."""
    return "".join(" ⏎ " if char == "\n" else char if char.isprintable() else f"<U+{ord(char):04X}>"
                   for char in text)


def show(finding: dict) -> None:
    span = "-".join(map(str, finding["span"])) if finding["span"] else "whole value"
    excerpt = visible(finding["excerpt"] or "") or "(no value)"
    label = {"key": finding["key"], "rule": finding["rule"], "record": finding["record"], "verdict": "",
             "reason": ""}
    print(f"── {finding['rule']}  [{finding['group']}]  {finding['severity']}")
    print(f"   record   {finding['record']}   field {finding['field']}   span {span}")
    print(f"   url      {finding['url']}")
    print(f"   message  {finding['message']}")
    print(f"   excerpt  {excerpt}")
    print(f"   label    {json.dumps(label, ensure_ascii=False)}")
    print()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--markdown", action="store_true", help="print the table as Markdown")
    parser.add_argument("--unjudged", action="store_true", help="list a sample of findings not yet judged")
    parser.add_argument("--rule", help="with --unjudged: only this rule")
    parser.add_argument("--per-rule", type=int, default=5, help="with --unjudged: findings per rule (default 5)")
    parser.add_argument("--seed", type=int, default=1, help="with --unjudged: the sample's seed (default 1)")
    parser.add_argument("--write", action="store_true", help=f"write the counts to {MEASUREMENTS.name}")
    args = parser.parse_args()
    if not FINDINGS.is_file():
        print(f"skipped: {FINDINGS.relative_to(HERE.parent.parent)} is not there; run build.py, then run.py")
        return
    findings, labels = read_jsonl(FINDINGS), read_labels(LABELS)
    if args.unjudged:
        for finding in sample_unjudged(findings, labels, args.per_rule, args.seed, args.rule):
            show(finding)
        return
    if args.write:
        write_measurements(findings, labels)
        return
    print_table(table_rows(findings, labels), args.markdown)
    stale = stale_labels(findings, labels)
    if stale:  # on stderr, so that --markdown's output can be pasted as it is
        print(f"\n{len(stale)} stale labels (their finding is no longer raised; judge again or delete):",
              file=sys.stderr)
        for label in stale:
            print(f"  {label['key']}  {label.get('rule')}  {label.get('record')}  {label['verdict']}", file=sys.stderr)


if __name__ == "__main__":
    main()
