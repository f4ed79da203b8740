"""Building blocks for dataset-rule states that merge: counters that remember where each key
was first seen, and lists of places. Merging in input order keeps "first" the first of the
whole input, so a parallel run reports what one process would."""
from __future__ import annotations

from typing import Any, Callable


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
