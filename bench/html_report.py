"""How long the HTML audit report takes to write and to open, for many findings.

    python bench/html_report.py                 # 200,000 findings in 40,000 records
    python bench/html_report.py 50000 10        # 50,000 records with 10 findings each

The findings are made here (synthetic records of about 2,000 characters, with the record text
an HTML run keeps), so that the report alone is measured. Printed: the time to write the page,
its size, and, when `chromium` is installed, the time until the page's script has drawn its
first page of records (as the script reports it), and how long a headless browser takes from
start to exit to take a screenshot of it.
"""
from __future__ import annotations

import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from validator.engine import RunResult  # noqa: E402
from validator.findings import Finding  # noqa: E402
from validator.report import html_report  # noqa: E402
from validator.spool import Findings  # noqa: E402

WORDS = ("minister budget council river harbour station election market weather report agency "
         "spokesman street morning evening court ruling opposition coalition").split()
RULES = (("boilerplate-phrase", "artifact", "warning"), ("glued-words", "artifact", "warning"),
         ("timestamp-glued", "timestamp", "error"), ("mojibake", "artifact", "warning"),
         ("name-spelling-variants", "entity", "info"))


def result(records: int, per_record: int, seed: int = 3) -> RunResult:
    rng = random.Random(seed)
    findings = Findings()
    for number in range(records):
        body = " ".join(rng.choice(WORDS) for _ in range(300))
        for k in range(per_record):
            rule, category, severity = RULES[k % len(RULES)]
            start = rng.randrange(0, len(body) - 20)
            findings.append(Finding(
                rule=rule, category=category, severity=severity, path="dump.jsonl", line=number + 1,
                record=f"r{number}", field="body", span=(start, start + 12), excerpt=body[max(0, start - 40):start + 52],
                excerpt_span=(min(40, start), min(40, start) + 12), message=f"{rule}: '{body[start:start + 12]}'",
                suggestion="" if k % 2 else None, source=f"site{number % 50}.example",
                url=f"https://site{number % 50}.example/{number}", text=body))
    return RunResult(findings, 1, records, {}, [r for r, _, _ in RULES], {})


def main() -> None:
    records = int(sys.argv[1]) if len(sys.argv) > 1 else 40_000
    per_record = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    folder = Path(tempfile.mkdtemp(prefix="newslint-bench-"))
    try:
        run = result(records, per_record)
        page = folder / "report.html"
        began = time.perf_counter()
        with open(page, "w", encoding="utf-8") as stream:
            html_report.render(run, stream)
        written = time.perf_counter() - began
        print(f"{len(run.findings):,} findings in {records:,} records: written in {written:.1f} s, "
              f"{page.stat().st_size / 1e6:.1f} MB")
        if shutil.which("chromium"):
            flags = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                     f"--user-data-dir={folder / 'profile'}"]
            began = time.perf_counter()
            subprocess.run(["chromium", *flags, f"--screenshot={folder / 'shot.png'}", "--window-size=1300,1500",
                            page.as_uri()], capture_output=True, timeout=300)
            shot = time.perf_counter() - began
            dom = subprocess.run(["chromium", *flags, "--dump-dom", page.as_uri()], capture_output=True, text=True,
                                 timeout=300).stdout
            ready = re.search(r'data-ready="(\d+)"', dom)
            print("chromium: " + (f"first page of records drawn {int(ready.group(1)) / 1000:.1f} s after navigation "
                                  "began" if ready else "the script did not finish")
                  + f"; a screenshot of it, browser start to exit: {shot:.1f} s")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
