"""Read the parts of a timestamp written in any language: the words come from the date
vocabulary (`vocabulary.vocabulary`), the numbers are placed by what surrounds them.

The text is cut into tokens (digit runs, words, punctuation); words run together in scripts
written without spaces (`2019年7月21日`, `วันอาทิตย์ที่`) and a prefix glued to a month
(`ביולי`) are cut at the longest names the vocabulary knows. Tokens become parts: a numeric
date, a time, a zone, a month, weekday or era name, a day or a year, a number marked by a
CJK marker. Parts are grouped into timestamps (a new one starts where a part would repeat)
and each group is settled into year, month, day, time and zone. A word the vocabulary does
not know, or a number that is no part of a date, stops the reading: nothing is skipped.
"""
from __future__ import annotations

import datetime as dt
import re
import sys
import unicodedata
from calendar import monthrange
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from .vocabulary import Reading, key, vocabulary


def _mark_ranges() -> str:
    ranges, start, previous = [], None, None
    for code in range(0x300, 0x10000):
        if unicodedata.category(chr(code)).startswith("M"):
            if start is None:
                start = code
            previous = code
        elif start is not None:
            ranges.append(f"\\u{start:04x}-\\u{previous:04x}" if previous > start else f"\\u{start:04x}")
            start = None
    return "".join(ranges)


_ASCII_TOKEN = re.compile(r"(\d+)|([A-Za-z]+)|()(\s+)|(.)", re.S)
# Letters, combining marks, and the abbreviation signs written inside names (Hebrew geresh,
# Devanagari ॰); bidi marks are skipped without making a space.


@cache
def _token_pattern() -> re.Pattern:
    return re.compile(rf"(\d+)|((?:[^\W\d_]|[{_mark_ranges()}\u05f3\u05f4\u0970\u200c\u200d])+)"
                      r"|([\u200e\u200f\u061c\u200b\u2066-\u2069]+)|(\s+)|(.)", re.S)
# Punctuation that separates parts without meaning anything.
_SEPARATORS = set(",;|()[]–—-/·•«»\"'’@،:၊။")
_UNSPACED = 0x0E00  # from Thai on, scripts written without spaces between words (CJK, Thai, Lao, Tibetan…)
_GMT_NAMES = ("GMT", "UTC", "UT")
_TIME_MARKERS = ("hour", "minute", "second")


@dataclass(slots=True)
class _Token:
    kind: str  # num, word, punct
    text: str
    start: int
    end: int
    spaced: bool  # whitespace before it
    readings: tuple[Reading, ...] = ()

    def has(self, kind: str) -> bool:
        for reading in self.readings:
            if reading.kind == kind:
                return True
        return False

    def values(self, kind: str) -> list[Reading]:
        return [r for r in self.readings if r.kind == kind]


@dataclass(slots=True)
class _Part:
    kind: str  # numeric, month, day, year, time, zone, weekday, marked
    start: int
    end: int
    values: dict[str, Any] = field(default_factory=dict)
    token: _Token | None = None
    # Where the values' numbers are written, (field, start, end), and how they make the values
    # (None: each field is its number), so that a value of the same layout can be read again
    # from its own numbers (`scan`'s layout cache).
    digits: tuple[tuple[str, int, int], ...] = ()
    rebuild: str | None = None


@dataclass(frozen=True, slots=True)
class _Unread:
    detail: str
    position: int | None = None  # where reading stopped


def tokens(text: str) -> list[_Token]:
    words = vocabulary()
    found: list[_Token] = []
    spaced = False
    position = 0
    opener = False
    # findall gives the pieces without a match object each; positions are summed lengths.
    for num, word, bidi, space, punct in (_ASCII_TOKEN if text.isascii() else _token_pattern()).findall(text):
        start = position
        if num:
            position += len(num)
            found.append(_Token("num", num, start, position, spaced))
        elif word:
            position += len(word)
            readings = words.readings(word)
            if readings:
                found.append(_Token("word", word, start, position, spaced, readings))
                opener = opener or (word.lower() if word.isascii() else key(word)) in words.openers
            elif not (_splittable(word, words) and _split(word, start, spaced, found)):
                found.append(_Token("word", word, start, position, spaced))
                opener = opener or key(word) in words.openers
        elif space or bidi:
            position += len(space or bidi)
            spaced = spaced or bool(space)
            continue
        else:
            position += len(punct)
            found.append(_Token("punct", punct, start, position, spaced))
        spaced = False
    return _join_names(text, found) if opener else found


def _splittable(word: str, words) -> bool:
    return not word.isascii() and (word[0] in words.prefixes or any(ord(c) >= _UNSPACED for c in word))


