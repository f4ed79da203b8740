"""Cost of the strict timestamp parser per value, by kind of value (seeded, reproducible)."""
from __future__ import annotations

import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from validator.text.timestamps import parse  # noqa: E402

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]


def values(kind: str, rng: random.Random, n: int) -> list[str]:
    out = []
    for _ in range(n):
        y, m, d, h, mi = rng.randint(1996, 2025), rng.randint(1, 12), rng.randint(1, 28), rng.randint(0, 23), rng.randint(0, 59)
        out.append({
            "iso": f"{y}-{m:02d}-{d:02d}T{h:02d}:{mi:02d}:00+03:00",
            "rfc2822": f"Sun, {d} {MONTHS[m - 1][:3]} {y} {h:02d}:{mi:02d}:00 +0300",
            "news": f"{MONTHS[m - 1]} {d}, {y} {h % 12 + 1}:{mi:02d} PM EDT",
            "glued": f"{h:02d}:{mi:02d} GMT +3{d} {MONTHS[m - 1]} {y}",
            "unparseable": f"Listen Live {d}/7 | {mi} comments",
        }[kind])
    return out


def main() -> None:
    rng = random.Random(7)
    print(f"{'kind':<12} {'values':>7} {'µs/value':>9}")
    for kind in ("iso", "rfc2822", "news", "glued", "unparseable"):
        batch = values(kind, rng, 2000)
        best = float("inf")
        for _ in range(3):
            start = time.perf_counter()
            for value in batch:
                parse(value)
            best = min(best, (time.perf_counter() - start) / len(batch))
        print(f"{kind:<12} {len(batch):>7} {best * 1e6:>9.1f}")


if __name__ == "__main__":
    main()
