"""Dates in the world's languages, scripts and calendars: the generated vocabulary, the
reading rate on CLDR's own patterns, and a failing twin for every language family."""
import sys
from pathlib import Path

import pytest

from validator.text.timestamps import parse

ROOT = Path(__file__).resolve().parent.parent

# (language, a valid value and its ISO reading, the same with a day that does not exist,
#  with a weekday its date did not have, with a boundary lost between two parts)
FAMILIES = [
    ("fr", "dimanche 21 juillet 2019 à 17:41", "2019-07-21T17:41:00",
     "31 avril 2019", "lundi 21 juillet 2019", "05:41 GMT +321 juillet 2019"),
    ("es", "domingo, 21 de julio de 2019 17:41", "2019-07-21T17:41:00",
     "30 de febrero de 2019", "lunes, 21 de julio de 2019", "05:41 GMT +321 de julio de 2019"),
    ("pt", "domingo, 21 de julho de 2019", "2019-07-21",
     "31 de junho de 2019", "segunda-feira, 21 de julho de 2019", "05:41 GMT +321 de julho de 2019"),
    ("it", "domenica 21 luglio 2019 17:41", "2019-07-21T17:41:00",
     "31 giugno 2019", "lunedì 21 luglio 2019", "05:41 GMT +321 luglio 2019"),
    ("de", "Sonntag, 21. Juli 2019 um 17:41 Uhr", "2019-07-21T17:41:00",
     "31. Juni 2019", "Montag, 21. Juli 2019", "05:41 GMT +321. Juli 2019"),
    ("nl", "zondag 21 juli 2019 17:41", "2019-07-21T17:41:00",
     "31 juni 2019", "maandag 21 juli 2019", "05:41 GMT +321 juli 2019"),
    ("sv", "söndag 21 juli 2019 kl. 17:41", "2019-07-21T17:41:00",
     "31 juni 2019", "måndag 21 juli 2019", "05:41 GMT +321 juli 2019"),
    ("ru", "воскресенье, 21 июля 2019 г., 17:41", "2019-07-21T17:41:00",
     "31 июня 2019 г.", "понедельник, 21 июля 2019 г.", "05:41 GMT +321 июля 2019"),
    ("pl", "niedziela, 21 lipca 2019 17:41", "2019-07-21T17:41:00",
     "31 czerwca 2019", "poniedziałek, 21 lipca 2019", "05:41 GMT +321 lipca 2019"),
    ("uk", "неділя, 21 липня 2019 р. о 17:41", "2019-07-21T17:41:00",
     "31 червня 2019 р.", "понеділок, 21 липня 2019 р.", "05:41 GMT +321 липня 2019"),
    ("tr", "21 Temmuz 2019 Pazar 17:41", "2019-07-21T17:41:00",
     "31 Haziran 2019", "21 Temmuz 2019 Pazartesi", "05:41 GMT +321 Temmuz 2019"),
    ("fi", "sunnuntai 21. heinäkuuta 2019 klo 17.41", "2019-07-21T17:41:00",
     "31. kesäkuuta 2019", "maanantai 21. heinäkuuta 2019", "05:41 GMT +321. heinäkuuta 2019"),
    ("hu", "2019. július 21., vasárnap 17:41", "2019-07-21T17:41:00",
     "2019. június 31.", "2019. július 21., hétfő", None),
    ("el", "Κυριακή 21 Ιουλίου 2019 5:41 μ.μ.", "2019-07-21T17:41:00",
     "31 Ιουνίου 2019", "Δευτέρα 21 Ιουλίου 2019", "05:41 GMT +321 Ιουλίου 2019"),
    ("he", "יום ראשון, 21 ביולי 2019", "2019-07-21",
     "31 ביוני 2019", "יום שני, 21 ביולי 2019", None),
    ("ar", "الأحد، 21 يوليو 2019 5:41 م", "2019-07-21T17:41:00",
     "31 يونيو 2019", "الاثنين، 21 يوليو 2019", "05:41 GMT +321 يوليو 2019"),
    ("ar-Levant", "الأحد ٢١ تموز ٢٠١٩", "2019-07-21",
     "٣١ حزيران ٢٠١٩", "الاثنين ٢١ تموز ٢٠١٩", None),
    ("fa", "یکشنبه ۲۱ ژوئیه ۲۰۱۹، ساعت ۱۷:۴۱", "2019-07-21T17:41:00",
     "۳۱ ژوئن ۲۰۱۹", "دوشنبه ۲۱ ژوئیه ۲۰۱۹", None),
    ("hi", "रविवार, 21 जुलाई 2019 5:41 pm", "2019-07-21T17:41:00",
     "31 जून 2019", "सोमवार, 21 जुलाई 2019", "05:41 GMT +321 जुलाई 2019"),
    ("bn", "রবিবার, ২১ জুলাই, ২০১৯", "2019-07-21",
     "৩১ জুন, ২০১৯", "সোমবার, ২১ জুলাই, ২০১৯", None),
    ("zh", "2019年7月21日星期日 17:41", "2019-07-21T17:41:00",
     "2019年6月31日", "2019年7月21日星期一", None),
    ("ja", "2019年7月21日 午後5時41分", "2019-07-21T17:41:00",
     "2019年6月31日", "2019年7月21日月曜日", None),
    ("ko", "2019년 7월 21일 일요일 오후 5:41", "2019-07-21T17:41:00",
     "2019년 6월 31일", "2019년 7월 21일 월요일", None),
    ("th", "วันอาทิตย์ที่ 21 กรกฎาคม 2019", "2019-07-21",
     "31 มิถุนายน 2019", "วันจันทร์ที่ 21 กรกฎาคม 2019", None),
    ("vi", "Chủ Nhật, 21 tháng 7, 2019", "2019-07-21",
     "31 tháng 6, 2019", "Thứ Hai, 21 tháng 7, 2019", None),
    ("id", "Minggu, 21 Juli 2019 17.41", "2019-07-21T17:41:00",
     "31 Juni 2019", "Senin, 21 Juli 2019", "05:41 GMT +321 Juli 2019"),
    ("sw", "Jumapili, 21 Julai 2019", "2019-07-21",
     "31 Juni 2019", "Jumatatu, 21 Julai 2019", "05:41 GMT +321 Julai 2019"),
]
IDS = [family[0] for family in FAMILIES]


