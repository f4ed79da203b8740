"""Timestamp rules end to end: the seed sample's repair, configured fields, dataset rules."""
from conftest import ROOT, run, write_jsonl

from validator.fields import FieldMapping
from validator.loaders import Source, read
from validator.text.timestamps import published, published_confidence

SAMPLE_PAGE = ROOT / "samples" / "page-2019-07-21.txt"


def test_seed_sample_gets_its_repair(registry):
    (finding,) = run([SAMPLE_PAGE], registry, select=["timestamp-glued"]).findings
    assert (finding.span, finding.suggestion) == ((0, 24), "2019-07-21T05:41:00+03:00")


def test_repaired_published_moment_is_shared_with_other_rules():
    (record,) = read(Source(str(SAMPLE_PAGE), SAMPLE_PAGE, "txt"), FieldMapping())
    assert published(record).iso() == "2019-07-21T05:41:00+03:00"
    assert published_confidence(record) == "repaired"


def test_glue_tie_broken_by_the_sources_usual_offset(tmp_path, registry):
    # "+111 July" reads as +1 and 11 July, or as +11 and 1 July: two readings, one insertion each.
    glued = "05:41 GMT +111 July 2019"
    clean = [{"id": f"c{i}", "source": "x.example", "published": "2019-07-10T05:41:00+01:00"} for i in range(3)]
    path = write_jsonl(tmp_path / "a.jsonl", *clean, {"id": "x", "source": "x.example", "published": glued},
                       {"id": "y", "source": "y.example", "published": glued})
    findings = run([path], registry, select=["timestamp-glued"]).findings
    assert [(f.record, f.suggestion) for f in findings] == [("x", "2019-07-11T05:41:00+01:00"), ("y", None)]
    assert "2019-07-01T05:41:00+11:00" in findings[1].message and "2019-07-11T05:41:00+01:00" in findings[1].message


def test_configured_timestamp_fields(tmp_path, registry):
    path = write_jsonl(tmp_path / "a.jsonl", {"id": "1", "first_seen": "July 2019"})
    assert [f.field for f in run([path], registry, select=["timestamp-partial"], fields=None).findings] == []
    from validator.config import Settings, build_plan
    from validator.engine import Engine
    from validator.loaders import discover

    plan = build_plan(registry, Settings(select=["timestamp-partial"]))
    result = Engine(plan, FieldMapping(None, ["first_seen"])).run(discover([str(path)]))
    assert [f.field for f in result.findings] == ["first_seen"]


def test_ambiguous_order_settled_by_the_source(tmp_path, registry):
    records = [{"id": "a", "source": "x.example", "published": "03/04/2019"},
               {"id": "b", "source": "x.example", "published": "21/07/2019"},
               {"id": "c", "source": "y.example", "published": "03/04/2019"},
               {"id": "d", "source": "z.example", "published": "03/04/2019"},
               {"id": "e", "source": "z.example", "published": "21/07/2019"},
               {"id": "f", "source": "z.example", "published": "07/22/2019"}]
    path = write_jsonl(tmp_path / "a.jsonl", *records)
    findings = run([path], registry, select=["timestamp-ambiguous-order"]).findings
    assert [f.record for f in findings] == ["c", "d"]  # x settles day-first; y has no evidence; z writes both


def test_dataset_rules_merge_like_one_pass(tmp_path, registry):
    records = [{"id": str(i), "source": "x.example", "published": v} for i, v in enumerate(
        ["2019-07-21T05:41:00Z", "2019-07-21 05:41:00", "03/04/2019", "05:41 GMT +321 July 2019",
         "2019-07-21T05:41:00Z", "21 July 2019 05:41 GMT", "2019-07-21T05:41:00Z", "2019-07-21T05:41:00Z"])]
    path = write_jsonl(tmp_path / "a.jsonl", *records)
    loaded = list(read(Source(str(path), path, "jsonl"), FieldMapping()))
    for rule_id in ("timestamp-glued", "timestamp-ambiguous-order", "timestamp-zone-mixed",
                    "timestamp-shared-second", "timestamp-layout-drift"):
        rule = registry[rule_id](**({"min_records": 2} if rule_id == "timestamp-shared-second" else
                                    {"min_records": 1} if rule_id == "timestamp-layout-drift" else {}))
        whole, left, right = rule.start(), rule.start(), rule.start()
        for i, record in enumerate(loaded):
            rule.add(whole, record)
            rule.add(left if i < 4 else right, record)
        assert list(rule.finish(rule.merge(left, right))) == list(rule.finish(whole)), rule_id
        assert list(rule.finish(whole)), f"{rule_id} found nothing to compare"


def test_layout_drift_wants_records_on_both_sides_and_reads_numeric_orders(tmp_path, registry):
    iso = [{"id": f"i{n}", "source": "x.example", "published": f"2019-07-{n + 10}T05:41:00Z"} for n in range(5)]
    us = [{"id": f"u{n}", "source": "y.example", "published": f"07/{n + 20}/2019"} for n in range(3)]
    ambiguous = [{"id": "a", "source": "y.example", "published": "07/04/2019"}]
    one = [{"id": "o", "source": "x.example", "published": "23 July 2019 05:41 GMT"}]
    path = write_jsonl(tmp_path / "a.jsonl", *iso, *us, *ambiguous, *one)
    findings = run([path], registry, select=["timestamp-layout-drift"]).findings
    assert findings == []  # one record against five is no template; y's 07/04 counts as its MM/DD
    named = [{"id": f"n{n}", "source": "x.example", "published": f"2{n} July 2019 05:41 GMT"} for n in range(3)]
    path = write_jsonl(tmp_path / "b.jsonl", *iso, *named)
    findings = run([path], registry, select=["timestamp-layout-drift"]).findings
    assert [f.record for f in findings] == ["n0"] and "MM/DD" not in findings[0].message
