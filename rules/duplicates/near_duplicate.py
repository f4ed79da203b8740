from __future__ import annotations

import os
from functools import lru_cache
from typing import Iterable, Iterator

from validator.record import Record
from validator.rule import DatasetRule, Problem
from validator.spool import SpillError
from validator.states import Places, Spilled
from validator.text.body import body_fingerprint, body_plain, body_words

SHINGLE = 5
PERMUTATIONS = 128
MIN_WORDS = 40
BUCKET_CAP = 32  # bodies an LSH bucket keeps as candidates; later ones are compared with these only


class NearDuplicate(DatasetRule):
    """Bodies that are nearly the same story: one copy with a changed line, a trimmed footer,
    or another site's chrome around it. Exact copies are `duplicate-body`'s.

    MinHash signatures of five-word shingles (computed with NumPy; extra `dedup`), grouped by
    locality-sensitive hashing; a pair whose estimated Jaccard similarity reaches `threshold`
    (default 0.8) is reported at the later record, naming the earliest such record before it.
    Bodies under 40 words are left out. State: 264 bytes per record besides where it is, in
    spilled columns (temporary disk, not memory): the low 16 bits of each of the 128 MinHash
    values (two different values agree by chance once in 65,536, nothing beside the estimate's
    own spread) and 8 bytes of the body's digest. Finishing holds some 50 bytes a record.

    The work is bounded: an LSH bucket (the bodies that agree on one band) keeps its first 32
    bodies as candidates, so that a body is compared with at most 32 per band it shares with
    others, and 50,000 copies of one story cost a few comparisons each instead of 50,000²/2
    in all. When buckets overflow, one finding per story says so, at the first body left out:
    near-copies among the bodies after the cap may be unreported. A body whose words and
    signature repeat an earlier one exactly is not kept again (it would find nothing the
    earlier one does not). All of this depends only on the records in input order, so a
    parallel run finds the same.

    **Options**: `threshold` (number; default 0.8).

    **Fails**

    ```jsonl
    {"id": "a1", "title": "T", "body": "Engineers finished repairs to the Mosul dam on Sunday, the water ministry said, after six weeks of work on the spillway that had closed the road along the river and kept thousands of farmers away from their fields in the plain below the dam for most of the season."}
    {"id": "a2", "title": "T", "body": "Engineers finished repairs to the Mosul dam on Sunday, the water ministry said, after six weeks of work on the spillway that had closed the road along the river and kept thousands of farmers away from their fields in the plain below the dam for most of the season. Share this article."}
    ```

    **Passes**

    ```jsonl
    {"id": "a1", "title": "T", "body": "Engineers finished repairs to the Mosul dam on Sunday, the water ministry said, after six weeks of work on the spillway that had closed the road along the river and kept thousands of farmers away from their fields in the plain below the dam for most of the season."}
    {"id": "a2", "title": "T", "body": "The old bridge over the Tigris in Mosul reopened to traffic on Sunday after repairs that took most of the year, the governor said, adding that a second crossing further south would be rebuilt with money from the reconstruction fund by the end of next spring."}
    ```
    """

    id = "near-duplicate"
    category = "duplicate"
    severity = "warning"
    requires = ("numpy",)
    options_schema = {"threshold": {"type": "number", "minimum": 0.5, "maximum": 1, "default": 0.8,
                                    "description": "estimated Jaccard similarity that makes two bodies near-copies"}}

    def start(self) -> list:
        # [the records' places, their signatures' low 16 bits, their digests' first 8 bytes]
        return [Places(), Spilled(), Spilled()]

    def add(self, state: list, record: Record) -> None:
        words = record.analysis(body_words)
        if len(words) < MIN_WORDS:
            return
        signature = _signature(record.analysis(body_plain).encode("utf-8", "surrogatepass"))
        state[0].add(record.place("body"))
        state[1].append(signature.astype("<u2").tobytes())  # little-endian, whichever machine built it
        state[2].append(bytes.fromhex(record.analysis(body_fingerprint))[:8])

    def merge(self, state: list, other: list) -> list:
        for mine, theirs in zip(state, other):
            mine.extend(theirs)
        return state

    def finish(self, state: list) -> Iterable[Problem]:
        places, signatures, digests = state
        if len(places) < 2:
            return
        import numpy as np

        best, agreement, overflows = _earliest_similar(_Signatures(signatures),
                                                       np.frombuffer(digests.read(0, len(digests)), "<u8"),
                                                       self.options["threshold"])
        found = np.flatnonzero(best < len(best))
        story = np.arange(len(best), dtype=np.int64)  # the earliest body of the chain of near-copies each belongs to
        for number, earlier in zip(found.tolist(), best[found].tolist()):
            story[number] = story[earlier]
        for number, earlier, agree in zip(found.tolist(), best[found].tolist(), agreement[found].tolist()):
            first = places[earlier]
            yield Problem(f"nearly the same body (estimated Jaccard {agree / PERMUTATIONS:.2f}) as record "
                          f"{first.record} ({first.at.path}:{first.at.line})", place=places[number])
        yield from _overflows(overflows, story, places)