@pytest.mark.parametrize("language,valid,iso,bad_day,bad_weekday,glued", FAMILIES, ids=IDS)
def test_valid_value_is_read(language, valid, iso, bad_day, bad_weekday, glued):
    result = parse(valid)
    assert result.outcome == "ok", result.detail
    assert result.timestamp.iso() == iso and not result.timestamp.faults()


@pytest.mark.parametrize("language,valid,iso,bad_day,bad_weekday,glued", FAMILIES, ids=IDS)
def test_day_that_does_not_exist_is_a_fault(language, valid, iso, bad_day, bad_weekday, glued):
    stamp = parse(bad_day).timestamp
    assert stamp is not None and [kind for kind, _ in stamp.faults()] == ["date"]


@pytest.mark.parametrize("language,valid,iso,bad_day,bad_weekday,glued", FAMILIES, ids=IDS)
def test_weekday_the_date_did_not_have_is_a_fault(language, valid, iso, bad_day, bad_weekday, glued):
    stamp = parse(bad_weekday).timestamp
    assert stamp is not None and [kind for kind, _ in stamp.faults()] == ["weekday"]


@pytest.mark.parametrize("language,valid,iso,bad_day,bad_weekday,glued",
                         [f for f in FAMILIES if f[5]], ids=[f[0] for f in FAMILIES if f[5]])
def test_glued_value_is_repaired(language, valid, iso, bad_day, bad_weekday, glued):
    result = parse(glued)
    assert result.outcome == "glued" and result.timestamp.iso() == "2019-07-21T05:41:00+03:00"


@pytest.mark.parametrize("text,iso,calendar", [
    ("۳۰ تیر ۱۳۹۸", "2019-07-21", "persian"),
    ("30 Tir 1398", "2019-07-21", "persian"),
    ("۱۳۹۸/۰۴/۳۰", "2019-07-21", "persian"),
    ("18 ذو القعدة 1440 هـ", "2019-07-21", "islamic"),
    ("18-11-1440", "2019-07-21", "islamic"),
    ("21 กรกฎาคม 2562", "2019-07-21", "buddhist"),
])
def test_other_calendars_are_converted_never_read_as_gregorian_years(text, iso, calendar):
    stamp = parse(text).timestamp
    assert stamp.calendar == calendar and stamp.iso() == iso
    assert stamp.written[0] in (1398, 1440, 2562)


