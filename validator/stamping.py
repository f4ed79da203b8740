"""Findings made from what the rules, the loaders and the engine report: each stamped with its
rule's id, category and the severity the plan gives it, and placed (path, line, record,
field as the input spells it, URL and source for grouping and suppressions)."""
from __future__ import annotations

import traceback
from typing import Any

from .config import Plan
from .faults import INTERNAL_ERROR, TEXT_CAPPED
from .findings import Finding, excerpt
from .loaders.base import InputFault
from .record import MAX_TEXT, Record
from .rule import Problem


AUDIT_TEXT = 50_000  # longest value an HTML report shows whole (longer ones by their excerpts)


class Stamper:
    def __init__(self, plan: Plan):
        self.plan = plan

    def problem(self, rule_id: str, problem: Any, record: Record | None) -> Finding:
        """A rule's problem, checked (see `checked`), as a finding; `record` is None for a
        dataset rule's, which carries its own place."""
        problem = checked(problem, record)
        if record is not None:
            where, identity = record.provenance, record.identity
            field = record.source_name(problem.field) if problem.field else None
            value = record.get(problem.field) if problem.field else None
        else:
            place = problem.place
            where, identity = (place.at, place.record) if place else (None, None)
            field, value = problem.field or (place.field if place else None), problem.value
        text, text_span = (problem.excerpt, None) if problem.excerpt is not None else excerpt(value, problem.span)
        return Finding(
            rule=rule_id, category=self.plan.category[rule_id], severity=self.plan.severity[rule_id],
            path=where.path if where else "", line=where.line if where else None, record=identity,
            field=field, span=problem.span, excerpt=text, message=problem.message, suggestion=problem.suggestion,
            excerpt_span=text_span,
            text=value if self.plan.audit and isinstance(value, str) and len(value) <= AUDIT_TEXT else None,
            source=record.source_key if record is not None else (where.source if where else None),
            url=where.url if where else None,  # a record's provenance carries its URL
        )

    def fault(self, fault: InputFault) -> Finding | None:
        """An input fault as a finding; None when its rule is not selected."""
        if fault.rule not in self.plan.faults:
            return None
        return Finding(
            rule=fault.rule, category=self.plan.category[fault.rule], severity=self.plan.severity[fault.rule],
            path=fault.path, line=fault.line, record=None, field=None, span=None,
            excerpt=fault.excerpt, message=fault.message,
        )

    def capped(self, record: Record) -> list[Finding]:
        """A finding for each of the record's values longer than the analyses read."""
        if TEXT_CAPPED not in self.plan.faults:
            return []
        return [Finding(
            rule=TEXT_CAPPED, category=self.plan.category[TEXT_CAPPED], severity=self.plan.severity[TEXT_CAPPED],
            path=record.provenance.path, line=record.provenance.line, record=record.identity,
            field=record.source_name(name), span=(MAX_TEXT, len(record.get(name))), excerpt=None,
            message=f"only the first {MAX_TEXT:,} of {len(record.get(name)):,} characters were analysed",
            source=record.source_key) for name in record.capped]

    def internal_error(self, rule_id: str, exc: BaseException, record: Record | None,
                       consequence: str = "its checks on this record are incomplete") -> Finding:
        """A rule that raised, hung or gave garbage, at the line of the rule's code."""
        where = traceback.extract_tb(exc.__traceback__)[-1]
        return self.incomplete(record.provenance.path if record else "", record.provenance.line if record else None,
                               f"rule {rule_id} raised {type(exc).__name__}: {exc} (at {where.filename}:"
                               f"{where.lineno}); {consequence}", record.identity if record else None)

    def incomplete(self, path: str, line: int | None, message: str, record: str | None = None) -> Finding:
        """An internal-error finding: some checks did not run."""
        return Finding(rule=INTERNAL_ERROR, category="internal", severity=self.plan.severity[INTERNAL_ERROR],
                       path=path, line=line, record=record, field=None, span=None, excerpt=None, message=message)


def checked(problem: Any, record: Record | None) -> Problem:
    """A rule's output, verified: a Problem whose field is text and whose span lies in it."""
    if not isinstance(problem, Problem):
        raise TypeError(f"yielded {type(problem).__name__}, not a Problem")
    if problem.field is not None and not isinstance(problem.field, str):
        raise TypeError(f"a Problem's field must be text, got {problem.field!r}")
    if problem.span is not None:
        span = problem.span
        ok = (isinstance(span, tuple) and len(span) == 2 and isinstance(span[0], int) and isinstance(span[1], int)
              and 0 <= span[0] <= span[1])
        if ok and record is not None:
            value = record.get(problem.field) if problem.field else None
            ok = isinstance(value, str) and span[1] <= len(value)
        if not ok:
            raise ValueError(f"span {span!r} does not lie inside field {problem.field!r}")
    return problem
