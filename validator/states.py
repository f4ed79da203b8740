"""Building blocks for dataset-rule states that merge: counters that remember where each key
was first seen, and lists of places. Merging in input order keeps "first" the first of the
whole input, so a parallel run reports what one process would.

States that grow with the input (a place per record) are kept in columns whose bytes, past
`TAIL` in memory, go to one unnamed temporary file per process: a run's memory does not grow
with its records, only its temporary disk (the system removes the file when the run ends,
however it ends)."""
from __future__ import annotations

import hashlib
import os
import struct
import tempfile
import threading
import weakref
from array import array
from bisect import bisect_right
from typing import Any, Callable, Iterator

from .record import Place, Provenance
from .spool import SpillError

TAIL = 1 << 16  # bytes a column keeps in memory before they go to the spill file


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


class _Arena:
    """One unnamed temporary file that columns append extents of bytes to; it goes when the
    last column using it does (or the process ends)."""

    def __init__(self) -> None:
        try:
            self.file = tempfile.TemporaryFile(prefix="newslint-state-")
        except OSError as exc:
            raise _spill_error(exc) from None
        self.fd = self.file.fileno()
        self.size = 0
        self.pid = os.getpid()
        self.lock = threading.Lock()

    def write(self, data: bytes | bytearray) -> int:
        """Append `data`; where it starts in the file. Threads of a Dask worker share the
        arena: each write reserves its place first."""
        with self.lock:
            offset = self.size
            self.size += len(data)
        view, at = memoryview(data), offset
        try:
            while view:
                written = os.pwrite(self.fd, view, at)
                at += written
                view = view[written:]
        except OSError as exc:
            raise _spill_error(exc) from None
        return offset

    def read(self, offset: int, length: int) -> bytes:
        data = os.pread(self.fd, length, offset)
        while len(data) < length:  # a short read: ask for the rest
            more = os.pread(self.fd, length - len(data), offset + len(data))
            if not more:
                raise SpillError(f"the temporary state file ended early ({tempfile.gettempdir()})")
            data += more
        return data


def _spill_error(exc: OSError) -> SpillError:
    return SpillError(f"cannot hold the rules' state in a temporary file ({tempfile.gettempdir()}, set by TMPDIR): "
                      f"{exc.strerror or exc}")


_current_arena: Callable[[], _Arena | None] = lambda: None


_arena_lock = threading.Lock()


def _arena() -> _Arena:
    """This process's arena (a forked worker makes its own rather than write in its parent's)."""
    global _current_arena
    with _arena_lock:
        arena = _current_arena()
        if arena is None or arena.pid != os.getpid():
            arena = _Arena()
            _current_arena = weakref.ref(arena)
        return arena


class Spilled:
    """Bytes appended at the end and read back by range: the last up to TAIL bytes in memory,
    the ones before in extents of the arena. Pickled, it carries its bytes (a part's state
    going to the process that merges)."""

    __slots__ = ("tail", "extents", "starts", "flushed", "arena")

    def __init__(self, data: bytes = b"") -> None:
        self.tail = bytearray(data)
        self.extents: list[tuple[int, int]] = []  # (offset in the arena, length)
        self.starts: list[int] = []  # where each extent starts in these bytes
        self.flushed = 0
        self.arena: _Arena | None = None

    def __len__(self) -> int:
        return self.flushed + len(self.tail)

    def append(self, data: bytes | bytearray) -> None:
        self.tail += data
        if len(self.tail) >= TAIL:
            self.flush()

    def flush(self) -> None:
        if self.tail:
            self._adopt(self._arena_to_write().write(self.tail), len(self.tail))
            self.tail = bytearray()

    def _arena_to_write(self) -> _Arena:
        if self.arena is None:
            self.arena = _arena()
        return self.arena

    def _adopt(self, offset: int, length: int) -> None:
        self.extents.append((offset, length))
        self.starts.append(self.flushed)
        self.flushed += length

    def read(self, start: int, end: int) -> bytes:
        """Bytes start to end."""
        if start >= self.flushed:
            return bytes(self.tail[start - self.flushed:end - self.flushed])
        pieces, index = [], bisect_right(self.starts, start) - 1
        while start < end:
            if start >= self.flushed:
                pieces.append(bytes(self.tail[start - self.flushed:end - self.flushed]))
                break
            (offset, length), begins = self.extents[index], self.starts[index]
            stop = min(end, begins + length)
            pieces.append(self.arena.read(offset + start - begins, stop - start))
            start, index = stop, index + 1
        return b"".join(pieces)

    def chunks(self, size: int = TAIL) -> Iterator[bytes]:
        """All the bytes, in pieces of `size` (a multiple of a column's width keeps values whole)."""
        for start in range(0, len(self), size):
            yield self.read(start, min(start + size, len(self)))

    def extend(self, other: Spilled) -> None:
        """The other's bytes after these; extents in this arena are taken over without a copy."""
        if other.extents and other.arena is self._arena_to_write():
            self.flush()
            for (offset, length) in other.extents:
                self._adopt(offset, length)
            self.append(other.tail)
        else:
            for chunk in other.chunks():
                self.append(chunk)

    def __getstate__(self) -> bytes:
        return self.read(0, len(self))

    def __setstate__(self, data: bytes) -> None:
        self.__init__(data)


