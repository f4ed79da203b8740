from __future__ import annotations

import gzip
import json
from html.parser import HTMLParser
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

# A clean record, and one whose every text field carries what a report must show as data only
# (markup, control characters, terminal escapes, CI commands) with a glued timestamp.
GOOD = {"id": "g", "url": "https://x.example/a", "title": "Old bridge reopens in Mosul",
        "body": "The old bridge over the Tigris in Mosul reopened to traffic on Sunday after repairs that took most "
                "of the year, the governor said at a ceremony attended by several hundred residents."}
HOSTILE = {
    "id": "evil\u0001<1>", "url": "javascript:alert(1)",
    "title": "<script>alert('t')</script>\u001b[31mred\u0000",
    "body": "<img src=x onerror=alert(1)> & <a href=\"javascript:alert(2)\">x</a>\nline two\r\n%0A::error::",
    "published": "05:41 GMT +321 July 2019",
}


@pytest.fixture(scope="session")
def registry() -> Registry:
    return Registry.default()


def run(paths, registry: Registry, select=None, fields=None, **settings):
    """Findings of a run over `paths` (in-process, the same path the CLI takes)."""
    plan = build_plan(registry, Settings(select=select, **settings))
    return Engine(plan, FieldMapping(fields)).run(discover([str(p) for p in paths]))


@pytest.fixture
def isolated_cwd(tmp_path, monkeypatch):
    """Run from an empty folder so that no config file is picked up by accident."""
    monkeypatch.chdir(tmp_path)


def write_jsonl(path, *records, compressed: bool = False, ensure_ascii: bool = True):
    """Write `records` to `path` as JSON Lines in UTF-8 (non-ASCII text escaped unless
    `ensure_ascii` is false), gzipped when `compressed` (with no time stamp, so the bytes are
    the same each run); return the path."""
    data = "".join(json.dumps(record, ensure_ascii=ensure_ascii) + "\n" for record in records).encode("utf-8")
    path.write_bytes(gzip.compress(data, mtime=0) if compressed else data)
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


def assert_inert_markdown(text):
    """Rendered as GitHub renders a table, the data makes no link, image or HTML tag, and each
    finding stays one row of four cells."""
    from markdown_it import MarkdownIt

    html = MarkdownIt("commonmark").enable("table").render(text)
    page = HtmlScan()
    page.feed(html)
    assert page.links == [] and page.scripts == 0 and "<img" not in html and "<a " not in html
    for table in html.split("<table>")[1:]:
        rows = table.split("</table>")[0].count("<tr>")
        assert rows == table.count("</tr>")
        cells = {row.count("<td") for row in table.split("<tr>")[2:]}
        assert len(cells) <= 1


class HtmlScan(HTMLParser):
    """What a page would run or load: scripts (data blocks aside), event handler attributes,
    link targets, and its Content-Security-Policy."""

    def __init__(self):
        super().__init__()
        self.scripts, self.handlers, self.links, self.csp = 0, [], [], None

    def handle_starttag(self, tag, attrs):
        self.scripts += tag == "script" and ("type", "application/json") not in attrs  # data blocks do not run
        self.handlers += [name for name, _ in attrs if name.startswith("on")]
        self.links += [value for name, value in attrs if name in ("href", "src", "action")]
        if tag == "meta" and ("http-equiv", "Content-Security-Policy") in attrs:
            self.csp = dict(attrs)["content"]
