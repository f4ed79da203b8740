"""Name variants: one person written two ways is found, different people are not.

Precision and recall on this table are what docs/names.md reports."""
import tomllib
from pathlib import Path

import pytest

from validator.fields import FieldMapping
from validator.record import Provenance, Record
from validator.registry import Registry
from validator.text.names import extract

PAIRS = tomllib.loads((Path(__file__).parent / "cases" / "name_pairs.toml").read_text(encoding="utf-8"))["pair"]
_registry = Registry.default()
_rules = {rule_id: _registry[rule_id]() for rule_id in ("name-spelling-variants", "name-diacritic-variants")}


def flagged(a: str, b: str) -> set[str]:
    body = f"President {a} spoke in the capital on Monday. Hours later, {b} answered the critics."
    record = Record({"body": body}, FieldMapping().resolve(["body"]), Provenance("pairs", 1))
    return {rule_id for rule_id, rule in _rules.items() if list(rule.check(record))}


def test_the_tables_are_large_enough():
    assert sum(p["same"] for p in PAIRS) >= 40 and sum(not p["same"] for p in PAIRS) >= 40


@pytest.mark.parametrize("pair", PAIRS, ids=[f"{p['a']} / {p['b']}" for p in PAIRS])
def test_pair(pair):
    found = flagged(pair["a"], pair["b"])
    if not pair["same"]:
        assert found == set()
    else:
        expected = "name-diacritic-variants" if pair.get("kind") == "diacritics" else "name-spelling-variants"
        assert found == {expected}


def test_precision_and_recall():
    hits = [(bool(flagged(p["a"], p["b"])), p["same"]) for p in PAIRS]
    true_positive = sum(found and same for found, same in hits)
    precision = true_positive / max(1, sum(found for found, _ in hits))
    recall = true_positive / sum(same for _, same in hits)
    assert (precision, recall) == (1.0, 1.0)


@pytest.mark.parametrize("text,names", [
    ("Gen. Ghassem Soleimani, a general", ["Ghassem Soleimani"]),
    ("Major General Qassem Soleimani, chief of the elite Quds Force", ["Qassem Soleimani"]),
    ("US Defense Secretary Ashton Carter's remarks", ["Ashton Carter"]),
    ("Iran's Revolutionary Guard and the Islamic State", []),
    ("Share\n    Gen. Soleimani said", ["Soleimani"]),
    ("Mevlüt Çavuşoğlu and Élisabeth Borne", ["Mevlüt Çavuşoğlu", "Élisabeth Borne"]),
    ("Hakim al-Zamili, head of the committee", ["Hakim al-Zamili"]),
    ("Mohammed bin Salman met George H. W. Bush", ["Mohammed bin Salman", "George H. W. Bush"]),
    ("Prime Minister Theresa May spoke", ["Theresa May"]),
    ("The United States and Saudi Arabia", []),
    ("On Sunday it was reported that", []),
])
def test_extraction(text, names):
    assert [m.text for m in extract(text)] == names
