"""Throughput and scaling of a whole run: records/s, MB/s and peak memory, over 1, 2 and all
cores, on seeded synthetic news records of about 7.5 KB (and the real corpus when present).

    python bench/scale.py [RECORDS]            # default 4,000 synthetic records
    python bench/scale.py [RECORDS] --corpus   # records built from the real pages in ../shared/corpus

Each configuration runs `newslint check` in a fresh process (so peak RSS is its own) with
every default rule, and the JSON report is compared across job counts.
"""
from __future__ import annotations

import csv
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


CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"


def real_pages() -> list[dict]:
    """Real scraped pages: the FakeNewsCorpus sample (scraper plus extractor output) and the
    article-extraction benchmark's gold bodies and naive extractor output."""
    csv.field_size_limit(1 << 30)
    with open(CORPUS / "fakenewscorpus-sample" / "news_sample.csv", encoding="utf-8", newline="") as rows:
        pages = [{"title": r["title"], "body": r["content"], "authors": r["authors"], "url": r["url"],
                  "scraped_at": r["scraped_at"], "source": r["domain"]} for r in csv.DictReader(rows)]
    aeb = CORPUS / "aeb-article-extraction"
    for path in (aeb / "ground-truth.json", aeb / "output" / "newspaper.json"):
        for key, page in json.loads(path.read_text(encoding="utf-8")).items():
            pages.append({"title": key[:12], "body": page.get("articleBody") or "", "url": page.get("url") or ""})
    return [page for page in pages if len(page["body"]) > 200]


def generate_from_corpus(path: Path, count: int, seed: int = 7) -> None:
    """Records of about 7.5 KB: a real page's body, topped up with the paragraphs of others."""
    rng = random.Random(seed)
    pages = real_pages()
    with open(path, "w", encoding="utf-8") as out:
        for i in range(count):
            page = dict(pages[i % len(pages)])
            body = _cut(page["body"], 7600)
            while len(body) < 7000:
                body += "\n\n" + _cut(rng.choice(pages)["body"], 7600 - len(body))
            page.pop("scraped_at", None)
            page.update(id=f"c{i}", url=f"https://corpus.example.org/{i}/{page['url'].rsplit('/', 1)[-1]}", body=body,
                        published="2019-07-21T05:41:00+03:00", language="en")
            out.write(json.dumps(page) + "\n")


def _cut(text: str, size: int) -> str:
    """The text up to size characters, cut at a paragraph or line break when there is one."""
    if len(text) <= size:
        return text
    cut = text[:size].rsplit("\n", 1)[0]
    return cut if len(cut) > size // 2 else text[:size]


def run(paths: list[str], jobs: int) -> tuple[float, int, str]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "validator", "check", *paths, "--format", "json", "--jobs", str(jobs)],
                          capture_output=True, text=True, cwd=Path(__file__).resolve().parent.parent)
    elapsed = time.perf_counter() - start
    peak = max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    return elapsed, peak, proc.stdout


def main() -> None:
    numbers = [a for a in sys.argv[1:] if a.isdigit()]
    count = int(numbers[0]) if numbers else 4000
    from_corpus = "--corpus" in sys.argv
    if from_corpus and not CORPUS.is_dir():
        sys.exit(f"{CORPUS} is not present")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "records.jsonl"
        (generate_from_corpus if from_corpus else generate)(path, count)
        size = path.stat().st_size
        kind = "corpus" if from_corpus else "synthetic"
        print(f"{count} {kind} records, {size / count / 1024:.1f} KB each, {size / 1e6:.1f} MB; machine: "
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