def _split(word: str, start: int, spaced: bool, found: list[_Token]) -> bool:
    """Cut a run of letters at the longest names it starts with: only in scripts written
    without spaces, or after a prefix (Hebrew `ב` before a month)."""
    words = vocabulary()
    pieces, position = [], 0
    while position < len(word):
        for length in range(min(len(word) - position, words.longest), 0, -1):
            readings = words.readings(word[position:position + length])
            if readings:
                break
        else:
            return False
        pieces.append((position, position + length, readings))
        position += length
    unspaced = any(ord(c) >= _UNSPACED for c in word)
    if not unspaced and not (len(pieces) == 2 and any(r.kind == "prefix" for r in pieces[0][2])):
        return False
    for index, (low, high, readings) in enumerate(pieces):
        found.append(_Token("word", word[low:high], start + low, start + high, spaced and index == 0, readings))
    return True


def _join_names(text: str, found: list[_Token]) -> list[_Token]:
    """Names of several words (`a. m.`, `ربيع الأول`, `tháng 7`): the longest the vocabulary
    knows wins over its first word alone."""
    words = vocabulary()
    joined: list[_Token] = []
    index = 0
    while index < len(found):
        token = found[index]
        best = None
        if token.kind == "word" and key(token.text) in words.openers:
            for last in range(index + 1, min(index + 5, len(found))):
                if found[last].kind == "punct" and found[last].text not in ".-":
                    break
                readings = words.names.get(key(text[token.start:found[last].end]))
                if readings and found[last].kind != "punct":
                    best = (last, readings)
        if best:
            last, readings = best
            joined.append(_Token("word", text[token.start:found[last].end], token.start, found[last].end,
                                 token.spaced, readings))
            index = last + 1
        else:
            joined.append(token)
            index += 1
    return joined


