"""`newslint profile`: what an auditor reads first about a dump, per source and overall:
records, how complete each field is, the published dates' range and records per month, body
lengths, languages, the share of exact duplicate bodies, and the rules that fire most.

Each source keeps counters (body lengths by their number of words) and, for duplicates, an
8-byte hash per body (sorted at the end): no record is held."""
from __future__ import annotations

import hashlib
from array import array
from collections import Counter
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from .fields import CANONICAL_FIELDS
from .record import Record
from .text.timestamps import published

LENGTH_BINS = (0, 50, 150, 300, 600, 1200, 2500, 5000)  # words


@dataclass(slots=True)
class SourceProfile:
    records: int = 0
    present: Counter = field(default_factory=Counter)  # canonical field -> records that have it
    months: Counter = field(default_factory=Counter)  # YYYY-MM -> records
    first: str | None = None
    last: str | None = None
    lengths: Counter = field(default_factory=Counter)  # bin floor -> records
    words: Counter = field(default_factory=Counter)  # body words -> bodies: as many keys as lengths, not records
    languages: Counter = field(default_factory=Counter)
    hashes: array = field(default_factory=lambda: array("Q"))
    rules: Counter = field(default_factory=Counter)

    def add(self, record: Record) -> None:
        self.records += 1
        for name in CANONICAL_FIELDS:
            value = record.get(name)
            if value not in (None, "", [], {}):
                self.present[name] += 1
        stamp = published(record)
        if stamp is not None and stamp.has_date and not stamp.faults():
            day = stamp.iso()[:10]
            self.months[day[:7]] += 1
            self.first = min(self.first or day, day)
            self.last = max(self.last or day, day)
        body = record.text("body")
        if body:
            count = len(body.split())
            self.words[count] += 1
            self.lengths[max(b for b in LENGTH_BINS if b <= count)] += 1
            digest = hashlib.blake2b(" ".join(body.split()).encode("utf-8", "surrogatepass"), digest_size=8)
            self.hashes.append(int.from_bytes(digest.digest(), "little"))
        language = record.get("language")
        if isinstance(language, str) and language.strip():
            self.languages[language.strip().lower()[:12]] += 1

    def merge(self, other: SourceProfile) -> None:
        """Fold in the profile of another part of the input."""
        self.records += other.records
        for mine, theirs in ((self.present, other.present), (self.months, other.months),
                             (self.lengths, other.lengths), (self.words, other.words),
                             (self.languages, other.languages), (self.rules, other.rules)):
            mine.update(theirs)
        self.first = min(filter(None, (self.first, other.first)), default=None)
        self.last = max(filter(None, (self.last, other.last)), default=None)
        self.hashes.extend(other.hashes)

    def summary(self) -> dict[str, Any]:
        ordered = sorted(self.hashes)
        duplicates = sum(1 for index in range(1, len(ordered)) if ordered[index] == ordered[index - 1])
        percentile = partial(_percentile, sorted(self.words.items()), sum(self.words.values()))
        return {
            "records": self.records,
            "fields": {name: round(self.present[name] / self.records, 4) if self.records else 0
                       for name in CANONICAL_FIELDS},
            "published": {"first": self.first, "last": self.last, "per_month": dict(sorted(self.months.items()))},
            "body_words": {"median": percentile(0.5), "p10": percentile(0.1), "p90": percentile(0.9),
                           "bins": {str(b): self.lengths[b] for b in LENGTH_BINS if self.lengths[b]}},
            "languages": dict(self.languages.most_common(10)),
            "duplicate_bodies": round(duplicates / len(ordered), 4) if ordered else 0,
            "top_rules": dict(self.rules.most_common(10)),
        }


def _percentile(counted: list[tuple[int, int]], total: int, share: float) -> int | None:
    """The value at `share` of the sorted values, from (value, how many) pairs."""
    if not total:
        return None
    wanted, seen = min(total - 1, int(share * total)), 0
    for value, number in counted:
        seen += number
        if seen > wanted:
            return value
    return counted[-1][0]


class Profile:
    """Per source; the whole dump is their merge, worked out when it is asked for (each body is
    measured and hashed once)."""

    def __init__(self) -> None:
        self.sources: dict[str, SourceProfile] = {}
        self.rules: Counter = Counter()  # every finding's rule, in the findings' order (ties in it)

    def add(self, record: Record) -> None:
        self.sources.setdefault(record.source_key or "(no source)", SourceProfile()).add(record)

    def merge(self, other: Profile) -> None:
        for name, part in other.sources.items():
            self.sources.setdefault(name, SourceProfile()).merge(part)

    def count_findings(self, findings) -> None:
        """The top rules, from the run's findings (counted afresh each time)."""
        self.rules = Counter()
        for part in self.sources.values():
            part.rules.clear()
        for finding in findings:
            self.rules[finding.rule] += 1
            self.sources.setdefault(finding.source or "(no source)", SourceProfile()).rules[finding.rule] += 1

    def overall(self) -> SourceProfile:
        whole = SourceProfile()
        for part in self.sources.values():
            whole.merge(part)
        whole.rules = Counter(self.rules)
        return whole

    def summary(self) -> dict[str, Any]:
        return {"overall": self.overall().summary(),
                "sources": {name: part.summary() for name, part in sorted(
                    self.sources.items(), key=lambda item: (-item[1].records, item[0]))}}
