"""How often the artifact rules flag real extracted bodies: the naive extractor's output
(page chrome included) against the human gold bodies of the same 181 pages; with `--fix`,
also after `newslint fix` (safe fixes; `--unsafe-fixes` too), and how many gold bodies the
fix leaves as they were.

Reads ../shared/corpus/aeb-article-extraction (the Zyte article-extraction benchmark);
prints, per rule and overall, the share of pages flagged in each. Not a test: see docs/artifacts.md.
"""
from __future__ import annotations

import json
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from validator.config import Settings, build_plan  # noqa: E402
from validator.engine import Engine  # noqa: E402
from validator.fields import FieldMapping  # noqa: E402
from validator.loaders import discover  # noqa: E402
from validator.registry import Registry  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus" / "aeb-article-extraction"


def bodies() -> tuple[list[dict], list[dict]]:
    gold = json.loads((CORPUS / "ground-truth.json").read_text(encoding="utf-8"))
    naive = json.loads((CORPUS / "output" / "html-text.json").read_text(encoding="utf-8"))["output"]
    as_records = lambda source: [{"id": key, "url": gold[key]["url"], "body": source[key]["articleBody"]}
                                 for key in sorted(gold)]
    return as_records(gold), as_records(naive)


def flagged(records: list[dict], registry: Registry) -> tuple[Counter, int]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "records.jsonl"
        path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
        plan = build_plan(registry, Settings(select=["artifact"], ignore=["short-body", "learned-boilerplate"]))
        result = Engine(plan, FieldMapping()).run(discover([str(path)]))
    per_rule = Counter()
    for rule in {f.rule for f in result.findings}:
        per_rule[rule] = len({f.record for f in result.findings if f.rule == rule})
    return per_rule, len({f.record for f in result.findings})


def fixed(records: list[dict], unsafe: bool) -> list[dict]:
    from validator import fix

    kept, _, _ = fix(records, select=["artifact"], ignore=["short-body", "learned-boilerplate"], unsafe=unsafe,
                     drop=())
    return kept


def main() -> None:
    if not CORPUS.is_dir():
        sys.exit(f"{CORPUS} is not present")
    registry = Registry.default()
    gold, naive = bodies()
    columns = {"gold": gold, "naive": naive}
    if "--fix" in sys.argv:
        unsafe = "--unsafe-fixes" in sys.argv
        columns["gold fixed"], columns["naive fixed"] = fixed(gold, unsafe), fixed(naive, unsafe)
        same = sum(a["body"] == b["body"] for a, b in zip(gold, columns["gold fixed"]))
        print(f"gold bodies the fix leaves as they were: {same} of {len(gold)} ({same / len(gold):.1%})")
    counted = {name: flagged(records, registry) for name, records in columns.items()}
    print(f"{'rule':<22}" + "".join(f" {name:>12}" for name in columns))
    for rule in sorted(set().union(*(rules for rules, _ in counted.values()))):
        print(f"{rule:<22}" + "".join(f" {counted[name][0][rule] / len(columns[name]):>12.1%}" for name in columns))
    print(f"{'any artifact rule':<22}" + "".join(f" {counted[name][1] / len(columns[name]):>12.1%}" for name in columns))


if __name__ == "__main__":
    main()
