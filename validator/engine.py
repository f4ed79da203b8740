"""Runs the selected rules over record streams and stamps what they find."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Iterator

from . import loaders
from .config import Plan
from .fields import FieldMapping
from .findings import Finding
from .loaders import InputFault, Source
from .loaders.base import make_record
from .profile import Profile
from .result import RunResult
from .sampling import reservoir
from .record import Record
from .rule import DatasetRule, RecordRule
from .spool import Findings, SpillError
from .stamping import Stamper
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
        self.stamp = Stamper(plan)

    def run(self, inputs: Iterable[Source | InputFault], on_record: Callable[[], None] | None = None,
            sample: tuple[int, int] | None = None) -> RunResult:
        """Check every record of the inputs; with `sample` = (size, seed), a reproducible random
        sample of that many records (input faults are all still reported)."""
        opened = _Opened(inputs, self)
        items: Iterable[Record | InputFault] = reservoir(opened, *sample) if sample else opened
        part = self.check_part(items, on_record, Findings(), fold=True)
        part.files = opened.files
        return self.finish([part])

    def run_records(self, records: Iterable[dict], path: str = "<records>") -> RunResult:
        """Check records given as dicts (a DataFrame's rows, a Scrapy item stream)."""
        items = (make_record(raw, self.mapping, path, number) if isinstance(raw, dict) else
                 InputFault("not-an-object", path, number, f"a {type(raw).__name__} where a record dict was expected")
                 for number, raw in enumerate(records, 1))
        part = self.check_part(items, None, Findings(), fold=True)
        part.files = 1
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
                    fault = self.stamp.fault(entry)
                    if fault is not None:
                        part.findings.append(fault)
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
                    findings.append(self.stamp.internal_error(
                        rule.id, exc, None, "merging the states of two parts; it reports nothing for this run"))
            merged.append(state)
        return merged

    def _check(self, record: Record, states: list, findings: list[Finding] | Findings) -> None:
        self._watch.start()
        try:
            for rule in self.record_rules:
                try:
                    for problem in rule.check(record):
                        findings.append(self.stamp.problem(rule.id, problem, record))
                except SpillError:  # the temporary disk, not the rule: the run cannot go on
                    raise
                except Exception as exc:
                    findings.append(self.stamp.internal_error(rule.id, exc, record))
            for rule, state in zip(self.dataset_rules, states):
                try:
                    rule.add(state, record)
                except SpillError:  # the temporary disk, not the rule: the run cannot go on
                    raise
                except Exception as exc:
                    findings.append(self.stamp.internal_error(rule.id, exc, record))
        except RuleTimeout as exc:  # the limit passed between two rules: charged to the one before it
            findings.append(self.stamp.internal_error(rule.id, exc, record))
        finally:
            self._watch.stop()
        findings.extend(self.stamp.capped(record))

    def _finish(self, rule: DatasetRule, state: Any, findings: Findings) -> None:
        self._watch.start()
        try:
            for problem in rule.finish(state):
                findings.append(self.stamp.problem(rule.id, problem, None))
        except SpillError:  # the temporary disk, not the rule: the run cannot go on
            raise
        except Exception as exc:
            findings.append(self.stamp.internal_error(rule.id, exc, None))
        finally:
            self._watch.stop()


class _Opened:
    """The records and faults of the inputs, read in turn; `files` counts the inputs opened."""

    def __init__(self, inputs: Iterable[Source | InputFault], engine: Engine):
        self.inputs, self.engine, self.files = inputs, engine, 0

    def __iter__(self) -> Iterator[Record | InputFault]:
        for item in self.inputs:
            if isinstance(item, InputFault):
                yield item
                continue
            self.files += 1
            yield from loaders.read(item, self.engine.mapping, self.engine.plan.max_record_bytes)
