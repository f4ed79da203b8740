"""Command line: `newslint check | rules | explain`."""
from __future__ import annotations

import argparse
import io
import json
import os
import sys
import tempfile
from pathlib import Path
from typing import Callable, TextIO

from rich.console import Console
from rich.markdown import Markdown
from rich.progress import Progress, SpinnerColumn, TextColumn

from . import __version__, loaders
from .config import ConfigError, Settings, build_plan, find_config, load_settings
from .engine import Engine, RunResult
from .fields import FieldMapping, FieldMappingError, parse_field_option
from .findings import SEVERITIES, at_or_above
from .registry import Registry, RegistryError
from .report import FORMATS

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


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
    check.add_argument("paths", nargs="+", metavar="PATH", help="files, directories, or - for standard input")
    check.add_argument("--format", choices=sorted(FORMATS), default="console")
    check.add_argument("--output", metavar="FILE", help="write the report here instead of standard output")
    check.add_argument("--select", type=_names, metavar="IDS", help="rule ids or categories to run, comma-separated")
    check.add_argument("--ignore", type=_names, default=[], metavar="IDS", help="rule ids or categories to skip")
    check.add_argument("--fail-on", choices=SEVERITIES, help="lowest severity that fails the run (default: error)")
    check.add_argument("--config", metavar="FILE", help="newslint.toml or pyproject.toml to use")
    check.add_argument("--field", action="append", default=[], metavar="NAME=SOURCE",
                       help="read canonical field NAME from SOURCE, e.g. body=content (repeatable)")
    check.add_argument("--input-format", choices=loaders.FORMATS,
                       help="read every input in this format (standard input defaults to jsonl)")

    rules = commands.add_parser("rules", help="list the rules")
    rules.add_argument("--format", choices=("console", "json", "markdown"), default="console")

    explain = commands.add_parser("explain", help="show a rule's documentation")
    explain.add_argument("rule")
    return parser


def main(argv: list[str] | None = None) -> int:
    try:
        args = build_parser().parse_args(argv)
        registry = Registry.default()
        return {"check": _check, "rules": _rules, "explain": _explain}[args.command](args, registry)
    except (UsageError, ConfigError, RegistryError, FieldMappingError) as exc:
        print(f"newslint: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("newslint: interrupted", file=sys.stderr)
        return 130


def _settings(args: argparse.Namespace) -> Settings:
    if args.config:
        path = Path(args.config)
        if not path.is_file():
            raise ConfigError(f"--config {args.config}: no such file")
    else:
        path = find_config(Path.cwd())
    settings = load_settings(path)
    if args.select is not None:
        settings.select = args.select
    settings.ignore = settings.ignore + args.ignore
    if args.fail_on:
        settings.fail_on = args.fail_on
    for option in args.field:
        name, source = parse_field_option(option)
        settings.fields[name] = source
    return settings


def _check(args: argparse.Namespace, registry: Registry) -> int:
    settings = _settings(args)
    plan = build_plan(registry, settings)
    engine = Engine(plan, FieldMapping(settings.fields, settings.timestamp_fields))
    inputs = loaders.discover(args.paths, args.input_format)
    result = _run_with_progress(engine, inputs)
    _write_report(result, FORMATS[args.format], args.output)
    failed = any(at_or_above(f.severity, settings.fail_on) for f in result.findings)
    return EXIT_FINDINGS if failed else EXIT_OK


def _run_with_progress(engine: Engine, inputs) -> RunResult:
    if not sys.stderr.isatty() or os.environ.get("CI"):
        return engine.run(inputs)
    columns = (SpinnerColumn(), TextColumn("checking"), TextColumn("{task.completed} records"))
    with Progress(*columns, console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task("check", total=None)
        return engine.run(inputs, on_record=lambda: progress.advance(task))


def _write_report(result: RunResult, render: Callable[[RunResult, TextIO], None], output: str | None) -> None:
    """To standard output, or atomically to a file: a killed run leaves no half-written report."""
    if output is None:
        render(result, sys.stdout)
        return
    target = Path(output)
    handle, temporary = tempfile.mkstemp(dir=target.parent or Path("."), prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            render(result, stream)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def catalogue(registry: Registry) -> list[dict[str, str]]:
    return [{"id": r.id, "category": r.category, "severity": r.severity, "summary": r.summary()}
            for r in registry.sorted()]


def rules_markdown(registry: Registry) -> str:
    lines = ["| id | category | severity | options | summary |", "| --- | --- | --- | --- | --- |"]
    for rule in registry.sorted():
        options = ", ".join(f"`{name}`" for name in rule.options_schema) or "-"
        lines.append(f"| `{rule.id}` | {rule.category} | {rule.severity} | {options} | {rule.summary()} |")
    return "\n".join(lines) + "\n"


def _rules(args: argparse.Namespace, registry: Registry) -> int:
    if args.format == "json":
        print(json.dumps(catalogue(registry), indent=2, ensure_ascii=False))
    elif args.format == "markdown":
        sys.stdout.write(rules_markdown(registry))
    else:
        from rich.table import Table

        table = Table(show_edge=False)
        for column in ("id", "category", "severity", "summary"):
            table.add_column(column)
        for row in catalogue(registry):
            table.add_row(*row.values())
        Console(highlight=False).print(table)
    return EXIT_OK


def _explain(args: argparse.Namespace, registry: Registry) -> int:
    rule = registry[args.rule]
    console = Console(highlight=False)
    console.print(f"[bold]{rule.id}[/bold]  ({rule.category}, default severity {rule.severity})")
    console.print(Markdown(rule.documentation()))
    return EXIT_OK
