"""Records that repeat each other: ids, URLs, bodies, and near-copies."""
from __future__ import annotations

from typing import Iterable

from validator.rule import Problem


def report_repeats(state: dict, what: str, describe=None) -> Iterable[Problem]:
    """One problem for each place after the first of every key seen more than once."""
    for key, places in state.items():
        if len(places) < 2:
            continue
        first = places[0]
        for at, identity, field, *extra in places[1:]:
            detail = describe(first, (at, identity, field, *extra)) if describe else ""
            yield Problem(f"{what} as record {first[1]} ({first[0].path}:{first[0].line}){detail}",
                          field=field, at=at, record=identity)
