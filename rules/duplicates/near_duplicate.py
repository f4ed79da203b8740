from functools import lru_cache
from typing import Iterable

from validator.record import Record
from validator.rule import DatasetRule, Problem
from validator.text.body import body_fingerprint, body_plain, body_words

SHINGLE = 5
PERMUTATIONS = 128
MIN_WORDS = 40


class NearDuplicate(DatasetRule):
    """Bodies that are nearly the same story: one copy with a changed line, a trimmed footer,
    or another site's chrome around it. Exact copies are `duplicate-body`'s.

    MinHash signatures of five-word shingles (computed with NumPy; extra `dedup`), grouped by
    locality-sensitive hashing; a pair whose estimated Jaccard similarity reaches `threshold`
    (default 0.8) is reported at the later record, naming the earlier. Bodies under 40 words
    are left out. State: a 128-value MinHash signature and its band keys (about 1.3 KB) per record.

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
        return []  # [(provenance, identity, field, exact body digest, signature: 128 uint64, band keys)]

    def add(self, state: list, record: Record) -> None:
        words = record.analysis(body_words)
        if len(words) < MIN_WORDS:
            return
        signature = _signature(record.analysis(body_plain).encode("utf-8", "surrogatepass"))
        keys = _band_keys(signature, *_bands(self.options["threshold"]))
        state.append((record.provenance, record.identity, record.source_name("body"),
                      record.analysis(body_fingerprint), signature, keys))

    def merge(self, state: list, other: list) -> list:
        return state + other

    def finish(self, state: list) -> Iterable[Problem]:
        threshold = self.options["threshold"]
        tables: list[dict[int, list[int]]] = [{} for _ in range(_bands(threshold)[0])]
        for number, (at, identity, field, digest, signature, keys) in enumerate(state):
            keys = keys.tolist()
            earlier = sorted({other for table, key in zip(tables, keys) for other in table.get(key, ())})
            for other in earlier:
                similarity = float((signature == state[other][4]).mean())
                if state[other][3] != digest and similarity >= threshold:
                    first = state[other]
                    yield Problem(f"nearly the same body (estimated Jaccard {similarity:.2f}) as record {first[1]} "
                                  f"({first[0].path}:{first[0].line})", field=field, at=at, record=identity)
                    break
            for table, key in zip(tables, keys):
                table.setdefault(key, []).append(number)


def _band_keys(signature, bands: int, rows: int):
    """One 64-bit key per band: its rows mixed by fixed odd multipliers (a collision between
    different bands, one in 2**64, would only add a candidate, which the full check removes)."""
    import numpy as np

    keys = (signature[:bands * rows].reshape(bands, rows) * _row_multipliers()[:rows]).sum(axis=1)
    return keys ^ (keys >> np.uint64(29))


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