class _Reader:
    """Turns tokens into parts, left to right."""

    def __init__(self, text: str, toks: list[_Token]):
        self.text = text
        self.toks = toks
        self.parts: list[_Part] = []
        self.index = 0

    def peek(self, offset: int = 0) -> _Token | None:
        try:
            return self.toks[self.index + offset]
        except IndexError:
            return None

    def read(self) -> list[_Part] | _Unread:
        toks = self.toks
        while self.index < len(toks):
            token = toks[self.index]
            if token.kind == "num":
                following = toks[self.index + 1] if self.index + 1 < len(toks) else None
                if following is None:
                    step = self.number()
                elif following.kind == "punct" and not following.spaced and following.text in "-/.:":
                    step = (following.text != ":" and self.numeric_date()) or self.time() or self.number()
                elif following.kind == "word":
                    step = self.marked() or self.time() or self.number()
                else:
                    step = self.number()
            elif token.kind == "word":
                step = (token.has("time") and self.time()) or self.zone() or self.name()
            elif token.text in "+-−":
                step = self.zone()
            else:
                step = None
            if step is None:
                if token.kind == "punct" and (token.text in _SEPARATORS or token.text == "."):
                    self.index += 1
                    continue
                return _Unread(f"cannot read {self.text[token.start:token.start + 20]!r}", token.start)
            if isinstance(step, _Unread):
                return step
        return self.parts

    # Numbers ---------------------------------------------------------------------------

    def _number(self, offset: int, digits: tuple[int, ...]) -> int | None:
        token = self.peek(offset)
        if token is None or token.kind != "num" or len(token.text) not in digits:
            return None
        return int(token.text)

    def numeric_date(self):
        """`2019-07-21`, `21.07.2019`, `07/21/2019`, `2019. 7. 21.`, `21/07/19`."""
        first = self.peek()
        if first is None or first.kind != "num" or len(first.text) not in (1, 2, 4):
            return None
        sep = self.peek(1)
        if sep is None or sep.kind != "punct" or sep.text not in "-/." or sep.spaced:
            return None
        if sep.text == "." and len(first.text) <= 2 and self._has_date():
            return None  # `17.16.40` after a date is a time
        second, sep2, third = self.peek(2), self.peek(3), self.peek(4)
        if second is None or second.kind != "num" or len(second.text) > 2 or (second.spaced and sep.text != "."):
            return None
        if sep2 is None or sep2.text != sep.text or sep2.spaced or third is None or third.kind != "num" \
                or (third.spaced and sep.text != "."):
            return None
        end = third.end
        count = 5
        trailing = self.peek(5)
        if sep.text == "." and trailing is not None and trailing.text == "." and not trailing.spaced:
            end, count = trailing.end, 6
        if not (len(first.text) == 4 and len(third.text) <= 2 or len(first.text) <= 2 and len(third.text) in (2, 4)
                or len(first.text) == 2 and len(third.text) == 1):  # Korean `21. 1. 5.`: yy. M. d.
            return None
        values = _numeric_values(first.text, second.text, third.text, sep.text)
        if values is None:
            return _Unread(f"{self.text[first.start:end]!r} is no date in any order", first.start)
        self.parts.append(_Part("numeric", first.start, end, values, digits=(
            ("a", first.start, first.end), ("b", second.start, second.end), ("c", third.start, third.end)),
            rebuild="numeric"))
        self.index += count
        return True

    def marked(self):
        """A number followed by a CJK marker (`2019年`, `7月`, `21일`, `5時`)."""
        number, marker = self.peek(), self.peek(1)
        if number is None or number.kind != "num" or marker is None or marker.kind != "word":
            return None
        fields = {r.value for r in marker.values("marker")}
        if len(fields) != 1:
            return None
        what = fields.pop()
        if marker.spaced and what != "hour":
            return None
        if what == "hour":
            return self.marked_time()
        if what in ("minute", "second"):
            return None
        self.parts.append(_Part(what if what != "month" else "marked-month", number.start, marker.end,
                                {what: int(number.text)}, digits=((what, number.start, number.end),)))
        self.index += 2
        return True

    def marked_time(self):
        values: dict[str, Any] = {}
        digits = []
        start = self.peek().start
        end = start
        for what in _TIME_MARKERS:
            number, marker = self.peek(), self.peek(1)
            if number is None or number.kind != "num" or marker is None or not any(
                    r.kind == "marker" and r.value == what for r in marker.readings):
                break
            values[what] = int(number.text)
            digits.append((what, number.start, number.end))
            end = marker.end
            self.index += 2
        minutes = self.peek()
        if "minute" not in values and minutes is not None and minutes.kind == "num" and len(minutes.text) == 2 \
                and not minutes.spaced:  # French `17h41`
            values["minute"] = int(minutes.text)
            digits.append(("minute", minutes.start, minutes.end))
            end = minutes.end
            self.index += 1
        time = {"hour": values["hour"], "minute": values.get("minute", 0), "second": values.get("second")}
        self.parts.append(_Part("time", start, end, time, digits=tuple(digits)))
        self._period_before(self.parts[-1])
        return True

    def time(self):
        """`05:41`, `5:41:07.25`, `5h41`, `13.12` after a date, `5 PM`, `上午5:41`, `noon`."""
        hour = self.peek()
        if hour is not None and hour.kind == "word" and hour.has("time"):
            self.parts.append(_Part("time", hour.start, hour.end, {"hour": hour.values("time")[0].number, "minute": 0}))
            self.index += 1
            return True
        if hour is None or hour.kind != "num" or len(hour.text) > 2:
            return None
        sep, minute = self.peek(1), self.peek(2)
        sep_text = None if sep is None else (sep.text if sep.kind == "punct" else key(sep.text))
        values: dict[str, Any] = {"hour": int(hour.text)}
        digits = [("hour", hour.start, hour.end)]
        if minute is not None and minute.kind == "num" and len(minute.text) == 2 \
                and (sep_text in (":", ".") and not minute.spaced and not sep.spaced
                     or sep_text == "h" and sep.spaced == minute.spaced):  # 17h41, 17 h 41
            if sep_text == "." and not (self._has_date() or self._period_after(3) or self._announced()):
                return None
            values["minute"] = int(minute.text)
            digits.append(("minute", minute.start, minute.end))
            count = 3
            colon, second = self.peek(3), self.peek(4)
            if colon is not None and colon.text == (":" if sep_text != "." else ".") and not colon.spaced \
                    and second is not None and second.kind == "num" and len(second.text) == 2 and not second.spaced:
                values["second"] = int(second.text)
                digits.append(("second", second.start, second.end))
                count = 5
                dot, fraction = self.peek(5), self.peek(6)
                if dot is not None and dot.text in ".," and not dot.spaced and fraction is not None \
                        and fraction.kind == "num" and not fraction.spaced:
                    values["microsecond"] = microseconds(fraction.text)
                    digits.append(("microsecond", fraction.start, fraction.end))
                    count = 7
            elif sep_text == "h" and colon is not None and colon.kind == "word" and key(colon.text) == "min" \
                    and second is not None and second.kind == "num" and len(second.text) == 2:
                values["second"] = int(second.text)  # French `21 h 07 min 00 s`
                digits.append(("second", second.start, second.end))
                count = 5
        elif sep_text in ("h", "uhr") and not (minute is not None and minute.kind == "num"):
            count = 2  # French `17h`, German `17 Uhr`
            values["minute"] = 0
        elif sep is not None and sep.kind == "word" and sep.has("period") and not sep.has("connector") and not (
                self.peek(2) is not None and self.peek(2).kind == "num"):
            count = 1
            values["minute"] = 0
        else:
            return None
        end = self.peek(count - 1).end
        self.index += count
        part = _Part("time", hour.start, end, values, digits=tuple(digits))
        self.parts.append(part)
        self._period_before(part)
        period = self.peek()
        if period is not None and period.kind == "word" and period.has("period"):
            part.values["period"] = _period(period)
            part.end = period.end
            self.index += 1
        return True

    def _announced(self) -> bool:
        """A time announced by a word (`klo 17.41`, `kl. 17.41`, `um`, `at`)."""
        before = self.toks[self.index - 1] if self.index else None
        if before is not None and before.kind == "punct" and before.text == "." and self.index >= 2:
            before = self.toks[self.index - 2]
        return before is not None and before.kind == "word" and (before.has("connector") or before.has("label"))

    def _period_after(self, offset: int) -> bool:
        token = self.peek(offset)
        return token is not None and token.kind == "word" and token.has("period")

    def _period_before(self, part: _Part) -> None:
        """A day period written before the time (`오전 5:41`, `上午5时`): it was read as a
        name; it becomes the time's."""
        if len(self.parts) >= 2 and self.parts[-2].kind == "period":
            period = self.parts.pop(-2)
            part.values["period"] = period.values["period"]
            part.start = period.start

    def _has_date(self) -> bool:
        """A date read before (a numeric one, or a month with its day or year beside it)."""
        kinds = [p.kind for p in self.parts]
        return "numeric" in kinds or (("month" in kinds or "marked-month" in kinds)
                                      and ("day" in kinds or "year" in kinds))

    def zone(self):
        """`GMT`, `EDT`, `ET`, `GMT+3`, `UTC +05:30`, `+0300` after a time, `MSK`."""
        token = self.peek()
        if token is None:
            return None
        zones = vocabulary().zones
        if token.kind == "word" and (token.text in zones or token.has("gmt")):
            gmt = token.text in _GMT_NAMES or token.has("gmt")
            if gmt:
                offset = self._signed(1)
                if offset is not None:
                    minutes, count, written, digits = offset
                    end = self.peek(count).end
                    name = token.text if token.text in _GMT_NAMES else "GMT"
                    self.parts.append(_Part("zone", token.start, end, {"offset": minutes, "zone": f"{name}{written}",
                                                                        "prefix": name}, digits=digits,
                                            rebuild="offset"))
                    self.index += count + 1
                    return True
                if token.text not in zones:  # `UTC`, `ইউটিসি`, `التوقيت العالمي` alone
                    self.parts.append(_Part("zone", token.start, token.end, {"offset": 0, "zone": token.text}))
                    self.index += 1
                    return True
            zone = zones[token.text]
            self.parts.append(_Part("zone", token.start, token.end, {"zone_name": zone}))
            self.index += 1
            return True
        if token.kind == "punct" and token.text in "+-−" and (any(p.kind == "time" for p in self._group_tail())
                                                              or self._time_after_offset()):
            offset = self._signed(0)
            if offset is None:
                return _Unread(f"cannot read {self.text[token.start:token.start + 20]!r}", token.start)
            minutes, count, written, digits = offset
            end = self.peek(count - 1).end
            after = self.peek(count)
            if after is not None and after.kind == "word" and after.has("gmt") and after.text not in zones:
                end, count = after.end, count + 1  # `+3 گرینویچ`
            self.parts.append(_Part("zone", token.start, end, {"offset": minutes, "zone": written, "prefix": ""},
                                    digits=digits, rebuild="offset"))
            self.index += count
            return True
        return None

    def _time_after_offset(self) -> bool:
        """`+0530 20:55:31`: an offset written before its time (Chinese, Burmese patterns)."""
        offset = self._signed(0)
        if offset is None or not self.peek().spaced:  # `21-JUL-2019 17:41`: a year, not an offset
            return False
        hour, colon = self.peek(offset[1]), self.peek(offset[1] + 1)
        return hour is not None and hour.kind == "num" and colon is not None and colon.text == ":"

    def _group_tail(self) -> list[_Part]:
        return self.parts[-3:]

    def _signed(self, offset: int) -> tuple[int, int, str, tuple] | None:
        """An offset `+3`, `+03`, `+0300`, `+03:00`, `+5:30` at tokens from `offset`: (minutes,
        tokens used, as written, where its numbers are)."""
        sign, hours = self.peek(offset), self.peek(offset + 1)
        if sign is None or sign.kind != "punct" or sign.text not in "+-−" or hours is None or hours.kind != "num" \
                or hours.spaced:
            return None
        if len(hours.text) not in (1, 2, 4):
            return None
        digits = [("sign:" + sign.text, sign.start, sign.end), ("hours", hours.start, hours.end)]
        count = 2
        colon, minutes = self.peek(offset + 2), self.peek(offset + 3)
        if len(hours.text) <= 2 and colon is not None and colon.text == ":" and not colon.spaced \
                and minutes is not None and minutes.kind == "num" and len(minutes.text) == 2 and not minutes.spaced:
            digits.append(("minutes", minutes.start, minutes.end))
            count = 4
        value, written = written_offset(sign.text, hours.text, minutes.text if count == 4 else None)
        return value, count, written, tuple(digits)

    def number(self):
        """A bare number: a 4-digit year, or a day (or a two-digit year) beside a month."""
        token = self.peek()
        if token is None or token.kind != "num":
            return None
        if len(token.text) == 4:
            self.parts.append(_Part("year", token.start, token.end, {"year": int(token.text)},
                                    digits=(("year", token.start, token.end),)))
        elif len(token.text) <= 2:
            self.parts.append(_Part("day", token.start, token.end, {"day": int(token.text)},
                                    digits=(("day", token.start, token.end),)))
        else:
            return None
        self.index += 1
        after = self.peek()
        if after is not None and not after.spaced and after.kind == "word" and (
                after.has("ordinal") or (after.has("marker") and {r.value for r in after.values("marker")} <= {"day"})):
            self.parts[-1].end = after.end
            self.index += 1
        return True

    def name(self):
        token = self.peek()
        if token is None or token.kind != "word" or not token.readings:
            return None
        kinds = {r.kind for r in token.readings}
        if kinds & {"month", "weekday"} and ord(token.text[0]) < _UNSPACED and self._glued_to_number(token):
            return _Unread(f"{token.text!r} is glued to a number", token.start)
        if "connector" in kinds and self.parts and self.parts[-1].kind == "time" and self.parts[-1].end <= token.start:
            pass  # Bulgarian `21:11 ч.`: after a time, the word of the pattern, not a weekday
        elif kinds & {"month", "month-persian", "month-islamic"} and not self._rather_weekday(token, kinds):
            self.parts.append(_Part("month", token.start, token.end, token=token))
        elif "weekday" in kinds:
            self.parts.append(_Part("weekday", token.start, token.end, token=token))
        elif "period" in kinds and self._period_here(token):
            self.parts.append(_Part("period", token.start, token.end, {"period": _period(token)}))
        elif "calendar" in kinds:
            self.parts.append(_Part("calendar", token.start, token.end, {"calendar": token.values("calendar")[0].value}))
        elif kinds & {"connector", "label", "prefix", "era", "ordinal"}:
            pass  # words between the parts
        else:
            return None
        self.index += 1
        return True

    def _rather_weekday(self, token: _Token, kinds: set[str]) -> bool:
        """`Sat` is Saturday in twenty languages and September in two; `mar` March in forty and
        Tuesday in ten. Before a numeric date, which has its month, a name is its weekday."""
        if "weekday" not in kinds:
            return False
        ahead = 1
        following = self.peek(ahead)
        if following is not None and following.text == "." and not following.spaced:
            ahead = 2
            following = self.peek(ahead)
        if following is not None and following.kind == "num" and self._numeric_follows(ahead):
            return True
        if "month" not in kinds:
            return False  # a Solar Hijri or Hijri month (`Tir`) is named by its calendar's languages only
        speakers = {kind: sum(len(r.languages) for r in token.readings if r.kind == kind) for kind in kinds}
        return speakers["weekday"] > speakers["month"]

    def _numeric_follows(self, ahead: int) -> bool:
        """Is the number `ahead` tokens on followed by `-`, `/` or `.` and another number?"""
        sep, third = self.peek(ahead + 1), self.peek(ahead + 2)
        return sep is not None and sep.kind == "punct" and sep.text in "-/." and not sep.spaced \
            and third is not None and third.kind == "num"

    def _glued_to_number(self, token: _Token) -> bool:
        before = self.toks[self.index - 1] if self.index else None
        after = self.peek(1)
        return (before is not None and before.kind == "num" and not token.spaced) or (
            after is not None and after.kind == "num" and not after.spaced)

    def _period_here(self, token: _Token) -> bool:
        after = self.peek(1)
        return after is not None and after.kind == "num" and not (token.kind == "word" and token.has("connector")
                                                                  and not self._time_follows())

    def _time_follows(self) -> bool:
        return self.peek(2) is not None and self.peek(2).text in (":", ".") or (
            self.peek(2) is not None and self.peek(2).has("marker"))


