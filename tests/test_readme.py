"""The README stays true: the two set-up commands and the usage examples. The rule catalogue
and the config reference are in docs/ (tests/test_docs.py)."""
import re

from conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_has_exactly_two_setup_commands_and_ci_runs_the_second():
    setup = README.split("## Set up", 1)[1].split("\n## ", 1)[0]
    commands = re.findall(r"```sh\n(.*?)\n```", setup, re.S)
    assert len(commands) == 2 and "newslint check samples/" in commands[0]
    marked = README.split("<!-- test-command -->\n```sh\n", 1)[1].split("\n```", 1)[0]
    assert marked == commands[1]
    assert "test-command" in (ROOT / ".ci" / "run").read_text()


def test_the_usage_examples_run_on_the_samples(tmp_path, monkeypatch):
    """Every `newslint` line of the README's first example block, run with the samples in
    place of its dumps: it exits as documented (0 or 1), never with a usage error."""
    import gzip
    import io
    import shlex
    import shutil
    from pathlib import Path

    from validator.cli import main

    root = Path(__file__).resolve().parent.parent
    text = (root / "README.md").read_text(encoding="utf-8")
    block = text.split("## Using it", 1)[1].split("```sh", 1)[1].split("```", 1)[0]
    dumps = tmp_path / "dumps"
    shutil.copytree(root / "samples", dumps)
    shutil.copytree(root / "samples", tmp_path / "samples")
    (tmp_path / "dump.jsonl").write_bytes((root / "samples" / "news.jsonl").read_bytes())
    (tmp_path / "dump.jsonl.gz").write_bytes(gzip.compress((root / "samples" / "news.jsonl").read_bytes()))
    (tmp_path / "dump.csv").write_bytes((root / "samples" / "fakenews-layout.csv").read_bytes())
    monkeypatch.chdir(tmp_path)
    commands = [line.split(" #", 1)[0].strip() for line in block.splitlines() if line.startswith("newslint ")]
    assert len(commands) >= 10
    for command in commands:
        words, stdin = shlex.split(command), None
        if "<" in words:
            at = words.index("<")
            stdin, words = (tmp_path / words[at + 1]).read_text(encoding="utf-8"), words[:at]
            monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(stdin.encode())))
        assert main(words[1:] + (["--jobs", "1"] if words[1] in ("check", "fix") else [])) in (0, 1), command


def test_every_dependency_is_justified_in_the_readme():
    """The design card: every library newslint or its extras install is in the Dependencies table."""
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = list(project["dependencies"])
    for requirements in project["optional-dependencies"].values():
        wanted.extend(r for r in requirements if not r.startswith("newslint"))
    table = README.split("## Dependencies", 1)[1].split("\n## ", 1)[0]
    named = " ".join(line.split("|")[1] for line in table.splitlines() if line.startswith("| ")).lower()
    for requirement in wanted:
        name = re.match(r"[A-Za-z0-9_.-]+", requirement).group(0).lower()
        assert re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", named), f"{name}: add a row to the README's Dependencies"
