"""Real scraped data from ../shared/corpus, when it is there; skipped cleanly when it is not."""
import pytest

from conftest import SHARED, run

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
