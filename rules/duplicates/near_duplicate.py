import zlib
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
        from datasketch import MinHash

        words = record.analysis(body_words)
        if len(words) < MIN_WORDS:
            return
        signature = MinHash(num_perm=PERMUTATIONS, seed=1, hashfunc=_hash32)
        signature.update_batch([" ".join(words[i:i + SHINGLE]).encode() for i in range(len(words) - SHINGLE + 1)])
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
    """A stable 32-bit hash of a shingle (the same in every process, unlike hash())."""
    return zlib.crc32(shingle)
