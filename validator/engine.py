"""Runs the selected rules over record streams and stamps what they find."""
from __future__ import annotations

import gc
import random
import traceback
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Iterator

from . import loaders
from .config import Plan
from .faults import INTERNAL_ERROR, TEXT_CAPPED
from .fields import FieldMapping
from .findings import Finding, excerpt
from .loaders import InputFault, Source
from .loaders.base import make_record
from .profile import Profile
from .result import RunResult
from .record import MAX_TEXT, Record
from .rule import DatasetRule, Problem, RecordRule
from .spool import Findings, SpillError
from .watchdog import RuleTimeout, Watchdog

# In a run of one process, dataset rules fold each run of this many records into their state,
# as the parts of a parallel run are folded, so that a rule may bound its state where it merges
# (a merged state always holds a beginning of the input) and still give the same findings
# however the input was cut.
FOLD_RECORDS = 5_000
RULE_SECONDS = 10.0  # how long one record's rules may take before the running one is stopped


@dataclass
class PartResult:
    """What checking one part of the input gives: its findings and unfinished dataset states."""

    states: list
    # A list in a worker (a part is small), a spilling Findings in a run of one process.
    findings: list[Finding] | Findings = field(default_factory=list)
    records: int = 0
    files: int = 0
    by_source: Counter = field(default_factory=Counter)
    mapping: dict[str, set[str]] = field(default_factory=dict)
    broken: set[str] = field(default_factory=set)  # dataset rules whose merge raised
    profile: Profile | None = None


