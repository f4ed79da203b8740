import zlib
from functools import lru_cache
from typing import Iterable

from validator.record import Record
from validator.rule import DatasetRule, Problem
from validator.text.body import body_fingerprint, body_words

SHINGLE = 5
PERMUTATIONS = 64
MIN_WORDS = 40


class NearDuplicate(DatasetRule):
    """Bodies that are nearly the same story: one copy with a changed line, a trimmed footer,
    or another site's chrome around it. Exact copies are `duplicate-body`'s.

    MinHash signatures of five-word shingles, grouped by locality-sensitive hashing
    (datasketch; extra `dedup`); a pair whose estimated Jaccard similarity reaches `threshold`
    (default 0.8) is reported at the later record, naming the earlier. Bodies under 40 words
    are left out. State: one 64-value MinHash signature (about 0.6 KB) per record.

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
    requires = ("datasketch",)
    options_schema = {"threshold": {"type": "number", "minimum": 0.5, "maximum": 1, "default": 0.8,
                                    "description": "estimated Jaccard similarity that makes two bodies near-copies"}}

    def start(self) -> list:
        return []  # [(provenance, identity, field, exact body digest, signature)]

    def add(self, state: list, record: Record) -> None:
        words = record.analysis(body_words)
        if len(words) < MIN_WORDS:
            return
        signature = _empty_signature().copy()
        signature.hashvalues = _signature(words, signature.permutations)
        state.append((record.provenance, record.identity, record.source_name("body"),
                      record.analysis(body_fingerprint), signature))

    def merge(self, state: list, other: list) -> list:
        return state + other

    def finish(self, state: list) -> Iterable[Problem]:
        from datasketch import MinHashLSH

        index = MinHashLSH(threshold=self.options["threshold"], num_perm=PERMUTATIONS)
        signatures = [entry[4] for entry in state]
        for number, (at, identity, field, digest, signature) in enumerate(state):
            earlier = sorted(int(key) for key in index.query(signature))
            for other in earlier:
                similarity = signature.jaccard(signatures[other])
                if state[other][3] != digest and similarity >= self.options["threshold"]:
                    first = state[other]
                    yield Problem(f"nearly the same body (estimated Jaccard {similarity:.2f}) as record {first[1]} "
                                  f"({first[0].path}:{first[0].line})", field=field, at=at, record=identity)
                    break
            index.insert(str(number), signature)


def _hash32(shingle: bytes) -> int:
    """A stable 32-bit hash (the same in every process, unlike hash())."""
    return zlib.crc32(shingle)


@lru_cache(maxsize=200_000)
def _word_hash(word: str) -> int:
    return zlib.crc32(word.encode())


_PRIME = (1 << 61) - 1  # datasketch's Mersenne prime and 32-bit mask: signatures stay comparable
_MASK = (1 << 32) - 1


def _signature(words: list[str], permutations):
    """The MinHash of the body's five-word shingles, vectorised: each word hashed once, a
    shingle's hash a polynomial of its words' hashes, then datasketch's permutation step."""
    import numpy as np

    word_hashes = np.fromiter(map(_word_hash, words), dtype=np.uint64, count=len(words))
    count = len(words) - SHINGLE + 1
    shingles = np.zeros(count, dtype=np.uint64)
    for offset in range(SHINGLE):
        shingles = (shingles * np.uint64(1_000_003) + word_hashes[offset:offset + count]) & np.uint64(_MASK)
    # Keep the shingles whose hash is a multiple of 4 (chosen by content, so alike in every
    # copy): a quarter of the work, and the same Jaccard estimate in expectation.
    sampled = shingles[shingles % np.uint64(4) == 0]
    if len(sampled) >= 16:
        shingles = sampled
    a, b = permutations
    permuted = np.bitwise_and((np.outer(shingles, a) + b) % np.uint64(_PRIME), np.uint64(_MASK))
    return permuted.min(axis=0)


@lru_cache(maxsize=1)
def _empty_signature():
    """An empty signature to copy: drawing the seeded permutations per record costs more than hashing."""
    from datasketch import MinHash

    return MinHash(num_perm=PERMUTATIONS, seed=1, hashfunc=_hash32)
