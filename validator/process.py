"""Settings for a process that runs newslint alone (the command line, its workers)."""
from __future__ import annotations

import gc


def collect_less() -> None:
    """A run allocates many short-lived objects and makes few cycles, and the cyclic collector,
    at its default pace, rescans the growing dataset-rule states over and over (bench/README.md)."""
    gc.set_threshold(50_000, 20, 20)
