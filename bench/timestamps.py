"""Cost of the strict timestamp parser per value, by kind of value (seeded, reproducible), and
the cost of its first call, which loads the date vocabulary (in a fresh process)."""
from __future__ import annotations

import random
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from validator.text.timestamps import parse  # noqa: E402

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]


FRENCH = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre",
          "décembre"]
RUSSIAN = ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября", "ноября",
           "декабря"]
ARABIC = ["يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"]
PERSIAN = ["فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور", "مهر", "آبان", "آذر", "دی", "بهمن", "اسفند"]
FIRST_CALL = ("import time; start = time.perf_counter(); from validator.text.timestamps import parse; "
              "loaded = time.perf_counter(); parse('21 July 2019'); print(loaded - start, time.perf_counter() - loaded)")


def values(kind: str, rng: random.Random, n: int) -> list[str]:
    out = []
    for _ in range(n):
        y, m, d, h, mi = rng.randint(1996, 2025), rng.randint(1, 12), rng.randint(1, 28), rng.randint(0, 23), rng.randint(0, 59)
        out.append({
            "iso": f"{y}-{m:02d}-{d:02d}T{h:02d}:{mi:02d}:00+03:00",
            "rfc2822": f"Sun, {d} {MONTHS[m - 1][:3]} {y} {h:02d}:{mi:02d}:00 +0300",
            "news": f"{MONTHS[m - 1]} {d}, {y} {h % 12 + 1}:{mi:02d} PM EDT",
            "french": f"{d} {FRENCH[m - 1]} {y} à {h:02d}h{mi:02d}",
            "russian": f"{d} {RUSSIAN[m - 1]} {y} г., {h:02d}:{mi:02d}",
            "arabic": f"{d} {ARABIC[m - 1]} {y}، {h % 12 + 1}:{mi:02d} م",
            "chinese": f"{y}年{m}月{d}日 {h:02d}:{mi:02d}",
            "persian": f"{d} {PERSIAN[m - 1]} {y - 621}",
            "glued": f"{h:02d}:{mi:02d} GMT +3{d} {MONTHS[m - 1]} {y}",
            "unparseable": f"Listen Live {d}/7 | {mi} comments",
        }[kind])
    return out


def main() -> None:
    rng = random.Random(7)
    print(f"{'kind':<12} {'values':>7} {'µs/value':>9}")
    for kind in ("iso", "rfc2822", "news", "french", "russian", "arabic", "chinese", "persian", "glued", "unparseable"):
        batch = values(kind, rng, 2000)
        best = float("inf")
        for _ in range(7):
            start = time.perf_counter()
            for value in batch:
                parse(value)
            best = min(best, (time.perf_counter() - start) / len(batch))
        print(f"{kind:<12} {len(batch):>7} {best * 1e6:>9.1f}")
    runs = [subprocess.run([sys.executable, "-c", FIRST_CALL], capture_output=True, text=True, check=True,
                           cwd=Path(__file__).resolve().parent.parent).stdout.split() for _ in range(3)]
    imported, first = min(float(r[0]) for r in runs), min(float(r[1]) for r in runs)
    print(f"import {imported * 1e3:.0f} ms, first call (loads the vocabulary) {first * 1e3:.0f} ms")


if __name__ == "__main__":
    main()