class Engine:
    """Applies a plan's rules to every record of every input."""

    def __init__(self, plan: Plan, mapping: FieldMapping):
        self.plan = plan
        self.record_rules = [r for r in plan.rules if isinstance(r, RecordRule)]
        self.dataset_rules = [r for r in plan.rules if isinstance(r, DatasetRule)]
        self.mapping = mapping
        self._watch = Watchdog(RULE_SECONDS)

    def run(self, inputs: Iterable[Source | InputFault], on_record: Callable[[], None] | None = None,
            sample: tuple[int, int] | None = None) -> RunResult:
        """Check every record of the inputs; with `sample` = (size, seed), a reproducible random
        sample of that many records (input faults are all still reported)."""
        files = [0]
        items: Iterable[Record | InputFault] = self._items(inputs, files)
        if sample:
            items = _reservoir(items, *sample)
        return self.run_items(items, on_record, files)

    def run_records(self, records: Iterable[dict], path: str = "<records>") -> RunResult:
        """Check records given as dicts (a DataFrame's rows, a Scrapy item stream)."""
        items = (make_record(raw, self.mapping, path, number) if isinstance(raw, dict) else
                 InputFault("not-an-object", path, number, f"a {type(raw).__name__} where a record dict was expected")
                 for number, raw in enumerate(records, 1))
        return self.run_items(items, None, [1])

    def _items(self, inputs: Iterable[Source | InputFault], files: list[int]) -> Iterator[Record | InputFault]:
        for item in inputs:
            if isinstance(item, InputFault):
                yield item
                continue
            files[0] += 1
            yield from loaders.read(item, self.mapping, self.plan.max_record_bytes)

    def run_items(self, items: Iterable[Record | InputFault], on_record: Callable[[], None] | None,
                  files: list[int]) -> RunResult:
        part = self.check_part(items, on_record, Findings(), fold=True)
        part.files = files[0]
        return self.finish([part])

    def check_part(self, items: Iterable[Record | InputFault], on_record: Callable[[], None] | None = None,
                   findings: list[Finding] | Findings | None = None, fold: bool = False) -> PartResult:
        """Record rules on a part of the input, and the dataset rules' states for it, unfinished.
        `fold` only where the part is the beginning of the input (a merged state must be one)."""
        part = PartResult(states=[rule.start() for rule in self.dataset_rules],
                          findings=[] if findings is None else findings,
                          profile=Profile() if self.plan.audit else None)
        folded = None  # the states of the records before the latest FOLD_RECORDS, merged
        with self._watch.installed():
            for entry in items:
                if isinstance(entry, InputFault):
                    self._fault(entry, part.findings)
                    continue
                part.records += 1
                part.by_source[entry.source_key] += 1
                if part.profile is not None:
                    part.profile.add(entry)
                self._check(entry, part.states, part.findings)
                if fold and part.records % FOLD_RECORDS == 0:
                    folded = part.states if folded is None else self._merged(folded, part.states, part.broken,
                                                                             part.findings)
                    part.states = [rule.start() for rule in self.dataset_rules]
                if on_record:
                    on_record()
        if folded is not None:
            part.states = self._merged(folded, part.states, part.broken, part.findings)
        part.mapping = {field: set(names) for field, names in self.mapping.used.items()}
        return part

    def finish(self, parts: Iterable[PartResult]) -> RunResult:
        """Merge parts in input order, finish the dataset rules, and order the findings. Parts
        are folded in one at a time as they come, so that only the merged states are held."""
        findings: Findings | None = None
        states = None
        broken: set[str] = set()  # dataset rules whose merge raised: their findings would be wrong
        by_source: Counter = Counter()
        records = files = 0
        profile = Profile() if self.plan.audit else None
        for part in parts:
            if profile is not None and part.profile is not None:
                profile.merge(part.profile)
            broken |= part.broken
            if findings is None and isinstance(part.findings, Findings):
                findings = part.findings  # a run in one process: its findings are already held
            else:
                findings = findings if findings is not None else Findings()
                findings.extend(part.findings)
            states = part.states if states is None else self._merged(states, part.states, broken, findings)
            by_source.update(part.by_source)
            records, files = records + part.records, files + part.files
            for name, sources in part.mapping.items():
                self.mapping.used.setdefault(name, set()).update(sources)
        if states is None:
            states = [rule.start() for rule in self.dataset_rules]
        if findings is None:
            findings = Findings()
        with self._watch.installed():
            for rule, state in zip(self.dataset_rules, states):
                if rule.id not in broken:
                    self._finish(rule, state, findings)
        return RunResult(findings, files, records, self.mapping.used_mapping(), self.plan.rule_ids, self.plan.skipped,
                         dict(by_source), self.plan.rule_classes, profile=profile)

    def _merged(self, states: list, others: list, broken: set[str], findings: Findings) -> list:
        merged = []
        for rule, state, other in zip(self.dataset_rules, states, others):
            if rule.id not in broken:
                try:
                    state = rule.merge(state, other)
                except SpillError:  # the temporary disk, not the rule: the run cannot go on
                    raise
                except Exception as exc:
                    broken.add(rule.id)
                    findings.append(self._internal_error(
                        rule.id, exc, None, "merging the states of two parts; it reports nothing for this run"))
            merged.append(state)
        return merged

    def _check(self, record: Record, states: list, findings: list[Finding] | Findings) -> None:
        self._watch.start()
        try:
            for rule in self.record_rules:
                try:
                    for problem in rule.check(record):
                        findings.append(self._stamp(rule.id, _checked(problem, record), record))
                except SpillError:  # the temporary disk, not the rule: the run cannot go on
                    raise
                except Exception as exc:
                    findings.append(self._internal_error(rule.id, exc, record))
            for rule, state in zip(self.dataset_rules, states):
                try:
                    rule.add(state, record)
                except SpillError:  # the temporary disk, not the rule: the run cannot go on
                    raise
                except Exception as exc:
                    findings.append(self._internal_error(rule.id, exc, record))
        except RuleTimeout as exc:  # the limit passed between two rules: charged to the one before it
            findings.append(self._internal_error(rule.id, exc, record))
        finally:
            self._watch.stop()
        for capped in record.capped:
            if TEXT_CAPPED in self.plan.faults:
                findings.append(Finding(
                    rule=TEXT_CAPPED, category=self.plan.category[TEXT_CAPPED], severity=self.plan.severity[TEXT_CAPPED],
                    path=record.provenance.path, line=record.provenance.line, record=record.identity,
                    field=record.source_name(capped), span=(MAX_TEXT, len(record.get(capped))), excerpt=None,
                    message=f"only the first {MAX_TEXT:,} of {len(record.get(capped)):,} characters were analysed",
                    source=record.source_key))

    def _finish(self, rule: DatasetRule, state: Any, findings: Findings) -> None:
        self._watch.start()
        try:
            for problem in rule.finish(state):
                findings.append(self._stamp(rule.id, _checked(problem, None), None))
        except SpillError:  # the temporary disk, not the rule: the run cannot go on
            raise
        except Exception as exc:
            findings.append(self._internal_error(rule.id, exc, None))
        finally:
            self._watch.stop()

    def _stamp(self, rule_id: str, problem: Problem, record: Record | None) -> Finding:
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
            text=value if self.plan.audit and isinstance(value, str) else None,
            source=record.source_key if record is not None else (where.source if where else None),
            url=_url(record) if record is not None else (where.url if where else None),
        )

    def _fault(self, fault: InputFault, findings: list[Finding] | Findings) -> None:
        if fault.rule in self.plan.faults:
            findings.append(Finding(
                rule=fault.rule, category=self.plan.category[fault.rule], severity=self.plan.severity[fault.rule],
                path=fault.path, line=fault.line, record=None, field=None, span=None,
                excerpt=fault.excerpt, message=fault.message,
            ))

    def _internal_error(self, rule_id: str, exc: Exception, record: Record | None,
                        consequence: str = "its checks on this record are incomplete") -> Finding:
        where = traceback.extract_tb(exc.__traceback__)[-1]
        return Finding(
            rule=INTERNAL_ERROR, category="internal", severity=self.plan.severity[INTERNAL_ERROR],
            path=record.provenance.path if record else "", line=record.provenance.line if record else None,
            record=record.identity if record else None, field=None, span=None, excerpt=None,
            message=f"rule {rule_id} raised {type(exc).__name__}: {exc} (at {where.filename}:{where.lineno}); "
                    f"{consequence}",
        )


def _reservoir(items: Iterable[Record | InputFault], size: int, seed: int) -> list[Record | InputFault]:
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


def _url(record: Record | None) -> str | None:
    url = record.get("url") if record is not None else None
    return url if isinstance(url, str) else None


def collect_less() -> None:
    """For a process that runs newslint alone (the command line, its workers): a run allocates
    many short-lived objects and makes few cycles, and the cyclic collector, at its default
    pace, rescans the growing dataset-rule states over and over (4% of a run)."""
    gc.set_threshold(50_000, 20, 20)


def _checked(problem: Any, record: Record | None) -> Problem:
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