def _numeric_values(a: str, b: str, c: str, sep: str) -> dict[str, Any] | None:
    """Year, month, day and order of `a-b-c` (lengths 4-2-2, 2-2-4 or 2-2-2)."""
    if len(a) == 4:
        values = {"year": int(a), "month": int(b), "day": int(c), "order": "ymd"}
    elif len(c) == 4:
        values = {"year": int(c), **_numeric_order(int(a), int(b), sep, int(c))}
    else:
        # A two-digit year is written with two digits: `21. 1. 5.` is year first, `5/1/21` last.
        values = _two_digit_year(int(a), int(b), int(c), sep, first=len(a) == 2, last=len(c) == 2)
        if values is None:
            return None
    values["separator"] = sep
    return values


def microseconds(digits: str) -> int:
    """The microseconds of a fraction of a second written with these digits."""
    return int(digits[:6].ljust(6, "0"))


def written_offset(sign: str, hours: str, minutes: str | None) -> tuple[int, str]:
    """Minutes east of UTC, and the offset as written, of `+3`, `+0300`, `+05:30`."""
    if len(hours) == 4:
        value = int(hours[:2]) * 60 + int(hours[2:])
    else:
        value = int(hours) * 60 + int(minutes or 0)
    written = f"{sign}{hours}" + (f":{minutes}" if minutes else "")
    return (-value if sign in "-−" else value), written


