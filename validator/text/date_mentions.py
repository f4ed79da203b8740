"""A fast regex temporal tagger for English news text: explicit dates (`May 25, 2015`,
`25 May 2015`, `Monday, May 25`, `2015-05-25`), years, and relative expressions (`on Monday`,
`last week`, `earlier this month`, `yesterday`) with the published date to resolve them against."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache

from ..record import Record
from .body import body_vocabulary
from .vocabulary import alternation, english
from .datelines import nearest_date, published_date
from .lexicon import find_all, first_char_regex, trie_regex

@dataclass(frozen=True, slots=True)
class DateMention:
    kind: str  # date (a day), year, relative
    span: tuple[int, int]
    text: str
    date: dt.date | None = None  # for dates: the day, its year inferred when not written
    year: int | None = None  # for years; for dates, as written (None when inferred)
    weekday: int | None = None  # 1 Monday .. 7 Sunday, as written
    written_weekday_ok: bool = True  # the written weekday fits the date


# Where a mention can start: a month or weekday name, a capitalised relative phrase or an
# ASCII digit (one pattern of literal alternatives: the regex engine skips in C to the
# characters that can open one), or a lower-case relative word (str.find). The full pattern
# is then tried at those few dozen places only. Days written in other scripts' digits ("٢٥
# May") are not looked for; years and ISO dates are ASCII in the pattern itself.
_PERIODS = ("week", "month", "year", "weekend", "night", "morning")
_LOWER_WORDS = ("yesterday", "today", "tonight", "tomorrow", "earlier", "later", "last", "this", "next")
_ON = re.compile(r"(?<![\w.])on\s+\Z")


@dataclass(frozen=True, slots=True)
class _Tagger:
    months: dict[str, int]  # English month names as written in running text -> number
    weekdays: tuple[str, ...]  # Monday .. Sunday
    relative: tuple[str, ...]  # relative phrases, lower case
    mention: re.Pattern
    capital_anchor: re.Pattern
    lower_anchor: re.Pattern


@cache
def _tagger() -> _Tagger:
    """The patterns, built from the date vocabulary (validator.text.vocabulary) on first use."""
    months = english("month")
    weekdays = tuple(sorted((name for name in english("weekday") if not name.endswith(".")),
                            key=english("weekday").get))
    m, w = alternation(months), "|".join(weekdays)
    # Month names are matched capitalised and next to a day or year, so that "may" the verb and
    # "March" the verb stay out.
    mention = re.compile(
        rf"(?:(?P<weekday>{w}),?\s+)?"
        rf"(?:(?P<month>{m})\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?!\d)(?:,?\s+(?P<year>(?:19|20)\d{{2}})(?!\d))?"
        rf"|(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<month2>{m})(?:,?\s+(?P<year2>(?:19|20)\d{{2}})(?!\d))?)"
        rf"|(?<![\d-])(?P<iso_y>(?:19|20)\d{{2}})-(?P<iso_m>\d{{2}})-(?P<iso_d>\d{{2}})(?![\d-])"
        rf"|\b(?P<relative>(?i:yesterday|today|tonight|tomorrow|(?:earlier|later) this (?:week|month|year)"
        rf"|(?:last|this|next) (?:week|month|year|weekend|night|morning))|on (?:{w})(?!,?\s+(?:(?:{m})\s+\d|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{m}))))\b"
        rf"|(?<![\d,.$£€-])\b(?P<lone_year>(?:19|20)\d{{2}})\b(?!%|[-,.]?\d)"
    )
    relative = ["yesterday", "today", "tonight", "tomorrow",
                *(f"{when} this {p}" for when in ("earlier", "later") for p in ("week", "month", "year")),
                *(f"{when} {p}" for when in ("last", "this", "next") for p in _PERIODS),
                *(f"on {day}" for day in weekdays)]
    capital_anchor = re.compile(first_char_regex(
        [*months, *weekdays, *(p[0].upper() + p[1:] for p in relative)], r"(?!\w)")
        + "".join(f"|{digit}\\d*" for digit in "0123456789"))
    lower_anchor = re.compile(trie_regex(p for p in relative if not p.startswith("on ")) + r"(?!\w)")
    return _Tagger(months, weekdays, tuple(relative), mention, capital_anchor, lower_anchor)


def date_mentions(record: Record) -> list[DateMention]:
    body = record.text("body")
    reference = record.analysis(published_date)
    found, done, tagger = [], 0, _tagger()
    for start in _anchors(body, record.analysis(body_vocabulary), tagger):
        if start < done:
            continue
        match = tagger.mention.match(body, start)
        if not match and body[start:start + 3] in ("on ", "On "):  # "on Monday, May 25": the date itself
            match = tagger.mention.match(body, start + 3)
        if match:
            done = match.end()
            mention = _mention(match, reference, tagger)
            if mention:
                found.append(mention)
    return found


def _anchors(body: str, words: frozenset[str], tagger: _Tagger) -> list[int]:
    """Where a mention can start, in order: the places `(?<![\\w.])` a month, weekday or relative
    phrase `(?!\\w)`, or a digit not after a digit."""
    anchors = []
    anchor = tagger.capital_anchor.search(body)
    while anchor:
        at = anchor.start()
        if not _starts_word(body, at) and (not body[at].isdigit() or body[at - 1].isdigit()):
            anchor = tagger.capital_anchor.search(body, at + 1)  # not at a word's start: look on from the next character
            continue
        if body[at].isalpha() and anchor.group() in tagger.weekdays:
            on = _ON.search(body, max(0, at - 12), at)
            if on:
                at = on.start()  # "on Monday" is the relative phrase
        anchors.append(at)
        anchor = tagger.capital_anchor.search(body, anchor.end())
    for word in _LOWER_WORDS:
        if word not in words:
            continue
        for at in find_all(body, word):
            if _starts_word(body, at) and tagger.lower_anchor.match(body, at):
                anchors.append(at)
    anchors.sort()
    return anchors


def _starts_word(body: str, at: int) -> bool:
    """`(?<![\\w.])` at this place: not after a word character or a dot."""
    return not at or not (body[at - 1].isalnum() or body[at - 1] in "_.")


def _mention(match: re.Match, reference: dt.date | None, tagger: _Tagger) -> DateMention | None:
    g = match.groupdict()
    span, text = match.span(), match.group()
    if g["relative"]:
        return DateMention("relative", span, text)
    if g["lone_year"]:
        return DateMention("year", span, text, year=int(g["lone_year"]))
    if g["iso_y"]:
        try:
            date = dt.date(int(g["iso_y"]), int(g["iso_m"]), int(g["iso_d"]))
        except ValueError:
            return None
        return DateMention("date", span, text, date, date.year)
    month = tagger.months[g["month"] or g["month2"]]
    day = int(g["day"] or g["day2"])
    written_year = g["year"] or g["year2"]
    weekday = tagger.weekdays.index(g["weekday"]) + 1 if g["weekday"] else None
    if written_year:
        try:
            date = dt.date(int(written_year), month, day)
        except ValueError:
            return None
    elif reference:
        date = nearest_date(month, day, reference)
    else:
        date = None
    if date is None:
        return None
    return DateMention("date", span, text, date, int(written_year) if written_year else None, weekday,
                       weekday is None or date.isoweekday() == weekday)
