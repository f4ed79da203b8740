"""The Scrapy item pipeline, in a real Scrapy crawler (extra `scrapy`)."""
import logging

import pytest

scrapy = pytest.importorskip("scrapy")
from scrapy.exceptions import DropItem  # noqa: E402
from scrapy.utils.test import get_crawler  # noqa: E402

from validator.scrapy import NewslintPipeline  # noqa: E402

GOOD = {"url": "https://x.example/a", "title": "Old bridge reopens in Mosul", "published": "2019-07-21T09:00:00Z",
        "text": "The old bridge over the Tigris in Mosul reopened to traffic on Sunday after repairs that took most "
                "of the year, the governor said at a ceremony attended by several hundred residents."}


def pipeline(**settings):
    return NewslintPipeline.from_crawler(get_crawler(settings_dict=settings))


def test_good_items_pass_and_bad_ones_are_dropped(caplog):
    pipe = pipeline(NEWSLINT_DROP_ON="error", NEWSLINT_FIELDS={"body": "text"})
    assert pipe.process_item(dict(GOOD)) == GOOD
    with caplog.at_level(logging.INFO, logger="newslint"), pytest.raises(DropItem, match="timestamp-glued"):
        pipe.process_item(dict(GOOD, published="05:41 GMT +321 July 2019"))
    assert any("timestamp-glued" in record.message for record in caplog.records)


def test_without_drop_on_items_are_only_logged(caplog):
    pipe = pipeline(NEWSLINT_SELECT=["schema"])
    item = dict(GOOD, title="")
    with caplog.at_level(logging.WARNING, logger="newslint"):
        assert pipe.process_item(item) is item
    assert any("missing-title" in record.message for record in caplog.records)


def test_items_can_be_repaired_instead_of_dropped(caplog):
    pipe = pipeline(NEWSLINT_DROP_ON="error", NEWSLINT_FIELDS={"body": "text"}, NEWSLINT_FIX=True)
    with caplog.at_level(logging.INFO, logger="newslint"):
        item = pipe.process_item(dict(GOOD, published="05:41 GMT +321 July 2019"))
    assert item["published"] == "2019-07-21T05:41:00+03:00"  # repaired, so no longer dropped
    assert any("fixed timestamp-glued" in record.message for record in caplog.records)


def test_the_pipeline_reads_the_projects_configuration(tmp_path, monkeypatch, caplog):
    (tmp_path / "pyproject.toml").write_text('[tool.newslint]\nignore = ["missing-title"]\n'
                                             '[tool.newslint.rules.timestamp-glued]\nseverity = "info"\n',
                                             encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    pipe = pipeline(NEWSLINT_DROP_ON="error", NEWSLINT_FIELDS={"body": "text"})
    item = dict(GOOD, title="", published="05:41 GMT +321 July 2019")
    with caplog.at_level(logging.INFO, logger="newslint"):
        assert pipe.process_item(item) is item  # the glued value is info here: not dropped
    assert not any("missing-title" in record.message for record in caplog.records)
    assert pipeline(NEWSLINT_IGNORE=["timestamp"], NEWSLINT_DROP_ON="info",
                    NEWSLINT_FIELDS={"body": "text"}).process_item(dict(GOOD, title="T")) is not None