def _period(token: _Token) -> str:
    values = {r.value for r in token.values("period")}
    return values.pop() if len(values) == 1 else "?"


def _numeric_order(a: int, b: int, sep: str, year: int) -> dict[str, Any]:
    """Day and month of a numeric date. A part above 12 settles the order; otherwise a dot
    means day first (the European convention), and two parts up to 12 with a slash or dash
    stay ambiguous (read day first, flagged)."""
    if a > 12 or (sep == "." and b <= 12):
        return {"day": a, "month": b, "order": "dmy"}
    if b > 12:
        return {"day": b, "month": a, "order": "mdy"}
    return {"day": a, "month": b, "order": "dmy" if a == b else "ambiguous", "alternatives": ((year, a, b),)}


def century(two_digits: int) -> int:
    """A two-digit year in the century that puts it nearest today (news is recent)."""
    this = dt.date.today().year
    guess = this // 100 * 100 + two_digits
    return guess - 100 if guess > this + 1 else guess


def _two_digit_year(a: int, b: int, c: int, sep: str, first: bool = True, last: bool = True) -> dict[str, Any] | None:
    """Every valid reading of `a/b/c` with a two-digit year: year last (day or month first;
    with dots, day first is the one read when both are valid), or year first (`yy.M.d`,
    Korean and ISO-like)."""
    readings = []
    orders = [("dmy", c, b, a), ("mdy", c, a, b)] if last else []
    orders += [("ymd", a, b, c)] if first else []
    for order, year, month, day in orders:
        year = century(year)
        if 1 <= month <= 12 and 1 <= day <= monthrange(year, month)[1]:
            if (year, month, day) not in [(y, m, d) for _, y, m, d in readings]:
                readings.append((order, year, month, day))
    if not readings:
        return None
    order, year, month, day = readings[0]
    return {"year": year, "month": month, "day": day, "two_digit_year": True,
            "order": order if len(readings) == 1 else "ambiguous",
            "alternatives": tuple((y, m, d) for _, y, m, d in readings[1:])}


