"""Rule tiers: a built-in rule runs by default only when real pages showed it precise (or it is
an exact check, or pinned for the seed page); the others run with --preview or by id."""
import pytest
from conftest import cli_json, write_jsonl

from validator import tiers
from validator.config import Settings, build_plan
from validator.registry import Registry

REGISTRY = Registry.default()
TAGGED = {"id": "a1", "title": "Dam repairs end", "url": "https://x.example/a1", "published": "2019-07-21",
          "body": "Engineers finished the repairs on Sunday.\nDaesh, United States, Iran, Iraq\nThe road reopened."}


def planned(**settings) -> set[str]:
    return {rule.id for rule in build_plan(REGISTRY, Settings(**settings)).rules}


def test_a_preview_rule_runs_only_with_preview_or_by_its_id():
    assert tiers.tier(REGISTRY.rules["tag-line"]).name == "preview"
    assert "tag-line" not in planned()
    assert "tag-line" not in planned(select=["artifact"])  # a category does not bring preview rules
    assert "tag-line" in planned(select=["tag-line"])
    assert "tag-line" in planned(preview=True)
    assert planned(preview=True) > planned()


def test_preview_on_the_command_line_and_in_the_config(tmp_path, capsys):
    data = write_jsonl(tmp_path / "data.jsonl", TAGGED)
    rules = lambda *extra: {f["rule"] for f in cli_json([str(data), *extra], capsys)[1]["findings"]}
    assert "tag-line" not in rules()
    assert "tag-line" in rules("--preview")
    config = tmp_path / "newslint.toml"
    config.write_text("preview = true\n", encoding="utf-8")
    assert "tag-line" in rules("--config", str(config))


def test_the_seed_page_rules_stay_on_by_default():
    for rule_id in ("timestamp-glued", "office-anachronism", "name-spelling-variants", "boilerplate-phrase"):
        assert tiers.tier(REGISTRY.rules[rule_id]).default, rule_id


def test_the_measurements_name_only_known_rules_and_add_up():
    for rule_id, measured in tiers.measurements().items():
        assert rule_id in REGISTRY.rules
        assert measured.true + measured.false + measured.debatable == measured.judged <= measured.raised


@pytest.mark.parametrize("rule_id", sorted(REGISTRY.rules))
def test_a_default_rule_has_earned_its_place(rule_id):
    """On by default: exact and not shown wrong, measured precise on enough findings, or pinned
    for the seed page; and error severity only for exact rules or at 98 % measured."""
    rule = REGISTRY.rules[rule_id]
    place, measured = tiers.tier(rule), tiers.measurements().get(rule_id)
    precise = measured is not None and measured.enough and measured.precision >= tiers.PRECISION_FOR_DEFAULT
    if place.default:
        assert place.basis in ("exact", "pinned") or precise
    if rule.severity == "error":
        assert (rule.exact and place.default) or (measured and measured.enough and
                                                  measured.precision >= tiers.PRECISION_FOR_ERROR)


def test_a_plug_in_rule_runs_by_default():
    from validator.rule import RecordRule

    class Plugged(RecordRule):
        """A rule from a plug-in."""
        id, category, severity = "plugged", "artifact", "warning"

    Plugged.__module__ = "newslint_plugin.rules"
    assert tiers.tier(Plugged).default
