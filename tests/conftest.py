from __future__ import annotations

import json
from pathlib import Path

import pytest

from validator.cli import main
from validator.config import Settings, build_plan
from validator.engine import Engine
from validator.fields import FieldMapping
from validator.loaders import discover
from validator.registry import Registry

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def registry() -> Registry:
    return Registry.default()


def run(paths, registry: Registry, select=None, fields=None, **settings):
    """Findings of a run over `paths` (in-process, the same path the CLI takes)."""
    plan = build_plan(registry, Settings(select=select, **settings))
    return Engine(plan, FieldMapping(fields)).run(discover([str(p) for p in paths]))


def write_jsonl(path, *records):
    path.write_text("".join(json.dumps(r) + "\n" for r in records))
    return path


def cli_json(args: list[str], capsys) -> tuple[int, dict]:
    code = main(["check", *args, "--format", "json"])
    return code, json.loads(capsys.readouterr().out)


def rule_doc(summary: str) -> str:
    """A test rule's docstring: its summary, with the Fails and Passes examples every rule has."""
    return f"{summary}\n\n**Fails**\n\n```text\n-\n```\n\n**Passes**\n\n```text\n-\n```\n"


def html_data(page: str) -> dict:
    """The data blocks of an HTML report: findings, records, order and names, as its script reads them."""
    import html
    import re

    blocks = dict(re.findall(r'<script type="application/json" id="nl-(\w+)">(.*?)</script>', page, re.S))
    data = {name: json.loads(text) for name, text in blocks.items()}
    assert set(data) == {"findings", "records", "order", "names"}
    data["page"] = html.unescape(page)
    return data