# Grouping and settling ---------------------------------------------------------------------

_SLOTS = {"numeric": ("date", "day", "year"), "month": ("date",), "marked-month": ("date",), "day": ("day",),
          "year": ("year",), "time": ("time",), "zone": ("zone",), "weekday": ("weekday",), "period": (),
          "calendar": ("calendar",)}


def _groups(parts: list[_Part]) -> list[list[_Part]]:
    groups: list[list[_Part]] = []
    seen: set[str] = set()
    for part in parts:
        slots = set(_SLOTS[part.kind])
        if part.kind == "day" and "day" in seen and "year" not in seen and "date" in seen:
            slots = {"year"}  # `21 Jul 19`: the second small number is a two-digit year
        if not groups or slots & seen:
            groups.append([])
            seen = set()
        groups[-1].append(part)
        seen |= slots
    return groups


def _weekday_or_month(parts: list[_Part]) -> None:
    """`Sat` is Saturday in English and September in Hausa, `mar` Tuesday in Spanish and March
    in English: a name that can be either is the weekday when another month name is near."""
    months = [i for i, p in enumerate(parts) if p.kind == "month"]
    if len(months) < 2:
        return
    for index in months:
        if parts[index].token.has("weekday") and any(abs(other - index) <= 3 and not parts[other].token.has(
                "weekday") for other in months if other != index):
            parts[index].kind = "weekday"


