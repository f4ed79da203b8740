"""Progress of a run, on standard error: records done, bytes of the input done when the run is
cut into parts (parallel and Dask runs), the rate and the time left. On a terminal a rich
progress line, once the run has taken a second; elsewhere (CI logs) a plain line every
`INTERVAL` seconds. Never on standard output, which is the report's."""
from __future__ import annotations

import sys
import time
from typing import TextIO

INTERVAL = 10.0  # seconds between plain lines
QUIET_START = 1.0  # a run shorter than this shows nothing


def _size(number: float) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if number < 1000 or unit == "GB":
            return f"{number:,.0f} {unit}" if unit == "B" else f"{number:,.1f} {unit}"
        number /= 1000
    return f"{number:,.1f} GB"


def _duration(seconds: float) -> str:
    seconds = int(seconds)
    return f"{seconds // 60} min {seconds % 60:02d} s" if seconds >= 60 else f"{seconds} s"


class Progress:
    def __init__(self, total_bytes: int | None = None, stream: TextIO | None = None, clock=time.monotonic):
        self.stream = stream or sys.stderr
        self.total = total_bytes or None
        self.clock = clock
        self.started = clock()
        self.records = 0
        self.done_bytes = 0
        self.terminal = self.stream.isatty()
        self.last = self.started
        self.bar = None

    def advance(self, records: int = 1, done_bytes: int = 0) -> None:
        self.records += records
        self.done_bytes += done_bytes
        now = self.clock()
        if now - self.started < QUIET_START:
            return
        if self.terminal:
            self._draw()
        elif now - self.last >= INTERVAL:
            self.last = now
            self.stream.write(f"newslint: {self.line()}\n")
            self.stream.flush()

    def line(self) -> str:
        elapsed = max(self.clock() - self.started, 1e-9)
        parts = [f"{self.records:,} records", f"{self.records / elapsed:,.0f} records/s"]
        if self.total:
            share = min(self.done_bytes / self.total, 1.0)
            parts.insert(1, f"{_size(self.done_bytes)} of {_size(self.total)} ({share:.0%})")
            if 0 < share < 1:
                parts.append(f"about {_duration(elapsed * (1 - share) / share)} left")
        parts.append(f"{_duration(elapsed)} so far")
        return ", ".join(parts)

    def _draw(self) -> None:
        if self.bar is None:
            from rich.console import Console
            from rich.live import Live
            from rich.text import Text

            self._text = Text
            self.bar = Live(Text(""), console=Console(file=self.stream), transient=True, refresh_per_second=4)
            self.bar.start()
        self.bar.update(self._text(f"checking: {self.line()}"))

    def close(self) -> None:
        if self.bar is not None:
            self.bar.stop()
            self.bar = None