class Column:
    """Fixed-width numbers (an `array` typecode) in a Spilled; the latest ones in an array of
    their own, appended to at C speed and moved to the Spilled a TAIL at a time."""

    __slots__ = ("typecode", "width", "data", "recent", "limit")

    def __init__(self, typecode: str) -> None:
        self.typecode = typecode
        self.width = array(typecode).itemsize
        self.data = Spilled()
        self.recent = array(typecode)
        self.limit = max(1, TAIL // self.width)

    def __len__(self) -> int:
        return len(self.data) // self.width + len(self.recent)

    def append(self, value: int) -> None:
        self.recent.append(value)
        if len(self.recent) >= self.limit:
            self._settle()

    def _settle(self) -> None:
        if self.recent:
            self.data.append(self.recent.tobytes())
            self.recent = array(self.typecode)

    def __getitem__(self, index: int) -> int:
        if index < 0:
            index += len(self)
        settled = len(self.data) // self.width
        if settled <= index < settled + len(self.recent):
            return self.recent[index - settled]
        if not 0 <= index < settled:
            raise IndexError(index)
        return struct.unpack(self.typecode, self.data.read(index * self.width, (index + 1) * self.width))[0]

    def chunks(self) -> Iterator[array]:
        """All the values, a piece at a time."""
        self._settle()
        for chunk in self.data.chunks(TAIL - TAIL % self.width or self.width):
            values = array(self.typecode)
            values.frombytes(chunk)
            yield values

    def values(self) -> array:
        """All the values at once (as many bytes in memory as the column has)."""
        values = array(self.typecode)
        for chunk in self.chunks():
            values.extend(chunk)
        return values

    def extend(self, other: Column) -> None:
        self._settle()
        other._settle()
        self.data.extend(other.data)

    def extend_mapped(self, other: Column, change: Callable[[array], array]) -> None:
        """The other's values, each piece changed by `change`, after these."""
        self._settle()
        for values in other.chunks():
            self.data.append(change(values).tobytes())

    def __getstate__(self) -> tuple:
        self._settle()
        return self.typecode, self.data

    def __setstate__(self, state: tuple) -> None:
        self.typecode, self.data = state
        self.width = array(self.typecode).itemsize
        self.recent = array(self.typecode)
        self.limit = max(1, TAIL // self.width)


class Texts:
    """Strings in one column: their UTF-8 bytes end to end, and where each ends (an object per
    string would cost some 50 bytes more than the string); both spilled."""

    def __init__(self) -> None:
        self.blob = Spilled()
        self.ends = Column("Q")

    def __len__(self) -> int:
        return len(self.ends)

    def append(self, text: str) -> None:
        self.blob.append(text.encode("utf-8", "surrogatepass"))
        self.ends.append(len(self.blob))

    def __getitem__(self, index: int) -> str:
        start = self.ends[index - 1] if index else 0
        return self.blob.read(start, self.ends[index]).decode("utf-8", "surrogatepass")

    def extend(self, other: Texts) -> None:
        base = len(self.blob)
        self.blob.extend(other.blob)
        self.ends.extend_mapped(other.ends, lambda ends: array("Q", (end + base for end in ends)))


class Places:
    """Where records were seen, in spilled columns: no object per record, and no memory per
    record once past the columns' tails. Paths and field names are interned; line 0 stands
    for none."""

    def __init__(self) -> None:
        self.paths: list[str] = []
        self.fields: list[str] = []
        self.path_of = Column("I")
        self.field_of = Column("H")
        self.lines = Column("q")
        self.identities = Texts()
        self.sources: list[str] = [""]
        self.source_of = Column("I")
        self.urls = Texts()

    def __len__(self) -> int:
        return len(self.lines)

    def add(self, place: Place) -> None:
        at = place.at
        self.path_of.append(_intern(self.paths, at.path))
        self.field_of.append(_intern(self.fields, place.field or ""))
        self.lines.append(at.line or 0)
        self.identities.append(place.record)
        self.source_of.append(_intern(self.sources, at.source or ""))
        self.urls.append(at.url or "")

    def __getitem__(self, index: int) -> Place:
        at = Provenance(self.paths[self.path_of[index]], self.lines[index] or None,
                        self.sources[self.source_of[index]] or None, self.urls[index] or None)
        return Place(at, self.identities[index], self.fields[self.field_of[index]] or None)

    def extend(self, other: Places) -> None:
        """The other's places after these (merging in input order)."""
        paths = [_intern(self.paths, path) for path in other.paths]
        fields = [_intern(self.fields, name) for name in other.fields]
        self.path_of.extend_mapped(other.path_of, lambda values: array("I", (paths[i] for i in values)))
        self.field_of.extend_mapped(other.field_of, lambda values: array("H", (fields[i] for i in values)))
        self.lines.extend(other.lines)
        self.identities.extend(other.identities)
        sources = [_intern(self.sources, name) for name in other.sources]
        self.source_of.extend_mapped(other.source_of, lambda values: array("I", (sources[i] for i in values)))
        self.urls.extend(other.urls)


class Sightings:
    """Where things were seen, with a text and a span for each, by index, in spilled columns."""

    def __init__(self) -> None:
        self.places = Places()
        self.texts = Texts()
        self.spans = Column("Q")  # start << 32 | end

    def __len__(self) -> int:
        return len(self.places)

    def add(self, place: Place, text: str = "", span: tuple[int, int] = (0, 0)) -> int:
        """Add one; its index."""
        self.places.add(place)
        self.texts.append(text)
        self.spans.append(span[0] << 32 | span[1])
        return len(self.places) - 1

    def extend(self, other: Sightings) -> None:
        self.places.extend(other.places)
        self.texts.extend(other.texts)
        self.spans.extend(other.spans)

    def __getitem__(self, index: int) -> tuple[Place, str, tuple[int, int]]:
        """(place, text, span) of the index-th."""
        span = self.spans[index]
        return self.places[index], self.texts[index], (span >> 32, span & 0xFFFFFFFF)


class Tally:
    """Keys counted, each with where it was first seen: the key's index in a dict (some 110
    bytes of memory a distinct key), the counts in an array, the first places in spilled
    Sightings. Merging takes the other's columns over whole (their extents, not a copy); of
    the keys both have, the other's entries are left unused."""

    def __init__(self) -> None:
        self.first: dict[Any, int] = {}
        self.counts = array("I")
        self.seen = Sightings()

    def __len__(self) -> int:
        return len(self.counts)

    def count(self, key: Any, place: Place, text: str = "", span: tuple[int, int] = (0, 0)) -> None:
        index = self.first.get(key)
        if index is not None:
            self.counts[index] += 1
            return
        self.first[key] = self.seen.add(place, text, span)
        self.counts.append(1)

    def merge(self, other: Tally) -> None:
        """The other's keys after these."""
        base = len(self.counts)
        self.counts.extend(other.counts)
        self.seen.extend(other.seen)
        for key, index in other.first.items():
            mine = self.first.get(key)
            if mine is not None:
                self.counts[mine] += other.counts[index]
            else:
                self.first[key] = base + index

    def place(self, index: int) -> tuple[Place, str, tuple[int, int]]:
        """(place, text, span) of the index-th first place."""
        return self.seen[index]


class Bloom:
    """A set of 64-bit keys that may answer "seen" for a key it was not given (about 0.6 % of
    the time at its fullest), never the reverse: BITS_PER_KEY bits a key, HASHES bits set per
    key, doubled (its keys given again by the caller) when it holds more than it was sized for."""

    BITS_PER_KEY = 12
    HASHES = 4

    def __init__(self, capacity: int = 1 << 14) -> None:
        self.capacity = capacity
        self.size = capacity * self.BITS_PER_KEY
        self.bits = bytearray((self.size + 7) // 8)
        self.keys = 0

    @property
    def full(self) -> bool:
        return self.keys > self.capacity

    def add(self, key: int) -> bool:
        """Set the key's bits; whether any was unset (the key is certainly new)."""
        step, at, new = (key >> 32) | 1, key & 0xFFFFFFFF, False
        bits, size = self.bits, self.size
        for _ in range(self.HASHES):
            at %= size
            byte, mask = at >> 3, 1 << (at & 7)
            if not bits[byte] & mask:
                bits[byte] |= mask
                new = True
            at += step
        self.keys += new
        return new


def merge_tallies(tallies: dict, other: dict) -> dict:
    """{group: Tally} maps, merged group by group."""
    for group, tally in other.items():
        if group in tallies:
            tallies[group].merge(tally)
        else:
            tallies[group] = tally
    return tallies


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
        self.digests = Column("Q")
        self.places = Places()
        self.extras = Texts()

    def __len__(self) -> int:
        return len(self.digests)

    def add(self, key: str, place: Place, extra: str = "") -> None:
        self.digests.append(digest64(key))
        self.places.add(place)
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
        digests = self.digests.values()  # 8 bytes a record, for the time of this rule's finish
        buckets = [array("I") for _ in range(256)]
        for index, digest in enumerate(digests):
            buckets[digest & 255].append(index)
        for bucket in buckets:
            seen: dict[int, list[int]] = {}
            for index in bucket:
                seen.setdefault(digests[index], []).append(index)
            yield from (indices for indices in seen.values() if len(indices) > 1)
