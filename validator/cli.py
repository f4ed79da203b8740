"""Command line: `newslint check | rules | explain`."""
from __future__ import annotations

import argparse
import json
import os
import signal
import sys
import threading
from collections import Counter
from contextlib import contextmanager
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import Callable, TextIO


from . import loaders, parallel
from .baseline import BaselineError
from .baseline import document as baseline_document
from .config import (
    ConfigError,
    Plan,
    Settings,
    build_plan,
    find_config,
    load_settings,
    parse_size,
)
from .engine import Engine
from .faults import INTERNAL_ERROR, UNREAD
from .fields import FieldMapping, FieldMappingError, parse_field_option
from .findings import SEVERITIES
from .gates import failures as gate_failures
from .loaders.base import Source
from .output import OutputError, stdout_kept_for_report
from .output import write as write_report
from .paths import printable_path
from .process import collect_less
from .progress import Progress
from .registry import Registry, RegistryError
from .report import FORMATS, catalogue
from .result import RunResult
from .spool import SpillError
from .suppressions import SuppressionError
from .triage import Triage
from .version import __version__

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_INCOMPLETE = 0, 1, 2, 3
EXIT_INTERRUPTED, EXIT_TERMINATED = 130, 143  # 128 + SIGINT, 128 + SIGTERM


class UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, exit 2, like every other usage error
        raise UsageError(message)


