"""The faults newslint itself reports, one id each: faults of the input, found by the loaders,
and the engine's own. Each is documented by a fault rule (rules/input, rules/internal), which
a test keeps in step with these sets; an id not in them raises where it is made, so that a
mistyped id cannot pass for a rule the user ignored."""
from __future__ import annotations

INPUT = frozenset({
    "corrupt-gzip", "csv-column-count", "empty-file", "invalid-encoding", "invalid-json", "malformed-csv",
    "not-an-object", "record-too-large", "unreadable-file", "unsupported-format",
})
INTERNAL_ERROR = "internal-error"  # a rule raised, hung or gave garbage
TEXT_CAPPED = "text-capped"  # a value longer than the analyses read
UNUSED_SUPPRESSION = "unused-suppression"  # a suppression entry that silenced nothing
ENGINE = frozenset({INTERNAL_ERROR, TEXT_CAPPED, UNUSED_SUPPRESSION})
ALL = INPUT | ENGINE
UNREAD = frozenset({"unreadable-file", "corrupt-gzip", "unsupported-format"})  # inputs (or their rest) not read


class UnknownFault(ValueError):
    """A fault id that no fault rule documents: a bug in newslint, not in the data."""


def input_fault(rule: str) -> str:
    """The id, checked to be an input fault's."""
    if rule not in INPUT:
        raise UnknownFault(f"no input fault is called {rule!r}")
    return rule
