import pytest

from validator.fields import FieldMapping, FieldMappingError, parse_field_option
from validator.record import Provenance, Record

LAYOUTS = [
    # (layout, source record keys, expected canonical -> source)
    ("news-please", ["maintext", "date_publish", "date_modify", "date_download", "source_domain", "title", "url"],
     {"body": "maintext", "published": "date_publish", "modified": "date_modify",
      "scraped_at": "date_download", "source": "source_domain"}),
    ("common crawl news (HF)", ["text", "date", "domain", "title", "url"],
     {"body": "text", "published": "date", "source": "domain"}),
    ("trafilatura JSON", ["raw_text", "date", "hostname", "sitename", "author", "title"],
     {"body": "raw_text", "published": "date", "source": "hostname", "authors": "author"}),
    ("trafilatura JSON with text", ["text", "raw_text", "date", "hostname"], {"body": "text", "source": "hostname"}),
    ("newspaper", ["text", "publish_date", "authors", "title"], {"body": "text", "published": "publish_date"}),
    ("schema.org", ["articleBody", "datePublished", "dateModified", "headline"],
     {"body": "articleBody", "published": "datePublished", "modified": "dateModified", "title": "headline"}),
    ("FakeNewsCorpus CSV", ["", "id", "domain", "type", "url", "content", "scraped_at", "title", "authors",
                            "keywords", "tags"],
     {"body": "content", "source": "domain", "scraped_at": "scraped_at", "tags": "tags"}),
]


@pytest.mark.parametrize("layout,keys,expected", LAYOUTS, ids=[layout[0] for layout in LAYOUTS])
def test_known_layouts_map_without_flags(layout, keys, expected):
    names = FieldMapping().resolve(keys)
    for field, source in expected.items():
        assert names[field] == source


def test_override_wins_and_has_no_fallback():
    mapping = FieldMapping({"body": "summary"})
    assert mapping.resolve(["body", "summary"])["body"] == "summary"
    record = Record({"body": "not this"}, mapping.resolve(["body"]), Provenance("x", 1))
    assert record.get("body") is None


def test_unmapped_fields_are_kept_as_they_are():
    raw = {"maintext": "Text.", "type": "reliable"}
    record = Record(raw, FieldMapping().resolve(raw), Provenance("x", 1))
    assert record.canonical() == {"body": "Text.", "type": "reliable"}
    assert record.get("type") == "reliable"
    assert record.source_name("body") == "maintext"


def test_used_mapping_is_reported():
    mapping = FieldMapping()
    mapping.resolve(["content", "title"])
    mapping.resolve(["body", "title"])
    assert mapping.used_mapping()["body"] == ["body", "content"]


def test_identity_is_id_else_path_and_line():
    assert Record({"id": 7}, {"id": "id"}, Provenance("a.jsonl", 3)).identity == "7"
    assert Record({"title": "t"}, {}, Provenance("a.jsonl", 3)).identity == "a.jsonl:3"


def test_analysis_cache_computes_once():
    calls = []

    def words(record):
        calls.append(1)
        return record.text("body").split()

    record = Record({"body": "two words"}, {"body": "body"}, Provenance("a", 1))
    assert record.analysis(words) == ["two", "words"]
    assert record.analysis(words) == ["two", "words"]
    assert len(calls) == 1


@pytest.mark.parametrize("bad", ["body", "=content", "body="])
def test_field_option_syntax(bad):
    with pytest.raises(FieldMappingError):
        parse_field_option(bad)


def test_unknown_canonical_field_is_an_error():
    with pytest.raises(FieldMappingError):
        FieldMapping({"headline": "title"})
