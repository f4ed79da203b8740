"""`--sample N --seed S`: a reproducible random sample of the records."""
from __future__ import annotations

import random
from typing import Iterable

from .loaders.base import InputFault
from .record import Record


def reservoir(items: Iterable[Record | InputFault], size: int, seed: int) -> list[Record | InputFault]:
    """Every fault, and `size` records drawn uniformly (Algorithm R) with a seeded generator,
    in their original order."""
    chosen: list[tuple[int, Record]] = []
    faults: list[tuple[int, InputFault]] = []
    rng = random.Random(seed)
    seen = 0
    for position, item in enumerate(items):
        if isinstance(item, InputFault):
            faults.append((position, item))
            continue
        seen += 1
        if len(chosen) < size:
            chosen.append((position, item))
        else:
            slot = rng.randrange(seen)
            if slot < size:
                chosen[slot] = (position, item)
    return [item for _, item in sorted(chosen + faults, key=lambda pair: pair[0])]
