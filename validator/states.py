"""Building blocks for dataset-rule states that merge: counters that remember where each key
was first seen, and lists of places. Merging in input order keeps "first" the first of the
whole input, so a parallel run reports what one process would."""
from __future__ import annotations

import hashlib
from array import array
from typing import Any, Callable, Iterator

from .record import Provenance


def count(counts: dict, key: Any, first: Any) -> None:
    """One more `key`; `first` (the place it was seen) is kept only the first time."""
    entry = counts.get(key)
    if entry is None:
        counts[key] = [1, first]
    else:
        entry[0] += 1


def merge_counts(counts: dict, other: dict) -> dict:
    """{key: [count, first]} maps: counts add, the earlier first place stays."""
    for key, (number, first) in other.items():
        if key in counts:
            counts[key][0] += number
        else:
            counts[key] = [number, first]
    return counts


def merge_lists(lists: dict, other: dict) -> dict:
    """{key: [place, ...]} maps: the other's places follow."""
    for key, places in other.items():
        lists.setdefault(key, []).extend(places)
    return lists


def merge_grouped(groups: dict, other: dict, merge: Callable[[dict, dict], dict]) -> dict:
    """{group: inner map} maps, merging each group's inner maps with `merge`."""
    for group, inner in other.items():
        groups[group] = merge(groups[group], inner) if group in groups else inner
    return groups


class Texts:
    """Strings in one column: their UTF-8 bytes end to end, and where each ends (an object per
    string would cost some 50 bytes more than the string)."""

    def __init__(self) -> None:
        self.blob = bytearray()
        self.ends = array("Q")

    def __len__(self) -> int:
        return len(self.ends)

    def append(self, text: str) -> None:
        self.blob += text.encode("utf-8", "surrogatepass")
        self.ends.append(len(self.blob))

    def __getitem__(self, index: int) -> str:
        start = self.ends[index - 1] if index else 0
        return self.blob[start:self.ends[index]].decode("utf-8", "surrogatepass")

    def extend(self, other: Texts) -> None:
        base = len(self.blob)
        self.blob += other.blob
        self.ends.extend(array("Q", (end + base for end in other.ends)))


class Places:
    """Where records were seen, in columns: no object per record, so that a state of millions
    of records stays small (about 22 bytes a record, and the bytes of its identity). Paths and
    field names are interned; line 0 stands for none."""

    def __init__(self) -> None:
        self.paths: list[str] = []
        self.fields: list[str] = []
        self.path_of = array("I")
        self.field_of = array("H")
        self.lines = array("q")
        self.identities = Texts()

    def __len__(self) -> int:
        return len(self.lines)

    def add(self, at: Provenance, identity: str, field: str) -> None:
        self.path_of.append(_intern(self.paths, at.path))
        self.field_of.append(_intern(self.fields, field))
        self.lines.append(at.line or 0)
        self.identities.append(identity)

    def __getitem__(self, index: int) -> tuple[Provenance, str, str]:
        """(provenance, identity, field name) of the index-th place."""
        return (Provenance(self.paths[self.path_of[index]], self.lines[index] or None), self.identities[index],
                self.fields[self.field_of[index]])

    def extend(self, other: Places) -> None:
        """The other's places after these (merging in input order)."""
        paths = [_intern(self.paths, path) for path in other.paths]
        fields = [_intern(self.fields, name) for name in other.fields]
        self.path_of.extend(array("I", (paths[i] for i in other.path_of)))
        self.field_of.extend(array("H", (fields[i] for i in other.field_of)))
        self.lines.extend(other.lines)
        self.identities.extend(other.identities)


def _intern(names: list[str], name: str) -> int:
    """The index of `name` in a short list of names, added if new (the last one is checked first:
    a part of the input has one path)."""
    if names and names[-1] == name:
        return len(names) - 1
    try:
        return names.index(name)
    except ValueError:
        names.append(name)
        return len(names) - 1


def digest64(key: str) -> int:
    """A stable 64-bit digest of a key (Python's hash differs between processes). Two of a
    million keys share one with a chance of about 3 in 10^8."""
    return int.from_bytes(hashlib.blake2b(key.encode("utf-8", "surrogatepass"), digest_size=8).digest(), "little")


class Repeats:
    """Keys and where each was seen, for finding the keys seen more than once at the end: keys
    as 64-bit digests in an array beside their places; `extras` keeps a text a rule wants to
    show of each record ("" when it wants none)."""

    def __init__(self) -> None:
        self.digests = array("Q")
        self.places = Places()
        self.extras = Texts()

    def __len__(self) -> int:
        return len(self.digests)

    def add(self, key: str, at: Provenance, identity: str, field: str, extra: str = "") -> None:
        self.digests.append(digest64(key))
        self.places.add(at, identity, field)
        self.extras.append(extra)

    def merge(self, other: Repeats) -> Repeats:
        self.digests.extend(other.digests)
        self.places.extend(other.places)
        self.extras.extend(other.extras)
        return self

    def groups(self) -> Iterator[list[int]]:
        """The indices of each key seen more than once, in input order. Indices are first sorted
        into 256 buckets by a byte of their digest, so that matching needs a dict of one bucket's
        keys at a time, not of all of them."""
        buckets = [array("I") for _ in range(256)]
        for index, digest in enumerate(self.digests):
            buckets[digest & 255].append(index)
        for bucket in buckets:
            seen: dict[int, list[int]] = {}
            for index in bucket:
                seen.setdefault(self.digests[index], []).append(index)
            yield from (indices for indices in seen.values() if len(indices) > 1)
