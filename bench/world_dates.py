"""How well newslint reads the dates of the world's news sites.

Values are generated from CLDR's own date and time patterns (through Babel) for the
languages below, in the locale's own digits too where it has them, at seeded random moments;
each is parsed and sorted into: read (the reading is the moment written), warned (kept with
more than one reading, the right one among them: two-digit years, day/month order), flagged
(reported as unreadable or faulty) and misread (read as another moment without a word: the
outcome that must never happen). Short patterns, whose years have two digits, are counted
apart: they are warned by design.

    python bench/world_dates.py            # totals, and each language below 100 %
    python bench/world_dates.py --show 20  # also the first values that were not read
"""
from __future__ import annotations

import argparse
import datetime as dt
import random
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from validator.text.timestamps import parse  # noqa: E402

LOCALES = ("en en_GB en_IN fr de es es_MX it pt pt_PT nl ru uk be bg pl cs sk hr sr sl ro hu fi et lv lt tr el he "
           "ar ar_EG ar_SY fa ur hi bn mr ta te th vi id ms fil zh zh_Hant ja ko sw da sv nb is ca eu gl af ka hy "
           "az kk uz mn km lo my sq mk am").split()
# Patterns of each locale: date patterns by width, and date-time formats.
DATE_WIDTHS = ("full", "long", "medium")
DATETIME_WIDTHS = ("long", "medium")
_ZERO = {"arab": "٠", "arabext": "۰", "beng": "০", "deva": "०", "mymr": "၀", "thai": "๐", "tibt": "༠", "khmr": "០",
         "laoo": "໐"}


def native_digits(text: str, system: str) -> str | None:
    zero = _ZERO.get(system)
    if zero is None:
        return None
    return "".join(chr(ord(zero) + int(c)) if c.isascii() and c.isdigit() else c for c in text)


def values(seed: int = 15, moments: int = 6, locales=LOCALES):
    """(locale, kind, value, truth) where truth is (y, m, d, H, M, offset minutes | None)."""
    from babel import Locale
    from babel.dates import format_date, format_datetime

    rng = random.Random(seed)
    for identifier in locales:
        locale = Locale.parse(identifier)
        system = locale.default_numbering_system
        for _ in range(moments):
            offset = rng.choice((0, 60, 180, 330, -300))
            moment = dt.datetime(rng.randint(2000, 2025), rng.randint(1, 12), rng.randint(1, 28), rng.randint(0, 23),
                                 rng.randint(0, 59), rng.randint(0, 59),
                                 tzinfo=dt.timezone(dt.timedelta(minutes=offset)))
            day = (moment.year, moment.month, moment.day, None, None, None)
            made = [("date " + w, format_date(moment, w, locale=locale), day) for w in DATE_WIDTHS]
            for width in DATETIME_WIDTHS:
                truth = (moment.year, moment.month, moment.day, moment.hour, moment.minute,
                         offset if width == "long" else None)
                made.append(("datetime " + width, format_datetime(moment, width, tzinfo=moment.tzinfo, locale=locale),
                             truth))
            made.append(("short", format_date(moment, "short", locale=locale), day))
            for kind, value, truth in made:
                yield identifier, kind, value, truth
                native = native_digits(value, system)
                if native and native != value:
                    yield identifier, kind + " native", native, truth


def judge(value: str, truth: tuple) -> str:
    result = parse(value)
    stamp = result.timestamp
    if result.outcome not in ("ok",) or stamp is None or stamp.faults():
        return "flagged"
    year, month, day, hour, minute, offset = truth
    readings = [(stamp.year, stamp.month, stamp.day), *stamp.alternatives]
    same_time = hour is None or (stamp.hour, stamp.minute) == (hour, minute)
    same_zone = offset is None or stamp.offset == offset
    if readings[0] == (year, month, day) and same_time and same_zone and not stamp.alternatives:
        return "read"
    if (year, month, day) in readings and same_time and same_zone:
        return "warned"
    return "misread"


CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"
_TIME = re.compile(r'<time[^>]*?datetime="(?P<truth>[^"]{10,40})"[^>]*>\s*(?P<value>[^<]{4,80}?)\s*</time>', re.S)


def real_values(corpus: Path = CORPUS):
    """(page, value, truth date) for each `<time datetime="...">value</time>` of the real pages
    of newspaper-pages and htmldate-mediacloud: the visible value against the machine one."""
    import gzip

    pages = sorted((corpus / "newspaper-pages" / "html").glob("*.html.gz"))
    pages += sorted((corpus / "htmldate-mediacloud" / "test_set").glob("*.html"))
    for page in pages:
        opener = gzip.open if page.suffix == ".gz" else open
        with opener(page, "rt", encoding="utf-8", errors="replace") as handle:
            html = handle.read()
        for match in _TIME.finditer(html):
            truth = parse(match["truth"]).timestamp
            value = " ".join(match["value"].split())
            if truth is not None and truth.has_date and not truth.faults() and value != match["truth"]:
                yield page.name, value, dt.date(truth.year, truth.month, truth.day)


def judge_real(value: str, truth: dt.date) -> str:
    result = parse(value)
    stamp = result.timestamp
    if result.outcome == "relative":
        return "relative"
    if result.outcome != "ok" or stamp is None or stamp.faults():
        return "flagged"
    if not stamp.has_date:
        return "time only"
    readings = [dt.date(y, m, d) for y, m, d in [(stamp.year, stamp.month, stamp.day), *stamp.alternatives]]
    near = [abs((reading - truth).days) <= 1 for reading in readings]  # the machine value may be in UTC
    if near[0] and len(readings) == 1:
        return "read"
    return "warned" if any(near) else "misread"


def run(show: int = 0, seed: int = 15) -> dict[str, Counter]:
    tally: dict[str, Counter] = defaultdict(Counter)
    shown = 0
    for locale, kind, value, truth in values(seed):
        group = "short" if kind.startswith("short") else "main"
        outcome = judge(value, truth)
        tally[group][outcome] += 1
        tally[f"{group}:{locale.split('_')[0]}"][outcome] += 1
        if outcome not in ("read", "warned") and shown < show and group == "main":
            shown += 1
            result = parse(value)
            print(f"  {outcome:8} {locale:7} {kind:18} {value!r} -> {result.outcome} "
                  f"{result.timestamp.iso() if result.timestamp else ''} {result.detail}")
    if CORPUS.exists():
        for page, value, truth in real_values():
            outcome = judge_real(value, truth)
            tally["real"][outcome] += 1
            if outcome in ("flagged", "misread") and shown < show:
                shown += 1
                result = parse(value)
                print(f"  {outcome:8} real    {page:20} {value!r} (page says {truth}) -> {result.outcome} "
                      f"{result.timestamp.iso() if result.timestamp else ''} {result.detail}")
    seed_value = "05:41 GMT +321 July 2019"
    tally["seed"]["read" if parse(seed_value).timestamp.iso() == "2019-07-21T05:41:00+03:00" else "misread"] += 1
    return tally


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--show", type=int, default=0)
    parser.add_argument("--seed", type=int, default=15)
    args = parser.parse_args()
    tally = run(args.show, args.seed)
    languages = sorted({k.split(":")[1] for k in tally if ":" in k})
    print(f"{len(languages)} languages, {len(LOCALES)} locales")
    for group in ("main", "short", "real", "seed"):
        counts = tally[group]
        if not counts:
            continue
        total = sum(counts.values())
        print(f"{group:6} {total:5} values: " + ", ".join(
            f"{name} {counts[name]} ({counts[name] / total:.1%})" for name in
            ("read", "warned", "flagged", "misread", "relative", "time only") if counts[name] or name in ("read", "misread")))
    for language in languages:
        counts = tally[f"main:{language}"]
        total = sum(counts.values())
        if counts["read"] < total:
            print(f"  {language:4} {counts['read']}/{total} read, {counts['flagged']} flagged, "
                  f"{counts['misread']} misread")


if __name__ == "__main__":
    main()