def test_a_year_both_calendars_use_keeps_both_readings():
    stamp = parse("21/04/1398").timestamp  # Solar Hijri or Hijri: the digits do not say
    assert stamp.calendar == "persian-or-islamic" and len(stamp.alternatives) == 1


@pytest.mark.parametrize("text,iso", [
    ("July 21, 2019 5:41 PM ET", "2019-07-21T17:41:00-04:00"),  # daylight saving in July
    ("January 21, 2019 5:41 PM ET", "2019-01-21T17:41:00-05:00"),
    ("July 21, 2019 5:41 PM PT", "2019-07-21T17:41:00-07:00"),
    ("21 July 2019 13.12", "2019-07-21T13:12:00"),
    ("25-Sep-2003", "2003-09-25"),
    ("25/Sep/2003 10:00", "2003-09-25T10:00:00"),
    ("July 21, 2019 at noon", "2019-07-21T12:00:00"),
    ("July 21, 2019 at midnight", "2019-07-21T00:00:00"),
    ("21 July 2019 • 5:41 PM", "2019-07-21T17:41:00"),
])
def test_zones_times_and_separators(text, iso):
    result = parse(text)
    assert result.outcome == "ok", result.detail
    assert result.timestamp.iso() == iso


def test_two_digit_year_keeps_both_readings_when_they_differ():
    stamp = parse("03/04/19").timestamp
    assert stamp.two_digit_year and stamp.alternatives
    assert not parse("21/07/19").timestamp.alternatives or parse("21/07/19").timestamp.order == "ambiguous"


def test_month_name_of_two_languages_keeps_both_readings():
    stamp = parse("23 lip 2023").timestamp  # July in Polish, June in Croatian
    assert {(stamp.month,), *((m,) for _, m, _ in stamp.alternatives)} == {(6,), (7,)}


def test_a_foreign_two_letter_word_is_no_weekday():
    stamp = parse("8 août 2018, 18:28:44 TU").timestamp  # TU: temps universel, not Tuesday
    assert stamp.offset == 0 and not stamp.faults()


def test_reading_rate_on_cldr_patterns():
    pytest.importorskip("babel")
    sys.path.insert(0, str(ROOT / "bench"))
    import world_dates

    tally = world_dates.run()["main"]
    total = sum(tally.values())
    assert tally["misread"] == 0
    assert tally["read"] / total >= 0.95 and tally["flagged"] / total <= 0.01


def test_vocabulary_is_what_babel_builds():
    babel = pytest.importorskip("babel")
    from validator.text import cldr

    committed = cldr.OUT.read_text(encoding="utf-8")
    if cldr.babel_version_of(committed) != babel.__version__:
        pytest.skip(f"names.tsv comes from another Babel than {babel.__version__}")
    def names(text):  # zone offsets come from the system's tz database, which may be newer
        return [line for line in text.splitlines() if "\tzone\t" not in line]

    assert names(cldr.build()) == names(committed), "run python -m validator.text.cldr"


def test_persian_digits_say_solar_hijri():
    assert parse("۱۴۰۰/۰۱/۱۵").timestamp.calendar == "persian"  # 1400: Solar Hijri (2021) or Hijri (1979)
    assert parse("1400/01/15").timestamp.calendar == "persian-or-islamic"


@pytest.mark.parametrize("text,iso", [
    ("21 يوليو 2019 الساعة 5:41 م", "2019-07-21T17:41:00"),
    ("21 lipca 2019 o godz. 17:41", "2019-07-21T17:41:00"),
    ("July 21, 2019 @ 5:41 pm", "2019-07-21T17:41:00"),
    ("21 июля 2019 в 17:41", "2019-07-21T17:41:00"),
    ("klo 17.41 21.7.2019", "2019-07-21T17:41:00"),
    ("21 de julio del 2019", "2019-07-21"),
    ("25.Sep.2003", "2003-09-25"),
])
def test_connectors_of_many_languages(text, iso):
    assert parse(text).timestamp.iso() == iso


