"""Peak memory of whole runs, to show that it is bounded by settings and not by the input.

    python bench/memory.py corpus 20000 100000   # real-page records (../shared/corpus), --format jsonl
    python bench/memory.py tiny 2000000          # tiny records, every default rule
    python bench/memory.py ... --jobs 2          # on a pool (default: 1 job)
    python bench/memory.py ... --ignore near-duplicate   # passed on to newslint check
    python bench/memory.py ... --preview                 # every rule, preview ones too

Each run is `newslint check FILE --format jsonl --output /dev/null` in a fresh process; the
peak resident set of that process (and, for a pool, of its largest worker) is printed with the
number of findings it wrote.
"""
from __future__ import annotations

import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from scale import CORPUS, generate_from_corpus  # noqa: E402

MEASURE = ("import resource, subprocess, sys; code = subprocess.run(sys.argv[1:]).returncode; "
           "print(code, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")


def generate_tiny(path: Path, count: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    words = ["bridge", "dam", "talks", "vote", "storm", "market", "court", "strike"]
    with open(path, "w", encoding="utf-8") as out:
        for i in range(count):
            out.write(json.dumps({"id": f"t{i}", "url": f"https://tiny{i % 50}.example/{i}",
                                  "title": f"{rng.choice(words).title()} {i}",
                                  "published": f"2019-07-{rng.randint(1, 28):02d}", "body": rng.choice(words)}) + "\n")


def measure(path: Path, jobs: int, extra: list[str]) -> tuple[float, float, int]:
    report = path.with_suffix(".findings.jsonl")
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", MEASURE, sys.executable, "-m", "validator", "check", str(path),
                           "--format", "jsonl", "--output", str(report), "--jobs", str(jobs), *extra],
                          capture_output=True, text=True, cwd=Path(__file__).resolve().parent.parent)
    elapsed = time.perf_counter() - start
    if not report.exists():
        sys.exit(f"no report written: {proc.stdout.strip()} {proc.stderr.strip()[-2000:]}")
    out = proc.stdout
    with open(report, "rb") as handle:
        findings = sum(1 for _ in handle)
    report.unlink()
    return elapsed, int(out.split()[1]) / 1024, findings


def main() -> None:
    kind, *rest = sys.argv[1:]
    jobs = int(rest[rest.index("--jobs") + 1]) if "--jobs" in rest else 1
    extra = ["--ignore", rest[rest.index("--ignore") + 1]] if "--ignore" in rest else []
    extra += ["--preview"] if "--preview" in rest else []
    counts = [int(a) for a in rest if a.isdigit() and (rest.index(a) == 0 or rest[rest.index(a) - 1] != "--jobs")]
    if kind == "corpus" and not CORPUS.is_dir():
        sys.exit(f"{CORPUS} is not present")
    print(f"{'records':>10} {'MB in':>8} {'seconds':>8} {'findings':>10} {'peak RSS (MB)':>14}   "
          f"({kind}, {jobs} job(s)) {' '.join(extra)}")
    for count in counts:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "records.jsonl"
            (generate_from_corpus if kind == "corpus" else generate_tiny)(path, count)
            elapsed, peak, findings = measure(path, jobs, extra)
            print(f"{count:>10,} {path.stat().st_size / 1e6:>8.0f} {elapsed:>8.0f} {findings:>10,} {peak:>14.0f}",
                  flush=True)


if __name__ == "__main__":
    main()
