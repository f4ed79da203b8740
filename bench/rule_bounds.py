"""Worst cases of two rules whose work could grow faster than their input: `mojibake` on
adversarial text (long runs without spaces, whole mis-decoded bodies, damage alternating with
clean words) and `near-duplicate` on many near-identical bodies of one source.

    python bench/rule_bounds.py [--records N] [--skip-cli]

Times are CPU times (other work on a shared machine inflates wall time); the limit is wall
time, as the engine's watchdog counts. Mojibake: time of one `check` per shape and length, findings, and whether any span repeats.
Near-duplicate: N (default 50,000) near-identical records; time of `add` for all, of `finish`,
findings, state bytes per record (pickled); then `newslint check FILE --select near-duplicate
--format json` with --jobs 1 and --jobs 2 (whole-run wall time, findings equal or not). A
measurement that passes its limit (the engine's 10 s per record or finish) is stopped and
shown as "> limit".
"""
from __future__ import annotations

import json
import pickle
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import ftfy.bad_codecs  # noqa: E402,F401  (registers sloppy-windows-1252, the decoding ftfy models)

from validator.fields import FieldMapping  # noqa: E402
from validator.record import Provenance, Record  # noqa: E402

LIMIT = 10.0  # the engine's watchdog, per record and per dataset rule's finish

RUSSIAN = ("Министр иностранных дел заявил в воскресенье, что переговоры возобновятся на следующей неделе "
           "в Багдаде. Чиновники сообщили журналистам, что силы ополчения продвинулись к Рамади. ")


def misdecoded(text: str) -> str:
    return text.encode("utf-8").decode("sloppy-windows-1252")


