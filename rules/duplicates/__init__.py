"""Records that repeat each other: ids, URLs, bodies, and near-copies."""
from __future__ import annotations

from typing import Iterable

from validator.rule import Problem
from validator.states import Repeats


def report_repeats(state: Repeats, what: str, describe=None) -> Iterable[Problem]:
    """One problem for each place after the first of every key seen more than once;
    `describe(first extra, later extra)` adds to the message."""
    for indices in state.groups():
        first_at, first_identity, _ = state.places[indices[0]]
        for index in indices[1:]:
            at, identity, field = state.places[index]
            detail = describe(state.extras[indices[0]], state.extras[index]) if describe else ""
            yield Problem(f"{what} as record {first_identity} ({first_at.path}:{first_at.line}){detail}",
                          field=field, at=at, record=identity)
