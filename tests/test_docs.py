"""The pages under docs/ stay true: the generated rule reference, the config reference, the
links between pages, and every command they show."""
import importlib.util
import re
import shlex
import shutil
import tomllib

import pytest
from conftest import ROOT

from validator.cli import UsageError, build_parser, main
from validator.config import CONFIG_SCHEMA

DOCS = ROOT / "docs"
PAGES = sorted(DOCS.glob("*.md"))
SAMPLE_VALUE = "05:41 GMT +321 July 2019"
RUN_COMMANDS = ("check", "baseline", "fix", "profile")  # the commands that take --jobs


def _generator():
    spec = importlib.util.spec_from_file_location("docs_generate", DOCS / "generate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _text(page):
    return page.read_text(encoding="utf-8")


def _without_fences(text: str) -> str:
    return re.sub(r"^```.*?^```", "", text, flags=re.S | re.M)


def test_rules_page_is_generated_from_the_registry():
    generate = _generator()
    assert _text(DOCS / "rules.md") == generate.render(), \
        f"docs/rules.md is out of date: run {generate.COMMAND}"


def test_rules_page_table_is_what_newslint_rules_prints(capsys):
    assert main(["rules", "--format", "markdown"]) == 0
    table = capsys.readouterr().out
    assert table in _text(DOCS / "rules.md"), f"docs/rules.md is out of date: run {_generator().COMMAND}"


def test_every_config_key_is_documented():
    page = _text(DOCS / "configuration.md")
    for key in CONFIG_SCHEMA["properties"]:
        assert f"| `{key}" in page, key


def test_every_page_is_indexed_and_the_readme_links_the_index():
    index = _text(DOCS / "README.md")
    for page in PAGES:
        if page.name != "README.md":
            assert f"]({page.name})" in index, page.name
    assert "](docs/README.md)" in _text(ROOT / "README.md")


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_toml_examples_are_toml(page):
    for block in re.findall(r"^```toml\n(.*?)^```", _text(page), re.S | re.M):
        tomllib.loads(block)


def _slug(heading: str) -> str:
    """GitHub's anchor for a heading."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


@pytest.mark.parametrize("page", [ROOT / "README.md", *PAGES], ids=lambda p: p.relative_to(ROOT).as_posix())
def test_relative_links_lead_somewhere(page):
    for target in re.findall(r"\]\(([^)\s]+)\)", _without_fences(_text(page))):
        if re.match(r"[a-z]+:", target):
            continue
        path, _, anchor = target.partition("#")
        linked = (page.parent / path).resolve() if path else page
        assert linked.exists(), f"{page.name}: {target}"
        if anchor and linked.suffix == ".md":
            headings = re.findall(r"^#+ (.*)$", _without_fences(_text(linked)), re.M)
            assert anchor in {_slug(h) for h in headings}, f"{page.name}: {target}"


def _sh_commands(text: str) -> list[str]:
    """Every command line of the ```sh blocks: continuation lines joined, comments dropped."""
    commands = []
    for block in re.findall(r"^```sh\n(.*?)^```", text, re.S | re.M):
        for line in block.replace("\\\n", " ").splitlines():
            line = line.split(" #", 1)[0].strip().rstrip("&").strip()
            if line:
                commands.append(line)
    return commands


def _yaml_run_commands(text: str) -> list[str]:
    """The `- run:` steps of the ```yaml blocks, folded scalars (`>-`) joined."""
    commands = []
    for block in re.findall(r"^```yaml\n(.*?)^```", text, re.S | re.M):
        lines = block.splitlines()
        for at, line in enumerate(lines):
            match = re.match(r"(\s*)- run: (.*)$", line)
            if not match:
                continue
            indent, value = len(match.group(1)), match.group(2).strip()
            if value in (">-", ">", "|"):
                parts = []
                for following in lines[at + 1:]:
                    if len(following) - len(following.lstrip()) <= indent + 2:
                        break
                    parts.append(following.strip())
                value = " ".join(parts)
            commands.append(value)
    return commands


def _inline_commands(text: str) -> list[str]:
    """Inline code spans that are newslint or python command lines."""
    return re.findall(r"`((?:newslint|python) [^`]+)`", _without_fences(text))


def _docs_commands() -> list[tuple[str, str]]:
    found = []
    for page in PAGES:
        text = _text(page)
        for command in _sh_commands(text) + _yaml_run_commands(text) + _inline_commands(text):
            found.append((f"docs/{page.name}", command))
    for command in _inline_commands(_text(ROOT / "README.md")):
        found.append(("README.md", command))
    return found


def test_the_docs_show_commands():
    commands = [command for _, command in _docs_commands()]
    assert any(c.startswith("newslint check s3://") for c in commands)  # the Dask block of performance.md
    assert any(c.startswith("newslint check data/ --format github") for c in commands)  # usage.md's CI job
    assert any(c.startswith("newslint baseline") for c in commands)


def _newslint_words(command: str) -> list[str]:
    """A documented newslint command line as arguments, its placeholders made concrete."""
    command = command.replace("<(zcat dump.jsonl.gz)", "dump.jsonl")  # a FIFO of the same text
    words = shlex.split(command)[1:]
    concrete = {"PATH...": "samples", "VALUE...": SAMPLE_VALUE, "DIR": "fixed"}
    return [concrete.get(word, word) for word in words]


def test_every_documented_command_is_accepted_and_runs_where_it_can(tmp_path, monkeypatch, capsys):
    """Every newslint command of docs/ (sh and yaml blocks, inline code) and the README's inline
    ones: its subcommand and options are accepted, and where it needs no cluster, store or
    network it runs on the samples with one job and exits 0 or 1. A bare `newslint check` names
    a command; `python` commands name a script or module that exists and takes the options
    shown; `pip install` names extras that exist."""
    import gzip

    shutil.copytree(ROOT / "samples", tmp_path / "samples")
    shutil.copytree(ROOT / "samples", tmp_path / "data")
    (tmp_path / "dump.jsonl").write_bytes((ROOT / "samples" / "news.jsonl").read_bytes())
    (tmp_path / "dump.jsonl.gz").write_bytes(gzip.compress((ROOT / "samples" / "news.jsonl").read_bytes()))
    monkeypatch.chdir(tmp_path)
    extras = tomllib.loads(_text(ROOT / "pyproject.toml"))["project"]["optional-dependencies"]
    subcommands = build_parser()._subparsers._group_actions[0].choices
    ran = 0
    for page, command in _docs_commands():
        where = f"{page}: {command}"
        words = shlex.split(command)
        if words[0] == "newslint":
            args = _newslint_words(command)
            assert args and args[0] in subcommands, where
            if len(args) == 1 and args[0] in ("check", "explain", "fix", "baseline", "profile", "parse"):
                continue  # the command's name in a sentence
            try:
                build_parser().parse_args(args)
            except UsageError as exc:  # an unknown option or value
                raise AssertionError(f"{where}: {exc}") from None
            if any(arg.startswith(("s3://", "gs://", "http")) for arg in args) or "--dask-address" in args:
                continue  # needs a store or a cluster: checked for parse only
            if args[0] in RUN_COMMANDS:
                args = args + ["--jobs", "1"]
            assert main(args) in (0, 1), where
            ran += 1
        elif words[0] == "python" and words[1] == "-m":
            assert importlib.util.find_spec(words[2]) is not None, where
        elif words[0] == "python":
            script = ROOT / words[1]
            assert script.is_file(), where
            source = _text(script)
            for option in words[2:]:
                if option.startswith("--"):
                    assert f'"{option}"' in source, where
        elif words[0] == "pip":
            for wanted in re.findall(r"\[([^\]]+)\]", command):
                for extra in wanted.split(","):
                    assert extra in extras, where
        elif words[0] == "cat":
            assert (tmp_path / words[1]).is_file(), where  # written by the step before (usage.md's CI job)
        elif words[0] == "dask":
            continue  # Dask's own command line
        else:
            raise AssertionError(f"a command the docs test does not know how to check: {where}")
    capsys.readouterr()
    assert ran >= 8