def _earliest_similar(rows: _Signatures, digests, threshold: float):
    """For each body, the earliest body before it that shares an LSH bucket with it, is as
    similar as the threshold and is not an exact copy (len(digests) where none), with the
    number of signature values they agree on; and the buckets that overflowed, as (their first
    body, the first body left out, how many were left out).

    A bucket (the bodies that agree on one band) keeps its first BUCKET_CAP bodies that are not
    exact repeats of an earlier one, in input order; a body is compared with the kept bodies of
    its buckets that come before it. This is done band by band, for all buckets at once: round
    j compares each body with the j-th kept body of its bucket, and a body leaves the rounds of
    a band once that kept body is similar, not before it, or not before its best so far (later
    kept bodies come later still). Memory: some 50 bytes a body."""
    import numpy as np

    count = len(digests)
    kept = np.zeros(count, dtype=bool)  # a repeat finds nothing the first does not
    kept[np.unique(digests ^ _per_record(rows, _mixed, np.uint64), return_index=True)[1]] = True
    best = np.full(count, count, dtype=np.int64)
    agreement = np.zeros(count, dtype=np.uint8)
    overflows: list[tuple[int, int, int]] = []
    needed = threshold * PERMUTATIONS  # equal values that make the threshold (exact: 128 is a power of 2)
    bands, per_band = _bands(threshold)
    for band in range(bands):
        keys = _per_record(rows, lambda block: _band_keys(block, bands, per_band, only=band)[:, 0], np.uint64)
        order = np.argsort(keys, kind="stable").astype(np.int32)  # bodies by key, in input order within a key
        keys = keys[order]
        opens = np.ones(count, dtype=bool)
        opens[1:] = keys[1:] != keys[:-1]
        del keys
        bucket = np.cumsum(opens, dtype=np.int32) - 1
        shared = np.bincount(bucket)[bucket] > 1  # only keys that two bodies or more share make a bucket
        order, opens = order[shared], opens[shared]
        if not len(order):
            continue
        bucket = np.cumsum(opens, dtype=np.int32) - 1  # numbered again, without the others
        starts = np.flatnonzero(opens)
        is_kept = kept[order]
        kept_before = np.cumsum(is_kept, dtype=np.int32) - is_kept
        rank = kept_before - kept_before[starts][bucket]  # among the kept bodies of its bucket
        del kept_before
        kept_count = np.add.reduceat(is_kept.astype(np.int32), starts)
        full = kept_count > BUCKET_CAP
        if full.any():
            first = order[is_kept & (rank == 0) & full[bucket]]
            left_out = order[is_kept & (rank == BUCKET_CAP) & full[bucket]]
            overflows.extend(zip(first.tolist(), left_out.tolist(), (kept_count[full] - BUCKET_CAP).tolist()))
        _compare_rounds(rows, digests, order, bucket, is_kept & (rank < BUCKET_CAP), rank, needed, best, agreement)
    return best, agreement, overflows