def _names(text: str) -> list[str]:
    return [name.strip() for name in text.split(",") if name.strip()]


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="newslint", description="Data-quality validator for scraped news metadata.")
    parser.add_argument("--version", action="version", version=f"newslint {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    check = commands.add_parser("check", help="check scraped records and report anomalies")
    _add_run_arguments(check)
    check.add_argument("--format", choices=sorted(FORMATS), default="console",
                       help="the report: console (rich), json, jsonl, sarif, junit, github, gitlab, markdown, html, "
                            "statistics (counts per rule)")
    check.add_argument("-o", "--output", metavar="FILE", help="write the report here instead of standard output")
    check.add_argument("--report", action="append", default=[], metavar="FORMAT[=FILE]", type=_report_option,
                       help="another report from the same run, to FILE or standard output (repeatable): "
                            "--report sarif=newslint.sarif --report github")
    check.add_argument("--statistics", action="store_true", help="print only the number of findings of each rule")
    check.add_argument("-q", "--quiet", action="store_true", help="no report on standard output; the exit code says it")
    check.add_argument("--exit-zero", action="store_true", help="exit 0 even when findings fail the run")
    check.add_argument("--fail-on", choices=SEVERITIES, help="lowest severity that fails the run (default: error)")
    check.add_argument("--baseline", metavar="FILE", help="report and fail only on findings not in this baseline")
    check.add_argument("--limit-per-rule", type=_positive, metavar="N",
                       help="console: show at most N findings of each rule")
    check.add_argument("--group-by", choices=("record", "rule", "source"), default="record",
                       help="console: how findings are grouped")

    baseline = commands.add_parser("baseline", help="write the current findings as a baseline file")
    _add_run_arguments(baseline)
    baseline.add_argument("-o", "--output", metavar="FILE", required=True, help="the baseline file to write")

    rules = commands.add_parser("rules", help="list the rules")
    rules.add_argument("--format", choices=("console", "json", "markdown"), default="console")

    explain = commands.add_parser("explain", help="show a rule's documentation")
    explain.add_argument("rule")

    fix = commands.add_parser("fix", help="write a repaired copy of the inputs, with a quarantine and a change log")
    _add_run_arguments(fix)
    fix.add_argument("--output-dir", metavar="DIR", help="where the copies, quarantine.jsonl and changes.jsonl go")
    fix.add_argument("--unsafe-fixes", action="store_true",
                     help="also apply fixes that change meaning (name spellings, headlines and tag lines taken out)")
    fix.add_argument("--drop", type=_names, metavar="IDS",
                     help="rule ids whose records go to the quarantine (default: not-an-article,duplicate-body)")
    fix.add_argument("--diff", action="store_true", help="show what would change, field by field, and write nothing")

    profile = commands.add_parser("profile", help="what a dump holds, per source: fields, dates, lengths, "
                                                  "languages, duplicates, top rules")
    _add_run_arguments(profile)
    profile.add_argument("--format", choices=("console", "json"), default="console")

    parse = commands.add_parser("parse", help="show what newslint reads in timestamp values (every timestamp rule)")
    parse.add_argument("values", nargs="+", metavar="VALUE", help="timestamp values, or - to read one per line")
    parse.add_argument("--format", choices=("console", "json"), default="console")
    return parser


def _report_option(text: str) -> tuple[str, str | None]:
    name, _, path = text.partition("=")
    if name not in FORMATS:
        raise argparse.ArgumentTypeError(f"unknown report format {name!r}; one of {', '.join(sorted(FORMATS))}")
    return name, path or None


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a number of at least 1, got {value}")
    return value


def _size(text: str) -> int:
    try:
        return parse_size(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _add_run_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", metavar="PATH", help="files, directories, or - for standard input")
    parser.add_argument("--select", type=_names, metavar="IDS", help="rule ids or categories to run, comma-separated")
    parser.add_argument("--ignore", type=_names, default=[], metavar="IDS", help="rule ids or categories to skip")
    parser.add_argument("--preview", action="store_true",
                        help="also run the rules in preview (not yet precise enough on real pages to be on by default)")
    parser.add_argument("--config", metavar="FILE", help="newslint.toml or pyproject.toml to use")
    parser.add_argument("--field", action="append", default=[], metavar="NAME=SOURCE",
                        help="read canonical field NAME from SOURCE, e.g. body=content (repeatable)")
    parser.add_argument("--input-format", choices=loaders.FORMATS,
                        help="read every input in this format (standard input defaults to jsonl)")
    parser.add_argument("--records-key", metavar="KEY",
                        help="JSON documents: the dotted key that holds the records (e.g. output)")
    parser.add_argument("--suppressions", metavar="FILE", help="suppression file (TOML) to apply")
    parser.add_argument("--sample", type=_positive, metavar="N", help="check a random sample of N records")
    parser.add_argument("--seed", type=int, default=0, metavar="S", help="seed of --sample (default 0)")
    parser.add_argument("--jobs", type=_positive, metavar="N",
                        help="processes to run on (default: all cores; a sample runs in one)")
    parser.add_argument("--engine", choices=("local", "dask"), default="local",
                        help="local processes, or a Dask cluster (extra dask)")
    parser.add_argument("--dask-address", metavar="ADDRESS",
                        help="scheduler of an existing Dask cluster (default: a local cluster)")
    parser.add_argument("--max-record-bytes", type=_size, metavar="SIZE",
                        help="skip larger records as record-too-large (default 32M; K, M, G units)")


def main(argv: list[str] | None = None) -> int:
    with _signals_end_the_run():
        return _main(argv)


def _main(argv: list[str] | None) -> int:
    try:
        if not (sys.argv[1:] if argv is None else argv):
            build_parser().print_help(sys.stderr)  # no command: how to give one
            return EXIT_USAGE
        args = build_parser().parse_args(argv)
        registry = Registry.default()
        return {"check": _check, "baseline": _baseline, "rules": _rules, "explain": _explain,
                "parse": _parse, "fix": _fix, "profile": _profile}[args.command](
            args, registry)
    except (UsageError, ConfigError, RegistryError, FieldMappingError, BaselineError, SuppressionError,
            OutputError, SpillError) as exc:
        print(f"newslint: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("newslint: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except Terminated:
        print("newslint: terminated", file=sys.stderr)
        return EXIT_TERMINATED
    except BrokenPipeError:  # the reader went away (newslint ... | head): nothing more to say
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_FINDINGS


class Terminated(BaseException):
    """SIGTERM, raised like KeyboardInterrupt (and, like it, past the `except Exception` of the
    rules), so that the run unwinds: workers ended, no report left half-written."""


@contextmanager
def _signals_end_the_run():
    """SIGINT and SIGTERM raise in the main thread, so that the run unwinds; a second one ends
    the process at once (its workers die with it), should the unwinding hang or a rule swallow
    the first. A signal the caller ignores stays ignored."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {number: signal.getsignal(number) for number in (signal.SIGINT, signal.SIGTERM)}
    previous = {number: handler for number, handler in previous.items() if handler is not signal.SIG_IGN}

    def end_the_run(signum, frame):
        for number in previous:
            signal.signal(number, signal.SIG_DFL)
        raise KeyboardInterrupt if signum == signal.SIGINT else Terminated

    for number in previous:
        signal.signal(number, end_the_run)
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler if handler is not None else signal.SIG_DFL)


def _settings(args: argparse.Namespace) -> Settings:
    if args.config:
        path = Path(args.config)
        if not path.is_file():
            raise ConfigError(f"--config {printable_path(args.config)}: no such file")
    else:
        path = find_config(Path.cwd())
    settings = load_settings(path)
    if args.select is not None:
        settings.select = args.select
    settings.ignore = settings.ignore + args.ignore
    settings.preview = settings.preview or args.preview
    if getattr(args, "fail_on", None):
        settings.fail_on = args.fail_on
    if args.suppressions:
        settings.suppressions = Path(args.suppressions)
    if args.max_record_bytes:
        settings.max_record_bytes = args.max_record_bytes
    for option in args.field:
        name, source = parse_field_option(option)
        settings.fields[name] = source
    settings.audit = args.command == "profile" or (args.command == "check" and "html" in _formats(args))
    return settings


def _formats(args: argparse.Namespace) -> list[str]:
    """The formats of the reports `check` writes."""
    main_format = "statistics" if args.statistics else args.format
    return ([] if args.quiet and not args.output else [main_format]) + [name for name, _ in args.report]


def _run(args: argparse.Namespace, registry: Registry) -> tuple[RunResult, Settings, Plan]:
    """Run the selected rules over the inputs, suppressions (and for `check`, a baseline) applied."""
    settings = _settings(args)
    plan = build_plan(registry, settings)
    baseline = getattr(args, "baseline", None) if args.command == "check" else None
    triage = Triage(plan, settings.suppressions, Path(baseline) if baseline else None)
    engine = Engine(plan, FieldMapping(settings.fields, settings.timestamp_fields))
    inputs = _with_records_key(loaders.discover(args.paths, args.input_format),
                               args.records_key or settings.records_key)
    jobs = args.jobs or parallel.default_jobs()
    inputs = list(inputs)
    total = sum(parallel.input_bytes(i) for i in inputs if isinstance(i, Source) and i.format != "parquet")
    progress = None if getattr(args, "quiet", False) else Progress(total)
    try:
        if args.engine == "dask":
            result = parallel.run_dask(engine, settings, inputs, args.dask_address, jobs, progress)
        elif jobs > 1 and not args.sample and "-" not in args.paths and parallel.worth_it(inputs):
            result = parallel.run_local(engine, settings, inputs, jobs, progress)
        else:
            result = engine.run(inputs, on_record=progress.advance if progress else None,
                                sample=(args.sample, args.seed) if args.sample else None)
    finally:
        if progress is not None:
            progress.close()
    return triage.apply(result), settings, plan


def _with_records_key(inputs, key: str | None):
    for item in inputs:
        yield replace(item, records_key=key) if key and isinstance(item, Source) else item


def _check(args: argparse.Namespace, registry: Registry) -> int:
    collect_less()
    with stdout_kept_for_report():
        result, settings, plan = _run(args, registry)
    main_format = "statistics" if args.statistics else args.format
    reports = [] if args.quiet and not args.output else [(main_format, args.output)]
    for name, path in reports + args.report:
        _write_report(result, _renderer(name, args, settings), path)
    if result.baseline:
        print(f"newslint: baseline: {result.baseline['matched']} findings baselined, "
              f"{result.baseline['stale']} baseline entries no longer occur", file=sys.stderr)
    reasons = gate_failures(result, settings.fail_on, plan.gates)
    for reason in reasons:
        if not args.quiet:
            print(f"newslint: failed: {reason}", file=sys.stderr)
    faults = sum(f.rule == INTERNAL_ERROR for f in result.findings)
    if faults:
        print(f"newslint: incomplete: {faults} rule faults (internal-error); the checks they stand for did not run",
              file=sys.stderr)
        return EXIT_INCOMPLETE
    return EXIT_FINDINGS if reasons and not args.exit_zero else EXIT_OK


def _renderer(name: str, args: argparse.Namespace, settings) -> Callable[[RunResult, TextIO], None]:
    render = FORMATS[name]
    if name == "console":
        return partial(render, limit_per_rule=args.limit_per_rule, group_by=args.group_by)
    if name == "github":
        return partial(render, minimum=settings.fail_on)
    return render


def _baseline(args: argparse.Namespace, registry: Registry) -> int:
    with stdout_kept_for_report():
        result, _, _ = _run(args, registry)
    text = json.dumps(baseline_document(result.findings), indent=2, ensure_ascii=False) + "\n"
    _write_report(result, lambda _result, stream: stream.write(text), args.output)
    print(f"newslint: baseline of {len(result.findings)} findings written to {args.output}", file=sys.stderr)
    return EXIT_OK


def _write_report(result: RunResult, render: Callable[[RunResult, TextIO], None], output: str | None) -> None:
    """To standard output, or to the named file (see validator.output: never a device or link
    clobbered, never half a report)."""
    write_report(lambda stream: render(result, stream), output)


def _rules(args: argparse.Namespace, registry: Registry) -> int:
    catalogue.render(registry, args.format, sys.stdout)
    return EXIT_OK


def _profile(args: argparse.Namespace, registry: Registry) -> int:
    from .report import profile_report

    with stdout_kept_for_report():
        result, _, _ = _run(args, registry)
    assert result.profile is not None  # asked for by _settings
    result.profile.count_findings(result.findings)
    render = profile_report.render_json if args.format == "json" else profile_report.render_console
    render(result.profile.summary(), sys.stdout)
    return _incomplete(result) or EXIT_OK


def _fix(args: argparse.Namespace, registry: Registry) -> int:
    from .fixing import DROP_DEFAULT
    from .repair import Fixer, log_entries, write_copy
    from .report import diff as diff_report

    if not args.diff and not args.output_dir:
        raise UsageError("fix needs --output-dir DIR (or --diff to write nothing)")
    if "-" in args.paths or any(loaders.is_remote(p) for p in args.paths):
        raise UsageError("fix reads local files (a copy is written beside each one's name)")
    if args.records_key:
        raise UsageError("fix does not write documents whose records are under a key (--records-key)")
    targets = _fix_targets(args.paths, args.input_format, Path(args.output_dir) if args.output_dir else None)
    with stdout_kept_for_report():
        result, settings, plan = _run(args, registry)
    drop = args.drop if args.drop is not None else settings.drop if settings.drop is not None else DROP_DEFAULT
    engine = Engine(plan, FieldMapping(settings.fields, settings.timestamp_fields))
    fixer = Fixer(engine, registry, unsafe=args.unsafe_fixes, drop=drop)
    fixed = fixer.fix_sources([source for source, _ in targets], result.findings)
    if args.diff:
        return diff_report.render(fixed, sys.stdout)
    changes, quarantine = [], []
    out = Path(args.output_dir)
    try:
        for one, (_, target) in zip(fixed, targets):
            write_copy(one, target)
            logged, dropped = log_entries(one)
            changes += logged
            quarantine += dropped
        _write_jsonl(out / CHANGES, changes)
        _write_jsonl(out / QUARANTINE, quarantine)
    except OSError as exc:
        raise OutputError(f"{printable_path(exc.filename or str(out))}: cannot write: {exc.strerror or exc}") from None
    edited = sum(1 for entry in changes if "original" in entry)
    left_out = sum(len(held[1].left_out) for one in fixed for held in one.touched.values() if held[1] is not None)
    unplaced = sum(one.unplaced for one in fixed)
    print(f"newslint: fixed {edited} records ({len(changes) - edited} changes), quarantined {len(quarantine)}"
          + (f", left out {left_out} overlapping fixes" if left_out else "")
          + (f", left {unplaced} records unchanged that share their line, id and URL with another (their findings "
             "cannot be told apart)" if unplaced else "") + f"; wrote {out}", file=sys.stderr)
    return _incomplete(result) or EXIT_OK


def _incomplete(result: RunResult) -> int:
    """EXIT_INCOMPLETE, with a line on stderr, when a rule failed or an input could not be
    read (`profile` and `fix` have no gate: what they did not see must still show)."""
    faults = Counter(f.rule for f in result.findings if f.rule == INTERNAL_ERROR or f.rule in UNREAD)
    if not faults:
        return 0
    print("newslint: incomplete: " + ", ".join(f"{n} {rule}" for rule, n in sorted(faults.items())), file=sys.stderr)
    return EXIT_INCOMPLETE


CHANGES, QUARANTINE = "changes.jsonl", "quarantine.jsonl"


def _fix_targets(paths: list[str], input_format: str | None, out: Path | None) -> list[tuple[Source, Path | None]]:
    """Each input with the path of its copy: under DIR at its place below a named directory,
    or by its name for a named file. Checked before any record is read: never an input's own
    path, never one path for two files (two copies, or a copy and a log)."""
    inputs, targets = set(), []
    for given in paths:
        root = Path(given)
        for source in loaders.discover([given], input_format):
            if isinstance(source, Source) and source.stream:
                raise UsageError(f"{printable_path(given)}: fix reads its inputs twice, and a pipe can be read once")
            if isinstance(source, Source) and isinstance(source.file, Path):
                inputs.add(source.file.resolve())
                relative = source.file.relative_to(root) if root.is_dir() else Path(source.file.name)
                targets.append((source, out / relative if out else None))
    if out is None:
        return targets
    if out.resolve() in {Path(p).resolve() for p in paths}:
        raise UsageError(f"{out}: --output-dir is an input directory; choose another")
    written: set[Path] = set()
    for target in [target for _, target in targets] + [out / CHANGES, out / QUARANTINE]:
        where = target.resolve()
        if where in inputs or any(parent in inputs for parent in where.parents):
            raise UsageError(f"{target}: it would overwrite an input; choose another --output-dir")
        if where in written:
            raise UsageError(f"{target}: two files would be written there (inputs of one name, or an input "
                             f"named {CHANGES} or {QUARANTINE}); fix them one at a time")
        written.add(where)
    return targets


def _write_jsonl(path: Path, entries: list[dict]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    write_report(lambda stream: stream.writelines(json.dumps(entry, ensure_ascii=False, default=str) + "\n"
                                                  for entry in entries), str(path))


def _parse(args: argparse.Namespace, registry: Registry) -> int:
    from .report import parsed
    from .values import describe

    values: list[str] = []
    for value in args.values:
        if value == "-":
            if sys.stdin is None:
                raise UsageError("standard input is closed")
            values.extend(line.rstrip("\r\n") for line in sys.stdin if line.strip())
        else:
            values.append(value)
    results = describe(values)
    (parsed.render_json if args.format == "json" else parsed.render_console)(results, sys.stdout)
    return EXIT_FINDINGS if any(r["faults"] or r["verdict"] != "ok" for r in results) else EXIT_OK


def _explain(args: argparse.Namespace, registry: Registry) -> int:
    catalogue.explain(registry[args.rule], sys.stdout)
    return EXIT_OK
