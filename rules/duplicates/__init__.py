"""Records that repeat each other: ids, URLs, bodies, and near-copies."""
from __future__ import annotations

from typing import Iterable

from validator.rule import Problem
from validator.states import Repeats


def report_repeats(state: Repeats, what: str, describe=None) -> Iterable[Problem]:
    """One problem for each place after the first of every key seen more than once;
    `describe(first extra, later extra)` adds to the message."""
    for indices in state.groups():
        first = state.places[indices[0]]
        for index in indices[1:]:
            detail = describe(state.extras[indices[0]], state.extras[index]) if describe else ""
            yield Problem(f"{what} as record {first.record} ({first.at.path}:{first.at.line}){detail}",
                          place=state.places[index])