def mojibake_shapes(length: int) -> dict[str, str]:
    rng = random.Random(length)
    bad_russian = misdecoded(RUSSIAN)
    distinct = " ".join(misdecoded(rng.choice("éèàüößçñ") + rng.choice("éèàüößçñ")) + " word"
                        for _ in range(length // 8))
    shapes = {
        "'Ã©Ã©-' repeated": "Ã©Ã©-" * (length // 5 + 1),
        "mis-decoded Russian, no spaces": bad_russian.replace(" ", "") * (length // len(bad_russian) + 1),
        "mis-decoded Russian, one run": bad_russian * (length // len(bad_russian) + 1),
        "alternating 'Ã© word '": "Ã© word " * (length // 8 + 1),
        "alternating, distinct damage": distinct * (length // max(1, len(distinct)) + 1),
        "real Russian": RUSSIAN * (length // len(RUSSIAN) + 1),
    }
    return {name: text[:length] for name, text in shapes.items()}


def record(raw: dict, line: int = 1) -> Record:
    return Record(raw, FieldMapping().resolve(raw), Provenance("bench", line))


class Overrun(Exception):
    pass


def timed(call, limit: float = LIMIT):
    """(CPU seconds, result) of call(), or (None, None) when it passes the limit (wall time, as
    the engine's watchdog counts). CPU time, as other work on the machine inflates wall time."""
    def expired(signum, frame):
        raise Overrun

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, limit)
    started = time.process_time()
    try:
        result = call()
        return time.process_time() - started, result
    except Overrun:
        return None, None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def show(seconds: float | None) -> str:
    return f"> {LIMIT:g} s" if seconds is None else f"{seconds * 1000:,.1f} ms"


def bench_mojibake() -> None:
    from rules.artifacts.mojibake import Mojibake

    rule = Mojibake()
    list(rule.check(record({"body": "CafÃ© Ã©"})))  # warm ftfy's caches
    print(f"{'mojibake: shape':<34} {'chars':>8} {'time':>12} {'findings':>9} {'repeated spans':>15}")
    for length in (4_000, 8_000, 200_000):
        for name, text in mojibake_shapes(length).items():
            seconds, problems = timed(lambda: list(rule.check(record({"body": text}))))
            found = "-" if problems is None else f"{len(problems):,}"
            repeated = "-" if problems is None else len(problems) - len({p.span for p in problems})
            print(f"{name:<34} {length:>8,} {show(seconds):>12} {found:>9} {repeated:>15}")


WORDS = ("the minister said on sunday that talks would resume next week in baghdad after the city fell "
         "officials told reporters militia forces advanced toward ramadi while aid agencies warned").split()


def near_identical(count: int, seed: int = 7) -> list[dict]:
    """One source's story, `count` times, each copy with one word changed and a line number added."""
    rng = random.Random(seed)
    words = [rng.choice(WORDS) for _ in range(180)]
    records = []
    for i in range(count):
        copy = list(words)
        copy[rng.randrange(len(copy))] = f"word{i}"
        records.append({"id": f"r{i}", "source": "wire.example.com", "title": "Talks resume",
                        "body": " ".join(copy) + f". Update {i}."})
    return records


def crowded(count: int, seed: int = 7) -> list[dict]:
    """The worst case for the buckets: 300 words every body shares and 60 of its own, so that
    many bodies share bands (and fill the buckets) while no two reach the threshold (about 0.7)."""
    rng = random.Random(seed)
    shared = [rng.choice(WORDS) for _ in range(300)]
    return [{"id": f"c{i}", "source": "wire.example.com", "title": "Talks resume",
             "body": " ".join(shared + [f"own{i}x{k}" for k in range(60)])} for i in range(count)]


def bench_near_duplicate(count: int, cli: bool) -> None:
    bench_near_duplicate_records(f"{count:,} near-identical records of one source", near_identical(count), cli)
    bench_near_duplicate_records(f"{count:,} records sharing 300 of 360 words (crowded buckets, none similar "
                                 "enough)", crowded(count), False)


def bench_near_duplicate_records(title: str, raws: list[dict], cli: bool) -> None:
    from rules.duplicates.near_duplicate import NearDuplicate

    count = len(raws)
    rule = NearDuplicate()
    records = [record(raw, line) for line, raw in enumerate(raws, 1)]
    state = rule.start()
    started = time.process_time()
    for one in records:
        rule.add(state, one)
    adding = time.process_time() - started
    state_bytes = len(pickle.dumps(state, protocol=pickle.HIGHEST_PROTOCOL))
    seconds, problems = timed(lambda: list(rule.finish(state)), limit=60.0)
    print(f"\nnear-duplicate, {title}:")
    print(f"  add, all records: {adding:.2f} s CPU ({adding / count * 1e6:.0f} µs/record); "
          f"state {state_bytes / count:,.0f} bytes/record pickled")
    if seconds is None:
        print("  finish: > 60 s (stopped)")
    else:
        capped = [p for p in problems if "cap" in p.message]
        print(f"  finish: {seconds:.2f} s CPU, {len(problems):,} findings ({len(capped)} about a capped bucket)")
    if not cli:
        return
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "near.jsonl"
        path.write_text("".join(json.dumps(raw) + "\n" for raw in raws), encoding="utf-8")
        reports = {}
        for jobs in (1, 2):
            started = time.perf_counter()
            done = subprocess.run([sys.executable, "-m", "validator", "check", str(path), "--select",
                                   "near-duplicate", "--jobs", str(jobs), "--format", "json"],
                                  capture_output=True, text=True, cwd=ROOT)
            wall = time.perf_counter() - started  # wall time: the run's processes are not this one
            reports[jobs] = json.loads(done.stdout)["findings"]
            errors = sum(f["rule"] == "internal-error" for f in reports[jobs])
            print(f"  newslint check --jobs {jobs}: {wall:.1f} s, exit {done.returncode}, "
                  f"{len(reports[jobs]):,} findings ({errors} internal-error)")
        print(f"  findings identical across --jobs 1 and 2: {reports[1] == reports[2]}")


def main() -> None:
    count = int(sys.argv[sys.argv.index("--records") + 1]) if "--records" in sys.argv else 50_000
    bench_mojibake()
    bench_near_duplicate(count, "--skip-cli" not in sys.argv)


if __name__ == "__main__":
    main()
