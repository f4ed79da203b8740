from typing import Iterator

from validator.record import Record
from validator.rule import Problem, RecordRule
from validator.text.timestamps import timestamp_values

_NAMES = {"persian": "Solar Hijri (Persian)", "islamic": "Hijri (Islamic)", "buddhist": "Thai Buddhist-era",
          "roc": "Minguo (Taiwan)", "persian-or-islamic": "Solar Hijri or Hijri"}


class TimestampNonGregorian(RecordRule):
    """A timestamp written in another calendar than the Gregorian: Solar Hijri (Persian month
    names, years 13xx-14xx), Hijri (Islamic month names, the `هـ` marker), Thai Buddhist-era
    or Minguo (`108年`) years, with its Gregorian reading as the suggestion.

    The value is not wrong, but a pipeline that expects ISO 8601 would read `1398` as a
    Gregorian year. Solar Hijri dates are converted with jdatetime, Hijri dates with
    hijridate (the Umm al-Qura calendar: where a country sights the moon itself, a day either
    way; the other rules allow for it). A numeric date whose year both Hijri calendars use
    (`21/04/1398`, with Latin or Arabic digits) gets both readings and no suggestion; Persian
    digits mean Solar Hijri.

    **Fails**

    ```jsonl
    {"id": "a1", "title": "T", "body": "B.", "published": "۳۰ تیر ۱۳۹۸"}
    ```

    **Passes**

    ```jsonl
    {"id": "a1", "title": "T", "body": "B.", "published": "2019-07-21"}
    ```
    """

    id = "timestamp-non-gregorian"
    fix = "safe"
    category = "timestamp"
    severity = "warning"
    exact = True

    def check(self, record: Record) -> Iterator[Problem]:
        for field, verdict in timestamp_values(record, "ok"):
            stamp = verdict.timestamp
            if stamp.calendar == "gregorian" or stamp.faults():
                continue
            year, month, day = stamp.written
            written = f"{year}-{month:02d}" + (f"-{day:02d}" if day else "")
            calendar = _NAMES.get(stamp.calendar, stamp.calendar)
            if stamp.alternatives:
                readings = " or ".join(stamp.dates())
                yield Problem(f"a {calendar} date ({written}): {readings} in the Gregorian calendar",
                              field=field, span=stamp.span)
            else:
                yield Problem(f"a {calendar} date ({written}); Gregorian {stamp.iso()}", field=field,
                              span=stamp.span, suggestion=stamp.iso())
