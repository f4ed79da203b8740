"""The README stays true: the rule catalogue, the config reference, the two commands."""
import re

from conftest import ROOT

from validator.cli import rules_markdown
from validator.config import CONFIG_SCHEMA

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_rule_catalogue_is_in_sync(registry):
    section = README.split("<!-- rules:start -->\n", 1)[1].split("<!-- rules:end -->", 1)[0]
    assert section == rules_markdown(registry), "run: newslint rules --format markdown, paste between the markers"


def test_every_config_key_is_documented():
    for key in CONFIG_SCHEMA["properties"]:
        assert f"| `{key}" in README, key


def test_readme_has_exactly_two_setup_commands_and_ci_runs_the_second():
    setup = README.split("## Set up", 1)[1].split("\n## ", 1)[0]
    commands = re.findall(r"```sh\n(.*?)\n```", setup, re.S)
    assert len(commands) == 2 and "newslint check samples/" in commands[0]
    marked = README.split("<!-- test-command -->\n```sh\n", 1)[1].split("\n```", 1)[0]
    assert marked == commands[1]
    assert "test-command" in (ROOT / ".ci" / "run").read_text()
