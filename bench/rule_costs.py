"""Cost of each rule per record on seeded synthetic records (news-like, about 4 KB bodies),
or on the records of a JSON Lines file (`--input records.jsonl`, for example one written by
bench/scale.py).

    python bench/rule_costs.py [N] [--input FILE]

A shared analysis (a timestamp parse, say) is paid by the first rule that asks for it on a
record and is free for the others; the rules run in catalogue order, as in the engine. A
first pass over a few hundred records warms caches and imports before the timed one.
"""
from __future__ import annotations

import json
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from validator.process import collect_less  # noqa: E402
from validator.fields import FieldMapping  # noqa: E402
from validator.record import Provenance, Record  # noqa: E402
from validator.registry import Registry  # noqa: E402
from validator.rule import DatasetRule, RecordRule  # noqa: E402

WORDS = ("the minister said on sunday that talks would resume next week in baghdad after the city fell "
         "officials told reporters militia forces advanced toward ramadi while aid agencies warned").split()
# Sentences of the kinds the temporal and entity rules look at, mixed into the filler.
SENTENCES = [
    "US Defense Secretary Ashton Carter said on Sunday that the troops had no will to fight.",
    "The siege began on May 17, 2015 and the last road closed on Monday, May 25.",
    "Prime Minister Haider al-Abadi met Foreign Minister Mohammad Javad Zarif in Baghdad.",
    "Gen. Qassem Soleimani, chief of the Quds Force, was seen near the front lines earlier this month.",
    "The talks will resume on August 3, 2019, diplomats said, after a pause since 2003.",
]


def synthetic(n: int, seed: int = 7) -> list[dict]:
    rng = random.Random(seed)
    records = []
    for i in range(n):
        day, hour = rng.randint(1, 28), rng.randint(0, 23)
        filler = [" ".join(rng.choice(WORDS) for _ in range(60)).capitalize() + "." for _ in range(9)]
        body = "BAGHDAD, July 20 (Reuters) - " + " ".join(filler[:5] + SENTENCES + filler[5:])
        records.append({
            "id": f"r{i}", "url": f"https://news{i % 20}.example.com/2019/07/{day:02d}/story-{i}",
            "title": "Talks resume in Baghdad", "published": f"2019-07-{day:02d}T{hour:02d}:41:00+03:00",
            "scraped_at": "2019-07-29T08:00:00Z", "authors": ["Lena Hart"], "source": f"news{i % 20}.example.com",
            "language": "en", "body": body,
        })
    return records


def main() -> None:
    numbers = [a for a in sys.argv[1:] if a.isdigit()]
    n = int(numbers[0]) if numbers else 5000
    if "--input" in sys.argv:
        with open(sys.argv[sys.argv.index("--input") + 1], encoding="utf-8") as lines:
            raws = [json.loads(line) for line, _ in zip(lines, range(n))]
        n = len(raws)
    else:
        raws = synthetic(n)
    collect_less()  # as the command line does
    registry = Registry.default()
    rules = [cls() for cls in registry.sorted() if issubclass(cls, (RecordRule, DatasetRule))]
    mapping = FieldMapping()
    _timed(rules, [Record(raw, mapping.resolve(raw), Provenance("bench", i + 1)) for i, raw in enumerate(raws[:300])])
    records = [Record(raw, mapping.resolve(raw), Provenance("bench", i + 1)) for i, raw in enumerate(raws)]
    cost, total = _timed(rules, records)
    print(f"{n} records, {sum(len(r.get('body') or '') for r in raws) / n / 1024:.1f} KB bodies; "
          f"{n / total:,.0f} records/s for all rules (no loading)")
    print(f"{'rule':<30} {'µs/record':>10}")
    for rule_id, seconds in sorted(cost.items(), key=lambda kv: -kv[1]):
        print(f"{rule_id:<30} {seconds / n * 1e6:>10.1f}")
    by_category: dict[str, float] = {}
    for rule in rules:
        by_category[rule.category] = by_category.get(rule.category, 0.0) + cost[rule.id]
    print("per category: " + ", ".join(f"{c} {t / n * 1e6:,.0f} µs" for c, t in sorted(by_category.items())))


def _timed(rules: list, records: list[Record]) -> tuple[dict[str, float], float]:
    cost = {rule.id: 0.0 for rule in rules}
    states = {rule.id: rule.start() for rule in rules if isinstance(rule, DatasetRule)}
    started = time.perf_counter()
    for record in records:
        for rule in rules:
            t0 = time.perf_counter()
            if isinstance(rule, RecordRule):
                for _ in rule.check(record):
                    pass
            else:
                rule.add(states[rule.id], record)
            cost[rule.id] += time.perf_counter() - t0
    for rule in rules:
        if isinstance(rule, DatasetRule):
            t0 = time.perf_counter()
            list(rule.finish(states[rule.id]))
            cost[rule.id] += time.perf_counter() - t0
    return cost, time.perf_counter() - started


if __name__ == "__main__":
    main()