def _per_record(rows: _Signatures, compute, dtype):
    """compute(block) for every block of signatures, into one array of a value per record."""
    import numpy as np

    values = np.empty(rows.count, dtype=dtype)
    low = 0
    for block in rows.blocks():
        values[low:low + len(block)] = compute(block)
        low += len(block)
    return values


_PAIRS = 8192  # pairs of signatures compared at once (4 MB gathered)


def _compare_rounds(rows, digests, order, bucket, keeps, rank, needed, best, agreement) -> None:
    import numpy as np

    waiting = np.arange(len(order), dtype=np.int32)  # positions whose earliest similar kept body in this band is not known
    for round_ in range(BUCKET_CAP):
        chosen = np.full(bucket[-1] + 1, -1, dtype=np.int64)
        at = keeps & (rank == round_)
        if not at.any():
            return
        chosen[bucket[at]] = order[at]
        candidate = chosen[bucket[waiting]]
        bodies = order[waiting]
        waiting = waiting[(candidate >= 0) & (candidate < bodies) & (candidate < best[bodies])]
        if not len(waiting):
            return
        similar = np.zeros(len(waiting), dtype=bool)
        for low in range(0, len(waiting), _PAIRS):
            bodies = order[waiting[low:low + _PAIRS]]
            earlier = chosen[bucket[waiting[low:low + _PAIRS]]]
            agree = (rows.get(earlier) == rows.get(bodies)).sum(axis=1)
            hit = (agree >= needed) & (digests[earlier] != digests[bodies])
            best[bodies[hit]] = earlier[hit]
            agreement[bodies[hit]] = agree[hit]
            similar[low:low + _PAIRS] = hit
        waiting = waiting[~similar]


class _Signatures:
    """The signatures of a state, read a block of records at a time, or by record numbers:
    from memory while they are few, else from the spill file, one read per distinct row (a
    map of the file would bring whole pages, and their neighbours, into the resident set)."""

    def __init__(self, spilled: Spilled):
        import numpy as np

        self.spilled = spilled
        self.count = len(spilled) // _ROW
        self.memory = None
        if spilled.extents:
            spilled.flush()  # every row in the file
            self.extent_offsets = np.array([offset for offset, _ in spilled.extents], dtype=np.int64)
            self.extent_starts = np.array(spilled.starts, dtype=np.int64) // _ROW
        else:
            self.memory = np.frombuffer(bytes(spilled.tail), dtype="<u2").reshape(-1, PERMUTATIONS)

    def blocks(self) -> Iterator:
        import numpy as np

        for low in range(0, self.count, _CHUNK):
            data = self.spilled.read(low * _ROW, min(low + _CHUNK, self.count) * _ROW)
            yield np.frombuffer(data, dtype="<u2").reshape(-1, PERMUTATIONS)

    def get(self, numbers):
        """The signatures of these records, as rows."""
        import numpy as np

        if self.memory is not None:
            return self.memory[numbers]
        distinct, inverse = np.unique(numbers, return_inverse=True)
        extent = np.searchsorted(self.extent_starts, distinct, side="right") - 1  # extents hold whole rows
        offsets = self.extent_offsets[extent] + (distinct - self.extent_starts[extent]) * _ROW
        read, fd = os.pread, self.spilled.arena.fd
        data = b"".join([read(fd, _ROW, offset) for offset in offsets.tolist()])
        if len(data) != len(distinct) * _ROW:
            raise SpillError("the temporary state file ended early")
        return np.frombuffer(data, dtype="<u2").reshape(-1, PERMUTATIONS)[inverse]


_ROW = PERMUTATIONS * 2  # bytes of one signature


