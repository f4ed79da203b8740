"""Every loader, and every kind of bad input: a finding with its place, never a crash."""
import datetime as dt
import gzip
import json

import pytest
from conftest import run as run_all


def run(paths, registry, select=("input", "schema"), **settings):
    """The loaders' findings: input and schema rules only, so that content rules stay out."""
    return run_all(paths, registry, select=list(select), **settings)

GOOD = {"id": "g", "title": "Bridge reopens", "body": "The bridge reopened on Sunday.", "url": "https://x.example/a"}


def jsonl(*records) -> str:
    return "".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in records)


def places(result):
    return [(f.rule, f.line) for f in result.findings]


def write(tmp_path, name, content):
    path = tmp_path / name
    (path.write_bytes if isinstance(content, bytes) else path.write_text)(content)
    return path


def test_broken_jsonl_line_in_the_middle(tmp_path, registry):
    bad_title = dict(GOOD, id="before", title="")
    path = write(tmp_path, "a.jsonl", jsonl(bad_title, '{"id": "broken", "title": "cut', dict(GOOD, id="after", body="")))
    result = run([path], registry)
    assert places(result) == [("missing-title", 1), ("invalid-json", 2), ("missing-body", 3)]
    assert result.records == 2
    assert [f.record for f in result.findings] == ["before", None, "after"]


def test_values_that_are_not_objects(tmp_path, registry):
    path = write(tmp_path, "a.jsonl", jsonl(GOOD, "[1, 2]", '"text"', "null", GOOD))
    assert places(run([path], registry)) == [("not-an-object", 2), ("not-an-object", 3), ("not-an-object", 4)]


def test_blank_lines_are_skipped_and_lines_still_counted(tmp_path, registry):
    path = write(tmp_path, "a.jsonl", "\n\n" + jsonl(dict(GOOD, title="")))
    assert places(run([path], registry)) == [("missing-title", 3)]


def test_undecodable_bytes_are_replaced_and_reported(tmp_path, registry):
    line = json.dumps(dict(GOOD, title="Caf_ owners")).encode().replace(b"_", b"\xe9")
    path = write(tmp_path, "a.jsonl", line + b"\n")
    result = run([path], registry)
    assert places(result) == [("invalid-encoding", 1)]
    assert result.records == 1


def test_byte_order_mark_is_accepted(tmp_path, registry):
    path = write(tmp_path, "a.jsonl", b"\xef\xbb\xbf" + jsonl(GOOD).encode())
    result = run([path], registry)
    assert result.findings == [] and result.records == 1


def test_gzipped_jsonl(tmp_path, registry):
    path = write(tmp_path, "a.jsonl.gz", gzip.compress(jsonl(GOOD, dict(GOOD, title="")).encode()))
    assert places(run([path], registry)) == [("missing-title", 2)]


