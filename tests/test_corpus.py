"""Real scraped data from ../shared/corpus, when it is there; skipped cleanly when it is not."""
import pytest
from conftest import ROOT, SHARED, run, write_jsonl

FAKENEWS = SHARED / "corpus" / "fakenewscorpus-sample" / "news_sample.csv"
SEED = SHARED / "seed" / "sputnik-2019-07-21.txt"


@pytest.mark.skipif(not FAKENEWS.is_file(), reason="../shared/corpus is not present")
def test_fakenewscorpus_sample_loads_with_no_flags(registry):
    result = run([FAKENEWS], registry)
    assert result.records == 250
    assert not [f for f in result.findings if f.category == "input"]
    assert result.mapping["body"] == ["content"] and result.mapping["source"] == ["domain"]


@pytest.mark.skipif(not SEED.is_file(), reason="../shared/seed is not present")
def test_seed_page_loads_its_timestamp_line(registry):
    from validator.fields import FieldMapping
    from validator.loaders import Source, read

    (record,) = read(Source(str(SEED), SEED, "txt"), FieldMapping())
    assert record.get("published") == "05:41 GMT +321 July 2019"
    assert record.get("body").lstrip().startswith("Listen Live")


@pytest.mark.skipif(not SEED.is_file(), reason="../shared/seed is not present")
def test_seed_timestamp_is_repaired(registry):
    result = run([SEED], registry, select=["timestamp-glued"])
    (finding,) = result.findings
    assert finding.suggestion == "2019-07-21T05:41:00+03:00" and finding.span == (0, 24)


@pytest.mark.skipif(not SEED.is_file(), reason="../shared/seed is not present")
def test_seed_yields_the_carter_anachronism(registry):
    (finding,) = run([SEED], registry, select=["office-anachronism"]).findings
    assert finding.message.startswith("Ashton Carter was US Secretary of Defense 2015-02-17 to 2017-01-20")


AEB = SHARED / "corpus" / "aeb-article-extraction"


@pytest.mark.skipif(not AEB.is_dir(), reason="../shared/corpus is not present")
def test_naive_extraction_is_flagged_far_more_than_gold(registry):
    import sys

    sys.path.insert(0, str(ROOT / "bench"))
    from extraction_benchmark import bodies, flagged

    gold, naive = bodies()
    (_, gold_any), (_, naive_any) = flagged(gold, registry), flagged(naive, registry)
    assert naive_any / len(naive) >= 0.95 and gold_any / len(gold) <= 0.05  # default rules only


@pytest.mark.skipif(not AEB.is_dir(), reason="../shared/corpus is not present")
def test_no_error_on_the_human_gold_bodies(registry, tmp_path):
    import sys

    sys.path.insert(0, str(ROOT / "bench"))
    from extraction_benchmark import bodies

    gold, _ = bodies()
    path = write_jsonl(tmp_path / "gold.jsonl", *gold)
    errors = [f for f in run([path], registry).findings if f.severity == "error"]
    assert errors == []


@pytest.mark.skipif(not FAKENEWS.is_file(), reason="../shared/corpus is not present")
def test_fakenewscorpus_defects_are_found(registry):
    findings = run([FAKENEWS], registry, select=["artifact", "duplicate", "entity"], preview=True).findings
    by_rule = {}
    for finding in findings:
        by_rule.setdefault(finding.rule, set()).add(finding.record)
    assert "1422" in by_rule["author-junk"]  # "Because Without America, There Is No Free World."
    assert "899" in by_rule["author-spelling-variants"]  # Nellie Bailey / Nellie Bailiey
    assert {"1422", "2736", "2780"} <= by_rule["glued-words"]  # "...at any time.Comments that contain spam"
    assert len(by_rule["duplicate-body"]) >= 8  # one body under nine URLs
    assert {"37771", "37842"} <= by_rule["not-an-article"]  # CMS error pages
    assert by_rule["truncated-body"]