def _overflows(overflows: list[tuple[int, int, int]], story, places: Places) -> Iterator[Problem]:
    """One finding per story whose buckets overflowed (those opened by its first body or by its
    near-copies), at the earliest body they left out, with the most any of them left out."""
    by_story: dict[int, list[tuple[int, int]]] = {}
    for first, left_out, count in overflows:
        by_story.setdefault(int(story[first]), []).append((left_out, count))
    for opener, full in sorted(by_story.items()):
        first = min(first for first, _ in full)
        most = max(count for _, count in full)
        story_opener = places[opener]
        yield Problem(f"LSH bucket cap reached: {len(full)} bucket(s) of the story of record {story_opener.record} "
                      f"({story_opener.at.path}:{story_opener.at.line}) hold more than {BUCKET_CAP} bodies; this body "
                      f"and at least {most - 1:,} after it were compared only with the first {BUCKET_CAP} in each, so "
                      f"near-copies among them may be unreported", place=places[first])


_CHUNK = 4096  # records whose signatures are widened to 64 bits at once (4 MB)


def _mixed(signatures):
    """A 64-bit hash of each signature (a sum of its values by fixed odd multipliers, mixed): with
    the digest, what tells an exact repeat (a collision, one in 2**64, would leave one body out
    of the buckets)."""
    import numpy as np

    mixed = np.zeros(len(signatures), dtype=np.uint64)
    for low in range(0, len(signatures), _CHUNK):
        chunk = signatures[low:low + _CHUNK].astype(np.uint64)
        mixed[low:low + _CHUNK] = (chunk * _row_multipliers()).sum(axis=1)
    return mixed ^ (mixed >> np.uint64(31))


def _band_keys(signatures, bands: int, rows: int, only: int | None = None):
    """One 64-bit key per record and band (or only band `only`): the band's values mixed by
    fixed odd multipliers (a collision, about one in 2**64, would only add a candidate, which
    the full check removes). Computed _CHUNK records at a time, so that the temporary arrays
    stay small."""
    import numpy as np

    chosen = range(bands) if only is None else [only]
    keys = np.empty((len(signatures), len(chosen)), dtype=np.uint64)
    multipliers = _row_multipliers()[:rows]
    columns = np.concatenate([np.arange(band * rows, (band + 1) * rows) for band in chosen])
    for low in range(0, len(signatures), _CHUNK):
        values = signatures[low:low + _CHUNK][:, columns].astype(np.uint64)
        mixed = (values.reshape(-1, len(chosen), rows) * multipliers).sum(axis=2)
        keys[low:low + _CHUNK] = mixed ^ (mixed >> np.uint64(29))
    return keys


@lru_cache(maxsize=1)
def _row_multipliers():
    import numpy as np

    return np.random.default_rng(2015).integers(1, 1 << 63, size=PERMUTATIONS, dtype=np.uint64) | np.uint64(1)


