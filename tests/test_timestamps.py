"""The strict parser against a table of real-looking values, and against dateutil's pitfalls."""
import datetime as dt
import tomllib
import warnings
from pathlib import Path

import pytest
from dateutil import parser as dateutil_parser

from validator.text.timestamps import parse

VALUES = tomllib.loads((Path(__file__).parent / "cases" / "timestamp_parse.toml").read_text(encoding="utf-8"))["value"]


def test_the_table_is_large_enough():
    assert len(VALUES) >= 80


@pytest.mark.parametrize("case", VALUES, ids=[str(c.get("text", c.get("number"))) for c in VALUES])
def test_parse_table(case):
    result = parse(case["text"] if "text" in case else case["number"])
    assert result.outcome == case["verdict"], result.detail
    stamp = result.timestamp
    if "iso" in case:
        assert (stamp.iso() if stamp else "") == case["iso"]
    if "faults" in case:
        assert sorted(kind for kind, _ in stamp.faults()) == sorted(case["faults"])
    if "missing" in case:
        assert stamp.missing == case["missing"]
    if "order" in case:
        assert stamp.order == case["order"]


def test_glued_repair_keeps_the_original_text_with_one_boundary_added():
    result = parse("05:41 GMT +321 July 2019")
    assert result.repairs == ("05:41 GMT +3 21 July 2019",)


def test_glued_with_several_readings_suggests_none_by_itself():
    result = parse("05:41 GMT +1 21 July 201905")  # year glued to what may be minutes or nothing
    assert result.outcome in ("glued", "unparseable")
    if result.outcome == "glued" and len({c.iso() for c in result.candidates}) > 1:
        assert result.timestamp is None


def test_spans_point_into_the_original_text():
    text = "Published: 21 July 2019 05:41 GMT"
    stamp = parse(text).timestamp
    assert text[stamp.span[0]:stamp.span[1]] == "21 July 2019 05:41 GMT"


def test_ambiguous_order_interval_covers_both_readings():
    low, high = parse("03/04/2019").timestamp.interval()
    assert low.date() <= dt.date(2019, 3, 4) and high.date() >= dt.date(2019, 4, 3)


def test_naive_interval_allows_every_zone():
    low, high = parse("2019-07-21 12:00").timestamp.interval()
    assert high - low == dt.timedelta(hours=26)


# Each of python-dateutil's pitfalls: what dateutil does, and that newslint does not.

def _dateutil(text, **kw):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return dateutil_parser.parse(text, **kw)


def test_pitfall_posix_sign_inversion():
    assert _dateutil("21 July 2019 05:41 GMT+3").utcoffset() == dt.timedelta(hours=-3)
    assert parse("21 July 2019 05:41 GMT+3").timestamp.offset == 180


def test_pitfall_offset_after_spaced_gmt_is_dropped():
    assert _dateutil("05:41 GMT +3 21 July 2019").utcoffset() == dt.timedelta(0)
    assert parse("05:41 GMT +3 21 July 2019").timestamp.offset == 180


@pytest.mark.parametrize("text", ["2019-07-21T05:41:00+25:00", "2019-07-21T05:41:00+15:00", "2019-07-21T05:41:00+05:17"])
def test_pitfall_impossible_offset_accepted(text):
    try:  # dateutil takes any offset datetime can hold (under 24 h), real or not
        assert _dateutil(text).utcoffset() is not None
    except ValueError:
        pass  # +25:00: refused by datetime itself in this dateutil version, not by a check of dateutil's
    assert [kind for kind, _ in parse(text).timestamp.faults()] == ["offset"]


@pytest.mark.parametrize("text,missing", [("July 2019", "day"), ("21 July", "year")])
def test_pitfall_missing_parts_filled_from_today(text, missing):
    filled = _dateutil(text, default=dt.datetime(2001, 2, 3))
    assert filled.day == 3 if missing == "day" else filled.year == 2001  # taken from the default, silently
    assert missing in parse(text).timestamp.missing


def test_pitfall_weekday_contradiction_ignored():
    assert _dateutil("Tuesday, May 25, 2015") == dt.datetime(2015, 5, 25)
    assert [kind for kind, _ in parse("Tuesday, May 25, 2015").timestamp.faults()] == ["weekday"]


@pytest.mark.parametrize("text", ["14-12-29", "14.12.29 10:00", "29-12-14"])
def test_pitfall_two_digit_year_guessed(text):
    assert _dateutil(text).year in (2014, 2029)  # one of the readings, chosen without saying so
    stamp = parse(text).timestamp  # newslint does not choose: both readings are kept, and warned
    assert stamp.two_digit_year and stamp.order == "ambiguous" and len(stamp.alternatives) == 1
    readings = {(stamp.year, stamp.month, stamp.day), *stamp.alternatives}
    assert {(2014, 12, 29), (1929, 12, 14)} <= readings or {(2014, 12, 29), (2029, 12, 14)} <= readings


def test_pitfall_fuzzy_mode_finds_a_date_in_chrome():
    assert _dateutil("Listen Live 24/7 | 12 comments", fuzzy=True).date() == dt.date(2012, 7, 24)
    assert parse("Listen Live 24/7 | 12 comments").outcome == "unparseable"


def test_dateutil_second_opinion_exposes_filled_parts():
    result = parse("Sunday 21st of July 2019")
    assert result.outcome == "ok" and result.timestamp.iso() == "2019-07-21"
    assert parse("2019").timestamp.missing == ["month", "day", "time"]


@pytest.mark.parametrize("text,verdict,iso", [
    ("21.07.19", "ok", "2019-07-21"),  # dots mean day first, two-digit year or not
    ("21 July 2019 13.12", "ok", "2019-07-21T13:12:00"),  # a dotted time, not seconds or a day
    ("2019-07-21 05:41 2019-07-22 06:00", "multiple", "2019-07-21T05:41:00"),
    ("July 21 2019 July 22 2019", "multiple", "2019-07-21"),
])
def test_dateutil_misreads_are_fenced(text, verdict, iso):
    result = parse(text)
    assert result.outcome == verdict and result.timestamp.iso() == iso


def test_dateutil_reading_must_account_for_every_number():
    from validator.text.timestamps import _dateutil_reading

    assert _dateutil_reading("2019 July 21 10 2020") is None
    assert _dateutil_reading("July 21st 2019 10:00:00").iso() == "2019-07-21T10:00:00"


@pytest.mark.parametrize("text", ["Sun, 21 Jul 2019 05:41:00 +0300", "21 Jul 2019 05:41:00 +0300",
                                  "Sun, 21 Jul 2019 05:41 GMT", "Mon, 21 Jul 2019 05:41:00 -0000"])
def test_rfc_2822_fast_path_reads_what_the_scanner_reads(text):
    from validator.text.timestamps import _scan

    fast = parse(text)
    stamps, layout = _scan(text)
    assert fast.timestamp.iso() == stamps[0].iso() and fast.timestamp.weekday == stamps[0].weekday
    assert fast.layout == layout and fast.timestamp.span == stamps[0].span


@pytest.mark.parametrize("text", ["Monday, 5 January 0000", "31 December 9999 23:00 -1200", "12/31/9999 11:00 PM EST",
                                  "Jan 1, 0000"])
def test_years_past_what_python_dates_hold_read_without_raising(text):
    stamp = parse(text).timestamp  # year 0 is no Python date; 9999-12-31 23:00 -12:00 is past datetime.max in UTC
    assert stamp is not None and stamp.faults() is not None
    assert stamp.interval() is None or stamp.interval()[0] <= stamp.interval()[1]