def settle(parts: list[_Part], languages: _Languages) -> dict[str, Any] | _Unread:
    """Year, month, day, time, zone and weekday of one group of parts."""
    values: dict[str, Any] = {"span": (parts[0].start, parts[-1].end)}
    days: list[int] = []
    months: list[int] = []
    weekdays: list[int] = []
    numeric = False
    for index, part in enumerate(parts):
        kind = part.kind
        if kind == "day":
            days.append(index)
        elif kind == "month":
            months.append(index)
        elif kind == "weekday":
            weekdays.append(index)
        elif kind == "year":
            values.setdefault("year", part.values["year"])
        elif kind == "time":
            values.update(_clock(part.values))
        elif kind == "zone":
            for name in ("offset", "zone", "zone_name"):
                if name in part.values:
                    values[name] = part.values[name]
        elif kind == "marked-month" or kind == "calendar":
            values.update(part.values)
        elif kind == "numeric":
            numeric = True
            values.update(part.values)
            del values["separator"]
            values["numeric"] = True
    if days and months and not any(abs(days[0] - index) == 1 for index in months):
        return _Unread("a number that is not beside its month", parts[days[0]].start)
    other_months: tuple[int, ...] = ()
    for index in months:
        token = parts[index].token
        month = _resolve(token, ("month", "month-persian", "month-islamic"), languages)
        if month is None:  # `lip`: July in Polish, June in Croatian; both readings are kept
            meanings = sorted({(r.kind, r.number) for r in token.readings if r.kind == "month"})
            month = meanings[0]
            values["order"] = "ambiguous"
            other_months = tuple(number for _, number in meanings[1:])
        values["month"] = month[1]
        if month[0] != "month":
            values["calendar"] = "persian" if month[0] == "month-persian" else "islamic"
    for index in weekdays:
        token = parts[index].token
        weekday = _resolve(token, ("weekday",), languages)
        values["weekday"] = weekday[1] if weekday and _same_language(token, [parts[i] for i in months]) else None
    if "month" not in values and "hour" not in values and not (len(parts) == 1 and parts[0].kind == "year"):
        return _Unread("no date or time", parts[0].start)  # a year alone is a (partial) date
    if days and not numeric:
        if "month" not in values:
            return _Unread("a number that is no part of a date", parts[days[0]].start)
        first = parts[days[0]].values["day"]
        values["day"] = first
        if len(days) == 2 and "year" not in values:  # `21 Jul 19`
            second = parts[days[1]].values["day"]
            values["year"] = century(second)
            values["two_digit_year"] = True
            if 1 <= second <= 31 and second != first:
                values["order"] = "ambiguous"
                values["alternatives"] = ((century(first), values["month"], second),)
    if other_months and values.get("year") and values.get("day"):
        values["alternatives"] = tuple((values["year"], month, values["day"]) for month in other_months)
    elif other_months:
        return _Unread("a month name that means different months in different languages", parts[0].start)
    return values


def _same_language(weekday: _Token, names: list[_Part]) -> bool:
    # names: the month parts of the group
    """A weekday is checked against its date only when it is a word of the month's language:
    a two-letter abbreviation of some language (`TU`, `ч`) is no weekday of a French or
    Bulgarian date."""
    months = [p.token for p in names]
    if not months:
        return len(weekday.text) >= 3
    languages = {lang for r in weekday.readings if r.kind == "weekday" for lang in r.languages}
    return any(languages & r.languages for month in months for r in month.readings if r.kind.startswith("month"))


class _Languages:
    """How many of the value's names each language has: counted only when a name needs it."""

    def __init__(self, toks: list[_Token]):
        self._toks = toks
        self._counts: Counter | None = None

    def counts(self) -> Counter:
        if self._counts is None:
            self._counts = Counter()
            for token in self._toks:
                if token.kind == "word" and any(r.kind in _NAME_KINDS for r in token.readings):
                    self._counts.update({lang for r in token.readings for lang in r.languages})
        return self._counts


_NAME_KINDS = ("month", "weekday", "period", "connector", "prefix", "era", "marker")


def _resolve(token: _Token, kinds: tuple[str, ...], languages: _Languages) -> tuple[str, int] | None:
    """The one meaning of a name, using the languages of the value's other names when a
    word means different things in different languages; None when they do not settle it."""
    readings = [r for r in token.readings if r.kind in kinds]
    meanings = {(r.kind, r.number) for r in readings}
    if len(meanings) == 1:
        return meanings.pop()
    own = Counter()
    for reading in readings:
        own.update(reading.languages)
    counts = languages.counts()
    scores: dict[tuple[str, int], int] = {}
    for reading in readings:
        support = max((counts[lang] - own[lang] for lang in reading.languages), default=0)
        meaning = (reading.kind, reading.number)
        scores[meaning] = max(scores.get(meaning, 0), support)
    best = max(scores.values())
    winners = [m for m, score in scores.items() if score == best]
    return winners[0] if best > 0 and len(winners) == 1 else None


def _clock(values: dict[str, Any]) -> dict[str, Any]:
    hour = values["hour"]
    period = values.get("period")
    if period in ("am", "pm"):
        if not 0 <= hour <= 12:
            hour = 99  # "13:00 PM": not a time (0 is how Japanese and Korean write 12: 午後0時5分)
        elif period == "am":
            hour %= 12
        else:
            hour = hour % 12 + 12
    return {"hour": hour, "minute": values.get("minute") or 0, "second": values.get("second"),
            "microsecond": values.get("microsecond", 0)}