@lru_cache(maxsize=8)
def _bands(threshold: float) -> tuple[int, int]:
    """Locality-sensitive hashing: signatures that agree on all `rows` values of any of the
    `bands` bands are compared. The pair is chosen as datasketch's MinHashLSH chooses it, by the
    least weighted area under the S-curve 1 - (1 - s**rows)**bands on the wrong side of the
    threshold, weighted for recall (0.1 false candidates, 0.9 missed pairs): every candidate is
    checked against the whole signature, so an extra one costs little, while a missed pair is
    a missed finding (at threshold 0.8, balanced weights miss 31% of pairs at 0.85; these, 2.5%)."""
    import numpy as np

    similarity = np.linspace(0.0, 1.0, 4001)
    below, above = similarity <= threshold, similarity >= threshold
    best, chosen = float("inf"), (1, PERMUTATIONS)
    for bands in range(1, PERMUTATIONS + 1):
        for rows in range(1, PERMUTATIONS // bands + 1):
            candidate = 1 - (1 - similarity ** rows) ** bands
            missed = _area(similarity[above], 1 - candidate[above])
            error = 0.1 * _area(similarity[below], candidate[below]) + 0.9 * missed
            if error < best:
                best, chosen = error, (bands, rows)
    return chosen


def _area(x, y) -> float:
    """The trapezoid rule."""
    return float(((y[1:] + y[:-1]) / 2 * (x[1:] - x[:-1])).sum())


def _word_hashes(text: bytes):
    """A stable 64-bit hash of each space-separated word, computed for all words at once: a
    polynomial over the text's bytes (prefix sums of byte times power of the place), each
    word's share brought back to its own first byte by the inverse power, then mixed."""
    import numpy as np

    data = np.frombuffer(text + b" ", dtype=np.uint8)  # a closing space ends the last word
    in_word = np.concatenate(([False], data != 32))
    bounds = (in_word[1:] != in_word[:-1]).nonzero()[0]  # start, end, start, end, ...
    if not len(bounds):
        return np.zeros(0, dtype=np.uint64)
    powers, inverse_powers = _powers(len(data))
    sums = np.add.reduceat(data * powers[:len(data)], bounds)[::2]
    hashes = sums * inverse_powers[bounds[::2]]
    hashes ^= hashes >> np.uint64(31)
    hashes *= np.uint64(0x9E3779B97F4A7C15)
    return hashes ^ (hashes >> np.uint64(29))


_BASE = 0x5BD1E9955BD1E995  # odd, so it has an inverse modulo 2**64
_powers_cache: list = []


def _powers(count: int):
    """_BASE**i and its inverse**i modulo 2**64 for i < count (at least), kept and grown."""
    import numpy as np

    if not _powers_cache or len(_powers_cache[0]) < count:
        size = max(count, 1 << 16)
        base, inverse = np.uint64(_BASE), np.uint64(pow(_BASE, -1, 1 << 64))
        powers = np.empty(size, dtype=np.uint64)
        inverse_powers = np.empty(size, dtype=np.uint64)
        powers[0] = inverse_powers[0] = 1
        powers[1:] = base
        inverse_powers[1:] = inverse
        np.multiply.accumulate(powers, out=powers)
        np.multiply.accumulate(inverse_powers, out=inverse_powers)
        _powers_cache[:] = [powers, inverse_powers]
    return _powers_cache


def _signature(text: bytes):
    """The MinHash of the body's five-word shingles by one-permutation hashing: each shingle's
    hash (a polynomial of its words' hashes, mixed) falls in one of 128 bins by its top bits,
    and a bin keeps the least of the rest; an empty bin (short bodies) takes the value of the
    first filled bin in a fixed pseudo-random order of its own ("optimal densification",
    Shrivastava 2017), so that two copies fill it alike. One pass over the shingles instead
    of 128: an estimate of the same quality for the bodies that matter, at a tenth of the cost."""
    import numpy as np

    word_hashes = _word_hashes(text)
    count = len(word_hashes) - SHINGLE + 1
    shingles = np.zeros(count, dtype=np.uint64)
    for offset in range(SHINGLE):
        shingles = shingles * np.uint64(1_000_003) + word_hashes[offset:offset + count]
    shingles ^= shingles >> np.uint64(29)
    shingles *= np.uint64(0xBF58476D1CE4E5B9)
    shingles ^= shingles >> np.uint64(32)
    signature = np.full(PERMUTATIONS, _EMPTY, dtype=np.uint64)
    np.minimum.at(signature, (shingles >> np.uint64(64 - _BIN_BITS)).astype(np.intp), shingles & _VALUE_MASK)
    empty = signature == _EMPTY
    if empty.any():
        probes = _probes()[empty]  # for each empty bin, bins to borrow from, in its fixed order
        filled = ~empty[probes]
        chosen = probes[np.arange(len(probes)), filled.argmax(axis=1)]
        signature[empty] = np.where(filled.any(axis=1), signature[chosen], _EMPTY)
    return signature


_BIN_BITS = 7  # 2**7 = PERMUTATIONS bins
_EMPTY = (1 << 64) - 1
_VALUE_MASK = (1 << (64 - _BIN_BITS)) - 1


@lru_cache(maxsize=1)
def _probes():
    """For each bin, 64 other bins in a fixed pseudo-random order."""
    import numpy as np

    return np.random.default_rng(20190721).integers(0, PERMUTATIONS, size=(PERMUTATIONS, 64))