@pytest.mark.parametrize("text,calendar,iso", [
    ("1398-04-30", "persian", "2019-07-21"),  # ISO-shaped, but 1398 is no year of a news site
    ("1440-11-18T10:00:00Z", "islamic", "2019-07-21T10:00:00+00:00"),
    ("21 July 1398", "gregorian", "1398-07-21"),  # a Gregorian month's name: a Gregorian year, however odd
])
def test_a_hijri_era_year_is_never_taken_as_gregorian_unless_the_month_says_so(text, calendar, iso):
    stamp = parse(text).timestamp
    assert (stamp.calendar, stamp.iso()) == (calendar, iso)


@pytest.mark.parametrize("text,calendar,iso", [
    ("21 ก.ค. 62", "buddhist", "2019-07-21"),  # a two-digit Buddhist year
    ("21/7/2562 17:41", "buddhist", "2019-07-21T17:41:00"),
    ("108年7月21日 下午5:41", "roc", "2019-07-21T17:41:00"),
    ("民國108年7月21日", "roc", "2019-07-21"),
    ("۹۸/۰۴/۳۰ - ۱۷:۴۱", "persian", "2019-07-21T17:41:00"),  # a two-digit Solar Hijri year
    ("۱۴۴۰/۱۱/۱۸", "islamic", "2019-07-21"),  # a Hijri year, whatever its digits
])
def test_years_of_other_calendars_in_every_form(text, calendar, iso):
    stamp = parse(text).timestamp
    assert (stamp.calendar, stamp.iso()) == (calendar, iso)


@pytest.mark.parametrize("text,iso", [
    ("Mon, 3/1/2021", "2021-03-01"),  # 1 March 2021 was a Monday, 3 January a Sunday
    ("Thursday, 4/1/2021 5:41 PM ET", "2021-04-01T17:41:00-04:00"),  # and ET on that date
    ("pon., 15 lip 2019", "2019-07-15"),  # lip: July (Polish) or June (Croatian); the 15th of July was a Monday
])
def test_a_weekday_settles_which_reading_is_meant(text, iso):
    stamp = parse(text).timestamp
    assert stamp.iso() == iso and not stamp.alternatives and not stamp.faults()


@pytest.mark.parametrize("text", ["1 of 12", "3-2", "Mon-Fri 9-5", "Sun 24", "Sat 12", "No. 1", "05 03 2021",
                                  "210305", "July 21-22, 2019", "Page 2 of 3"])
def test_noise_is_no_date(text):
    assert parse(text).outcome == "unparseable"


@pytest.mark.parametrize("text,iso", [
    ("Sat 20.07.2019", "2019-07-20"),  # Sat: September in Hausa, but a numeric date has its month
    ("mar. 16.07.2019", "2019-07-16"),
    ("21-JUL-2019 17:41", "2019-07-21T17:41:00"),  # -2019 is the year, not an offset
    ("07.21.2019", "2019-07-21"),  # dots, but 21 can only be the day
    ("2019年7月21日 午後0時5分", "2019-07-21T12:05:00"),  # 午後0時: Japanese 12 noon
    ("Mar 20, 2019 5:41 PM CT", "2019-03-20T17:41:00-05:00"),  # US Central, summer time from 10 March
    ("21 July 2012 17:41 MSK", "2012-07-21T17:41:00+04:00"),  # Moscow time was UTC+4 in 2011-2014
])
def test_misreads_found_in_review(text, iso):
    result = parse(text)
    assert result.outcome == "ok" and result.timestamp.iso() == iso and not result.timestamp.faults()


@pytest.mark.parametrize("text,iso", [
    ("5 janvier 2021, 21 h 07 min 00 s UTC", "2021-01-05T21:07:00+00:00"),  # Canadian French
    ("سه\u200cشنبه 5 ژانویه 2021", "2021-01-05"),  # a zero-width non-joiner inside the weekday
    ("21. 1. 5. 오후 9:07", "2021-01-05T21:07:00"),  # Korean yy. M. d.: one-digit parts are no year
    ("Jul 21, 2010 5:41 PM VET", "2010-07-21T17:41:00-04:30"),  # Venezuela's -04:30 of 2007-2016
])
def test_forms_found_in_a_sweep_of_cldr_locales(text, iso):
    result = parse(text)
    assert result.outcome == "ok" and result.timestamp.iso() == iso and not result.timestamp.faults()
    assert not result.timestamp.alternatives