LAYOUT_NAMES = {"numeric": "DD/MM/YYYY", "month": "Month", "marked-month": "M月", "day": "D", "year": "YYYY",
                "time": "HH:MM", "zone": "zone", "weekday": "Weekday", "period": "", "calendar": "era"}


def _numeric_layout(values: dict[str, Any]) -> str:
    """`DD/MM/YYYY`, `MM/DD/YYYY`, `NN/NN/YYYY` when either, `YYYY-MM-DD`, with the value's
    own separator."""
    sep, order = values["separator"], values.get("order")
    year = "YY" if values.get("two_digit_year") else "YYYY"
    if order == "ymd":
        return f"{year}{sep}MM{sep}DD"
    first, second = {"dmy": ("DD", "MM"), "mdy": ("MM", "DD")}.get(order, ("NN", "NN"))
    return f"{first}{sep}{second}{sep}{year}"


def _layout(parts: list[_Part]) -> str:
    names = []
    for part in parts:
        name = LAYOUT_NAMES[part.kind]
        if part.kind == "numeric":
            name = _numeric_layout(part.values)
        if name:
            names.append(name)
    return " ".join(names).replace("Month D YYYY", "Month D, YYYY")  # as US sites write it


# Layouts already read, by the value with every digit written 0 (which keeps every position):
# the parts of a value whose layout is known are read again from its own numbers, without
# cutting it into tokens and reading them. Bounded: emptied when full.
LAYOUT_CACHE_SIZE = 4096
_layouts: dict[str, tuple[list[_Token], list[_Part]]] = {}
_ZERO = str.maketrans("123456789", "000000000")


def scan(text: str, cache: bool = True) -> tuple[list[dict[str, Any]], str] | _Unread:
    """The timestamps the text is made of and its layout, or why it is not made of timestamps.
    `cache=False` reads without the layout cache (the tests compare the two)."""
    skeleton = text.translate(_ZERO) if cache else None
    known = _layouts.get(skeleton) if cache else None
    if known is not None:
        parts = _again(known[1], text)
        if parts is not None:
            return _settle_all(known[0], parts)
    toks = tokens(text)
    parts = _Reader(text, toks).read()
    if isinstance(parts, _Unread):
        return parts
    if cache and _cacheable(toks):
        if len(_layouts) >= LAYOUT_CACHE_SIZE:
            _layouts.clear()
        _layouts[skeleton] = (toks, [_Part(p.kind, p.start, p.end, dict(p.values), p.token, p.digits, p.rebuild)
                                     for p in parts])
    return _settle_all(toks, parts)


def _cacheable(toks: list[_Token]) -> bool:
    """A name with a number in it (`tháng 7`) is read by its number: its layout is not kept."""
    return not any(token.kind == "word" and not token.text.isalpha() and any(c.isdigit() for c in token.text)
                   for token in toks)


def _again(templates: list[_Part], text: str) -> list[_Part] | None:
    """The parts of a known layout with the numbers of `text`; None when they make no date
    in this layout (the full reading then says why)."""
    parts = []
    for template in templates:
        values = dict(template.values)
        if template.digits:
            numbers = {name: text[start:end] for name, start, end in template.digits}
            if template.rebuild == "numeric":
                rebuilt = _numeric_values(numbers["a"], numbers["b"], numbers["c"], values["separator"])
                if rebuilt is None:
                    return None
                values = rebuilt
            elif template.rebuild == "offset":
                sign = next(name[5:] for name in numbers if name.startswith("sign:"))
                offset, written = written_offset(sign, numbers["hours"], numbers.get("minutes"))
                values.update(offset=offset, zone=values["prefix"] + written)
            else:
                for name, number in numbers.items():
                    values[name] = microseconds(number) if name == "microsecond" else int(number)
        parts.append(_Part(template.kind, template.start, template.end, values, template.token, template.digits,
                           template.rebuild))
    return parts


def _settle_all(toks: list[_Token], parts: list[_Part]) -> tuple[list[dict[str, Any]], str] | _Unread:
    _weekday_or_month(parts)
    groups = [g for g in _groups(parts) if any(p.kind not in ("weekday", "calendar", "period") for p in g)]
    if not groups:
        return _Unread("no date or time")
    languages = _Languages(toks)
    stamps = []
    for group in groups:
        settled = settle(group, languages)
        if isinstance(settled, _Unread):
            return settled
        stamps.append(settled)
    if len(stamps) > 1 and not all("month" in s and ("day" in s or "year" in s) for s in stamps):
        return _Unread("parts of a timestamp are repeated")
    return stamps, _layout(parts)


if __name__ == "__main__":  # python -m validator.text.scanner "value": the tokens, for debugging
    for value in sys.argv[1:]:
        print(tokens(value))