def test_truncated_gzip_keeps_what_was_read(tmp_path, registry):
    data = gzip.compress(jsonl(*[dict(GOOD, id=str(i)) for i in range(2000)]).encode())
    path = write(tmp_path, "a.jsonl.gz", data[: len(data) // 2])
    result = run([path], registry)
    assert [f.rule for f in result.findings] == ["corrupt-gzip"]
    assert 0 < result.records < 2000
    assert result.findings[0].line == result.records + 1


def test_not_gzip_at_all(tmp_path, registry):
    path = write(tmp_path, "a.json.gz", b"plain bytes, not gzip")
    assert [f.rule for f in run([path], registry).findings] == ["corrupt-gzip"]


@pytest.mark.parametrize("content", ["", "\n\n  \n"])
def test_empty_files(tmp_path, registry, content):
    path = write(tmp_path, "a.jsonl", content)
    assert places(run([path], registry)) == [("empty-file", None)]


def test_missing_path_and_unknown_format(tmp_path, registry):
    other = write(tmp_path, "dump.xml", "<x/>")
    good = write(tmp_path, "a.jsonl", jsonl(GOOD))
    result = run([tmp_path / "nope.jsonl", other, good], registry)
    assert sorted(f.rule for f in result.findings) == ["unreadable-file", "unsupported-format"]
    assert result.records == 1


def test_directories_are_read_recursively_in_order(tmp_path, registry):
    write(tmp_path, "b.jsonl", jsonl(dict(GOOD, title="")))
    (tmp_path / "sub").mkdir()
    write(tmp_path / "sub", "a.csv", "id,title,body\nx,,Text.\n")
    write(tmp_path, "notes.md", "not data")
    (tmp_path / ".hidden").mkdir()
    write(tmp_path / ".hidden", "c.jsonl", "not json\n")
    result = run([tmp_path], registry)
    assert [(f.path.rsplit("/", 1)[-1], f.rule) for f in result.findings] == [
        ("b.jsonl", "missing-title"), ("a.csv", "missing-title")]
    assert result.files == 2


def test_json_array_records_carry_their_lines(tmp_path, registry):
    text = '[\n  {"id": "a", "title": "", "body": "x"},\n  42,\n  {"id": "c",\n   "body": ""}\n]\n'
    path = write(tmp_path, "a.json", text)
    result = run([path], registry, select=["missing-body", "missing-title", "input"])
    assert places(result) == [("missing-title", 2), ("not-an-object", 3), ("missing-body", 4), ("missing-title", 4)]


def test_json_single_object_and_broken_array(tmp_path, registry):
    single = write(tmp_path, "one.json", json.dumps(dict(GOOD, title="")))
    broken = write(tmp_path, "two.json", '[\n{"id": "a", "title": "t", "body": "b"},\n{"id": \n')
    never_closed = write(tmp_path, "three.json", '[{"id": "a", "title": "t", "body": "b"}')
    scalar = write(tmp_path, "four.json", '"just text"')
    result = run([single, broken, never_closed, scalar], registry)
    assert [(f.path.rsplit("/", 1)[-1], f.rule, f.line) for f in result.findings] == [
        ("four.json", "not-an-object", 1), ("one.json", "missing-title", 1),
        ("three.json", "invalid-json", 1), ("two.json", "invalid-json", 3)]
    assert result.records == 3


def test_deeply_nested_json_is_a_finding(tmp_path, registry):
    path = write(tmp_path, "a.jsonl", "[" * 100_000 + "\n" + jsonl(GOOD))
    result = run([path], registry)
    assert places(result) == [("invalid-json", 1)]
    assert result.records == 1


def test_csv_multiline_fields_and_first_physical_line(tmp_path, registry):
    text = 'id,title,content\na,"Two\nline title","Body\n\nwith paragraphs."\nb,,"Body."\n'
    result = run([write(tmp_path, "a.csv", text)], registry)
    assert places(result) == [("missing-title", 6)]
    assert result.records == 2


def test_csv_huge_field(tmp_path, registry):
    body = "word " * 400_000
    result = run([write(tmp_path, "a.csv", f'id,title,body\na,T,"{body}"\n')], registry)
    assert result.records == 1 and result.findings == []


def test_csv_unterminated_quote_resumes_on_the_next_line(tmp_path, registry):
    text = 'id,title,body\na,T,Fine.\nb,"Never closed,Body.\nc,,Body.\nd,T,Body.\n'
    result = run([write(tmp_path, "a.csv", text)], registry)
    assert places(result) == [("malformed-csv", 3), ("missing-title", 4)]
    assert result.records == 3


def test_csv_text_after_closing_quote_and_column_count(tmp_path, registry):
    text = 'id,title,body\na,"T"x,Body.\nb,T,Body.,extra\nc,T,Body.\n'
    result = run([write(tmp_path, "a.csv", text)], registry)
    assert places(result) == [("malformed-csv", 2), ("csv-column-count", 3)]
    assert result.records == 2


def test_tsv(tmp_path, registry):
    result = run([write(tmp_path, "a.tsv", "id\ttitle\tbody\na\t\tBody, with a comma.\n")], registry)
    assert places(result) == [("missing-title", 2)]


def test_csv_header_alone_is_empty(tmp_path, registry):
    assert places(run([write(tmp_path, "a.csv", "id,title,body\n")], registry)) == [("empty-file", None)]


def test_text_article_with_leading_timestamp(tmp_path, registry):
    path = write(tmp_path, "page.txt", "05:41 GMT +321 July 2019\nListen Live\n    Body text.\n")
    result = run([path], registry, select=["schema"])
    assert result.records == 1
    record_fields = {f.field for f in result.findings}
    assert record_fields == {"title"}  # body present, no title in a raw page


@pytest.mark.parametrize("first_line,published", [
    ("05:41 GMT +321 July 2019", True),
    ("BAGHDAD, May 25 (Reuters) -", True),
    ("2019-07-21 05:41", True),
    ("Gen. Soleimani has emerged as the chief tactician in the fight against militants", False),
    ("Iran Left Battling ISIL Alone", False),
])
def test_text_article_first_line(tmp_path, registry, first_line, published):
    from validator.fields import FieldMapping
    from validator.loaders import Source, text

    path = write(tmp_path, "page.txt", first_line + "\nBody.\n")
    (record,) = text.read(Source(str(path), path, "txt"), FieldMapping())
    assert (record.get("published") == first_line) is published


def test_parquet_stream_with_timestamps(tmp_path, registry):
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    table = pa.table({
        "id": ["a", "b"], "title": ["T", ""], "body": ["Body.", "Body."],
        "published": [dt.datetime(2019, 7, 21, 5, 41, tzinfo=dt.timezone.utc)] * 2,
    })
    path = tmp_path / "a.parquet"
    pq.write_table(table, path)
    result = run([path], registry)
    assert places(result) == [("missing-title", 2)]


def test_damaged_parquet(tmp_path, registry):
    pytest.importorskip("pyarrow")
    path = write(tmp_path, "a.parquet", b"PAR1 not really parquet")
    assert [f.rule for f in run([path], registry).findings] == ["unreadable-file"]


def test_inputs_are_never_written(tmp_path, registry):
    path = write(tmp_path, "a.jsonl", jsonl(GOOD, "broken", dict(GOOD, title="")))
    before = (path.read_bytes(), path.stat().st_mtime_ns, sorted(tmp_path.iterdir()))
    run([path], registry)
    assert (path.read_bytes(), path.stat().st_mtime_ns, sorted(tmp_path.iterdir())) == before
