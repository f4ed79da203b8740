"""Throughput and scaling of a whole run: records/s, MB/s and peak memory, over 1, 2 and all
cores, on seeded synthetic news records of about 7.5 KB (and the real corpus when present).

    python bench/scale.py [RECORDS]        # default 4,000 records

Each configuration runs `newslint check` in a fresh process (so peak RSS is its own) with
every default rule, and the JSON report is compared across job counts.
"""
from __future__ import annotations

import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from rule_costs import SENTENCES, WORDS  # noqa: E402


def generate(path: Path, count: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    with open(path, "w", encoding="utf-8") as out:
        for i in range(count):
            day = rng.randint(1, 28)
            filler = [" ".join(rng.choice(WORDS) for _ in range(60)).capitalize() + "." for _ in range(18)]
            body = "BAGHDAD, July 20 (Reuters) - " + "\n\n".join(filler[:9] + SENTENCES + filler[9:])
            out.write(json.dumps({
                "id": f"r{i}", "url": f"https://news{i % 20}.example.com/2019/07/{day:02d}/story-{i}",
                "title": "Talks resume in Baghdad", "published": f"2019-07-{day:02d}T{rng.randint(0, 23):02d}:41:00+03:00",
                "scraped_at": "2019-07-29T08:00:00Z", "authors": ["Lena Hart"], "source": f"news{i % 20}.example.com",
                "language": "en", "body": body,
            }) + "\n")


def run(paths: list[str], jobs: int) -> tuple[float, int, str]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "validator", "check", *paths, "--format", "json", "--jobs", str(jobs)],
                          capture_output=True, text=True, cwd=Path(__file__).resolve().parent.parent)
    elapsed = time.perf_counter() - start
    peak = max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    return elapsed, peak, proc.stdout


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 4000
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "synthetic.jsonl"
        generate(path, count)
        size = path.stat().st_size
        print(f"{count} records, {size / count / 1024:.1f} KB each, {size / 1e6:.1f} MB; machine: "
              f"{os.cpu_count()} cores, Python {sys.version.split()[0]}")
        print(f"{'jobs':>4} {'seconds':>8} {'records/s':>10} {'MB/s':>6} {'peak RSS (MB)':>14}")
        reports = {}
        for jobs in sorted({1, 2, os.cpu_count() or 1}):
            elapsed, peak, out = run([str(path)], jobs)
            reports[jobs] = json.loads(out)["findings"] if out else None
            print(f"{jobs:>4} {elapsed:>8.1f} {count / elapsed:>10,.0f} {size / 1e6 / elapsed:>6.2f} {peak / 1024:>14.0f}")
        same = len({json.dumps(r, sort_keys=True) for r in reports.values()}) == 1
        print("findings identical across job counts:", same)


if __name__ == "__main__":
    main()
