"""The findings of a run, held for the report with bounded memory.

Up to `HELD` findings (or `HELD_BYTES` of their text) stay in memory; past that each batch is
sorted and spilled to a temporary file, as sort(1) does, and reading merges the runs back in
report order. Ties keep the order in which findings were added, as one stable sort of
everything would. The temporary files live in a private folder under the system's temporary
directory (TMPDIR) and are removed when the run's findings are closed, or at exit."""
from __future__ import annotations

import atexit
import heapq
import os
import pickle
import shutil
import tempfile
from collections import Counter
from itertools import islice
from typing import Callable, Iterable, Iterator

from .findings import Finding

HELD = 20_000  # findings held in memory before a sorted run is spilled
HELD_BYTES = 4 << 20  # or their text this large (a finding costs some 200 bytes besides its text)
MAX_RUNS = 16  # runs on disk before they are merged into one, so reading holds few buffers
BATCH = 256  # findings read back at a time from each run

_FOLDERS: set[str] = set()


@atexit.register
def _remove_folders() -> None:
    for folder in list(_FOLDERS):
        shutil.rmtree(folder, ignore_errors=True)
        _FOLDERS.discard(folder)


class SpillError(Exception):
    """The temporary folder cannot take the findings (full, read-only, missing TMPDIR)."""


class Findings:
    """A sequence of findings that iterates in report order (Finding.sort_key). Appending is
    allowed until the first read; after that, appending again is allowed and re-sorts."""

    def __init__(self, items: Iterable[Finding] = (), held: int | None = None):
        self._held = held or HELD
        self._buffer: list[Finding] = []
        self._buffer_bytes = 0
        self._runs: list[str] = []
        self._folder: str | None = None
        self._written = 0  # run files written so far, which name the next one
        self._count = 0
        self._sorted = True
        # Counts that need no order, kept as findings come, so that a report needs no pass for them.
        self.by_severity: Counter = Counter()
        self.by_rule: Counter = Counter()
        self.extend(items)

    def append(self, finding: Finding) -> None:
        self._buffer.append(finding)
        self._count += 1
        self.by_severity[finding.severity] += 1
        self.by_rule[finding.rule] += 1
        self._sorted = False
        self._buffer_bytes += _size(finding)
        if len(self._buffer) >= self._held or self._buffer_bytes >= HELD_BYTES:
            self._spill()

    def extend(self, findings: Iterable[Finding]) -> None:
        for finding in findings:
            self.append(finding)

    def __len__(self) -> int:
        return self._count

    def __bool__(self) -> bool:
        return self._count > 0

    def __iter__(self) -> Iterator[Finding]:
        if not self._sorted:
            self._buffer.sort(key=Finding.sort_key)
            self._sorted = True
        if not self._runs:
            return iter(list(self._buffer))
        return heapq.merge(*(_read(path) for path in self._runs), self._buffer, key=Finding.sort_key)

    def __getitem__(self, index):
        if isinstance(index, slice) and (index.step or 1) > 0 and (index.start or 0) >= 0 and (
                index.stop is None or index.stop >= 0):
            return list(islice(self, index.start, index.stop, index.step))
        return list(self)[index]

    def __eq__(self, other) -> bool:
        if isinstance(other, (Findings, list)):
            return len(self) == len(other) and list(self) == list(other)
        return NotImplemented

    def __repr__(self) -> str:
        return f"Findings({self._count} findings, {len(self._runs)} runs on disk)"

    @property
    def spilled(self) -> bool:
        return bool(self._runs)

    def filtered(self, keep: Callable[[Finding], bool]) -> Findings:
        """The findings `keep` accepts, in report order, as a new sequence (this one is closed)."""
        result = Findings(held=self._held)
        result.extend(finding for finding in self if keep(finding))
        self.close()
        return result

    def close(self) -> None:
        """Remove the runs on disk; the findings held in memory stay readable."""
        if self._folder is not None:
            shutil.rmtree(self._folder, ignore_errors=True)
            _FOLDERS.discard(self._folder)
            self._folder = None
            self._runs = []

    def _spill(self) -> None:
        try:
            self._spill_runs()
        except OSError as exc:
            raise SpillError(f"cannot hold the findings in a temporary folder ({tempfile.gettempdir()}, "
                             f"set by TMPDIR): {exc.strerror or exc}") from None

    def _spill_runs(self) -> None:
        self._buffer.sort(key=Finding.sort_key)
        if self._folder is None:
            self._folder = tempfile.mkdtemp(prefix="newslint-spill-")
            _FOLDERS.add(self._folder)
        self._runs.append(self._write(self._buffer))
        self._buffer = []
        self._buffer_bytes = 0
        self._sorted = True
        if len(self._runs) >= MAX_RUNS:
            runs, self._runs = self._runs, []
            self._runs.append(self._write(heapq.merge(*(_read(path) for path in runs), key=Finding.sort_key)))
            for path in runs:
                os.unlink(path)

    def _write(self, findings: Iterable[Finding]) -> str:
        """A run file of these findings, under a name no run has had."""
        self._written += 1
        return _write(os.path.join(self._folder, str(self._written)), findings)


def _size(finding: Finding) -> int:
    """About what a held finding costs in memory: its object and its own strings."""
    return 200 + sum(len(text) for text in (finding.message, finding.excerpt, finding.suggestion, finding.url,
                                             finding.record, finding.text) if text)


def _write(path: str, findings: Iterable[Finding]) -> str:
    with open(path, "wb") as handle:
        iterator = iter(findings)
        while batch := list(islice(iterator, BATCH)):
            pickle.dump(batch, handle, protocol=pickle.HIGHEST_PROTOCOL)  # each batch a pickle of its own
    return path


def _read(path: str) -> Iterator[Finding]:
    with open(path, "rb") as handle:
        while True:
            try:
                batch = pickle.load(handle)
            except EOFError:
                return
            yield from batch
