"""Names of people in text, and which mentions are one person written several ways.

Extraction is rule-based (nothing downloaded at run time): runs of capitalised tokens joined
by particles (al-, bin, de, van), with leading titles dropped ("Major General"), runs that
hold place, body or sentence words dropped, and a possessive 's removed. Matching keys a
surname by its transliteration-aware consonant skeleton (gh/q/k/c/g, kh/h, dh/d, ...), checks
the vowels with a fuzzy score (rapidfuzz), and sub-groups by given names, so that Ghassem and
Qassem Soleimani meet while Hassan and Hussein, or Bashar and Hafez al-Assad, do not.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Iterator

from rapidfuzz.fuzz import ratio

from ..datafiles import table
from ..record import Record
from .marks import without_marks
from .vocabulary import english


def _words() -> dict[str, set[str]]:
    kinds: dict[str, set[str]] = {}
    for kind, word in table(__package__, "name_words.tsv"):
        kinds.setdefault(kind, set()).add(word)
    return kinds


_WORDS = _words()
TITLES = _WORDS["title"]
NATIONALITIES = _WORDS["nationality"]
PARTICLES = {p.lower().rstrip("-") for p in _WORDS["particle"]}
NOT_NAMES = _WORDS["other"]
_ABBREVIATED = sorted((t[:-1] for t in TITLES | NATIONALITIES if t.endswith(".")), key=len, reverse=True)
_ABBREVIATIONS = "|".join(re.escape(a) for a in _ABBREVIATED)
# A token: a capitalised word (maybe with an Arabic article, al-Maliki), a title abbreviation
# with its dot, or an initial. Tokens join over spaces on one line, and over particles.
_UPPER = "A-Z" + "".join(chr(c) for c in range(0xC0, 0x250) if chr(c).isupper())  # Latin capitals: Ç, Ö, Ş, É
_ARTICLES = ("al", "el", "ad", "as", "ash", "an", "ar", "at", "az", "ul")
# Possessive quantifiers (*+, ++): what follows a word or a space never fits inside it, so
# the regex engine need not backtrack into it when a run ends.
_TOKEN = rf"(?:{_ABBREVIATIONS})\.|[{_UPPER}]\.|(?:(?:{'|'.join(_ARTICLES)})-)?[{_UPPER}][\w'’\-]*+"
_PARTICLE = r"(?:al|el|bin|ibn|bint|ben|abu|Abu|de|del|della|der|di|da|dos|du|la|le|van|von|zu|ul)"
_JOINED = rf"(?:(?:[ \t]++{_PARTICLE})*[ \t]++(?:{_TOKEN}))"
NAME_RUN = re.compile(rf"(?<![\w'’.-])(?:{_TOKEN}){_JOINED}*")
# The runs of two tokens or more that start with a capital, as NAME_RUN's finditer finds them:
# the same pattern, its first token's capital taken first, so that it opens with a character
# class and the regex engine skips in C from capital to capital (NAME_RUN, which opens with a
# look-behind, is tried at every character). Runs that start with an article (al-Maliki) are
# found apart.
# The abbreviations after their capital, tried only where a dot follows within their length
# (a look-ahead that fails at once after most capitalised words, sparing the alternatives).
_AFTER_CAPITAL = (rf"(?=[\w.]{{0,{max(len(a) for a in _ABBREVIATED) - 1}}}\.)(?:"
                  + "|".join(rf"(?<={re.escape(a[0])}){re.escape(a[1:])}\." for a in _ABBREVIATED) + ")")
_CAPITAL_RUN = re.compile(rf"[{_UPPER}](?<![\w'’.-].)(?:{_AFTER_CAPITAL}|\.|[\w'’\-]*+){_JOINED}+")
_HYPHEN_CAPITAL = re.compile(rf"-[{_UPPER}]")
_LONG_ARTICLES = {a for a in _ARTICLES if len(a) == 3}
_ROMAN = re.compile(r"[IVXL]{2,}")
_POSSESSIVE = re.compile(r"['’]s?$")
MIN_VOWEL_SCORE = 70  # rapidfuzz ratio of the vowel-keeping forms: Ghassem/Qassem 100, Hassan/Hussein 55


@dataclass(frozen=True, slots=True)
class NameMention:
    text: str  # as written, without titles and possessive
    span: tuple[int, int]
    given: tuple[str, ...]  # given-name parts as written
    surname: str  # as written, with its particles ("al-Maliki", "bin Salman")
    titled: bool  # a title preceded it


def extract(text: str) -> list[NameMention]:
    """Name mentions: NAME_RUN's matches (as its finditer finds them) of two tokens or more
    (one word alone is never a name here; after a title, the title is in the run) that hold a name."""
    runs = [(run.start(), run.group()) for run in _CAPITAL_RUN.finditer(text)]
    article_runs = [(run.start(), run.group()) for run in _article_runs(text)]
    if article_runs:  # keep the first of overlapping runs, as one scan would
        merged, done = [], 0
        for start, written in sorted(runs + article_runs):
            if start >= done:
                merged.append((start, written))
                done = start + len(written)
        runs = merged
    found = []
    for start, written in runs:
        parsed = _parse(written)
        if parsed:
            found.append(NameMention(parsed.text, (start + parsed.span[0], start + parsed.span[1]), parsed.given,
                                     parsed.surname, parsed.titled))
    return found


def _article_runs(text: str) -> Iterator[re.Match]:
    """Runs of two tokens or more that start with an article: at a hyphen before a capital
    (a pattern with a literal first character, which the regex engine finds in C)."""
    for hyphen in _HYPHEN_CAPITAL.finditer(text):
        at = hyphen.start()
        start = at - 3 if text[at - 3:at] in _LONG_ARTICLES else at - 2
        if start >= 0 and text[start:at] in _ARTICLES:
            run = NAME_RUN.match(text, start)
            if run and (" " in run.group() or "\t" in run.group()):
                yield run


@lru_cache(maxsize=65536)
def _parse(written: str) -> NameMention | None:
    """The name in a run of tokens, its span counted from the run's start; runs recur, so cached."""
    tokens, at = [], 0
    for word in written.split():
        at = written.find(word, at)
        tokens.append((word, at))
        at += len(word)
    return _mention(tokens) if tokens else None


def _mention(tokens: list[tuple[str, int]]) -> NameMention | None:
    # Whatever precedes the last title is not this name ("Listen Live Gen. Ghassem Soleimani").
    titled = False
    for index in range(len(tokens) - 1, -1, -1):
        if tokens[index][0] in TITLES:
            tokens, titled = tokens[index + 1:], True
            break
    while tokens and tokens[0][0] in NATIONALITIES:
        tokens = tokens[1:]
    if not tokens:
        return None
    word, at = tokens[-1]
    if not (len(word) == 2 and word.endswith(".")):
        tokens[-1] = (_POSSESSIVE.sub("", word), at)
    words = [w for w, _ in tokens]
    if any(len(w.rstrip(".")) > 1 and w.isupper() or _ROMAN.fullmatch(w) for w in words):
        return None  # headings in capitals, acronyms (`Give NR`) and regnal numbers are not spelled, they are shouted
    if any(_GLUED_WORD.search(w) for w in words):
        return None  # `SoleimaniListen`: a word of the page glued to a name is no part of it
    core = [w for w in words if w.lower().rstrip("-") not in PARTICLES]
    if not core or core[0] in NOT_NAMES or any(w in NOT_NAMES for w in core[:-1]) or core[-1] in _ORGANISATION_WORDS:
        return None
    if len(core) == 1 and (core[0] in NOT_NAMES or not titled):
        return None  # a lone capitalised word is a name only after a title
    if core[-1] in _calendar_words():
        return None  # `Effective January`: no surname is a month or a weekday
    start, end = tokens[0][1], tokens[-1][1] + len(tokens[-1][0])
    surname_at = _surname_index(words)
    given = tuple(w for w in words[:surname_at] if w.lower().rstrip("-") not in PARTICLES)
    return NameMention(" ".join(words), (start, end), given, " ".join(words[surname_at:]), titled)


_GLUED_WORD = re.compile(r"[a-zà-ÿ]{4,}[A-Z]")  # McDonald, DeVos and LeBron glue after two or three letters
# Months and weekdays that are no one's surname (May, June, April, August, March and July are).
_SURNAME_MONTHS = {"March", "April", "May", "June", "July", "August"}  # Theresa May, Mary Jane August


@cache
def _calendar_words() -> frozenset[str]:
    """English month and weekday names (the date vocabulary's) that are nobody's surname."""
    return frozenset(name for kind in ("month", "weekday") for name in english(kind)
                     if not name.endswith(".")) - _SURNAME_MONTHS

_ORGANISATION_WORDS = {"Force", "Forces", "Guard", "Guards", "Army", "Ministry", "Council", "Committee", "Party",
                       "Union", "Agency", "News", "Press", "Times", "Post", "University", "Institute", "Group",
                       "Company", "Bank", "Fund", "Organization", "Organisation", "Front", "Movement", "Brigade",
                       "Brigades", "Corps", "Republic", "State", "States", "Nations", "Kingdom", "Commission",
                       "Court", "House", "Street", "Square", "Centre", "Center", "Province", "City", "Sea",
                       # publications, whose names read like people's: Condé Nast Traveler, Última Hora
                       "Traveler", "Traveller", "Magazine", "Journal", "Herald", "Tribune", "Gazette", "Daily", "Weekly",
                       "Review", "Network", "Channel", "Radio", "Television", "Media", "Chronicle", "Courier",
                       "Observer", "Telegraph", "Hora", "Diario", "Zeitung", "Nachrichten"}


def _surname_index(tokens: list[str]) -> int:
    """The surname is the last token that is not a particle, with the particles just before it."""
    index = len(tokens) - 1
    while index > 0 and tokens[index - 1].lower().rstrip("-") in PARTICLES:
        index -= 1
    return index


def mentions(record: Record) -> list[NameMention]:
    """Name mentions of the body, cached per record."""
    return extract(record.text("body"))


# Keys.

@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower case without diacritics, apostrophes or particles: "al-Ma’liki" -> "maliki"."""
    plain = without_marks(text).lower().replace("’", "").replace("'", "")
    parts = [p for p in re.split(r"[\s\-]+", plain) if p and p not in PARTICLES]
    return " ".join(parts)


_TRANSLITERATION = [("sch", "sh"), ("ck", "k"), ("gh", "k"), ("kh", "h"), ("dh", "d"), ("th", "t"), ("ph", "f"),
                    ("zh", "j"), ("q", "k"), ("c", "k"), ("g", "k"), ("x", "ks"), ("ou", "u"), ("ow", "u"),
                    ("w", "v")]


@lru_cache(maxsize=65536)
def skeleton(word: str) -> str:
    """A transliteration-aware consonant key of one folded word: Ghassem, Qassem -> ksm."""
    key = word
    for old, new in _TRANSLITERATION:
        key = key.replace(old, new)
    key = re.sub(r"(?:off|eff|ev|ov)$", "ov", key)
    key = re.sub(r"(?:eh|ah)$", "a", key)  # Haniyeh, Haniya
    key = re.sub(r"[yi]+$", "i", key)
    key = re.sub(r"(.)\1+", r"\1", key)
    key = re.sub(r"^y?[aeiou]", "V", key)  # an initial vowel is any vowel: Yevgeny, Evgeny; Yahya, Yehya
    if len(key) <= 2:
        return key
    return key[0] + re.sub(r"[aeiouy]", "", key[1:-1]) + key[-1]


@lru_cache(maxsize=65536)
def same_word(a: str, b: str) -> bool:
    """Two folded words that can be one name transliterated twice."""
    if a == b:
        return True
    if len(a) == 1 or len(b) == 1:  # an initial matches only itself
        return a[0] == b[0] and (len(a) == 1) == (len(b) == 1)
    return skeleton(a) == skeleton(b) and ratio(_vowel_form(a), _vowel_form(b)) >= MIN_VOWEL_SCORE


@lru_cache(maxsize=65536)
def _vowel_form(word: str) -> str:
    key = word
    for old, new in _TRANSLITERATION:
        key = key.replace(old, new)
    key = re.sub(r"(?:eh|ah)$", "a", key)
    key = re.sub(r"[yi]+$", "i", key)
    return re.sub(r"(.)\1+", r"\1", re.sub(r"^y(?=[aeiou])", "", key))


@dataclass(frozen=True, slots=True)
class Person:
    """Mentions that name one person, and how many ways they write the name."""

    mentions: tuple[NameMention, ...]


def spelling(mention: NameMention) -> str:
    """The name as written, given names and surname, without titles."""
    return " ".join(mention.given + (mention.surname,))


def compatible(a: NameMention, b: NameMention) -> bool:
    """One person? Surnames transliterate alike, and one given-name sequence ends the other
    ("Javad Zarif" within "Mohammad Javad Zarif") word for word alike."""
    sa, sb = fold(a.surname).split(), fold(b.surname).split()
    if not sa or not sb or len(sa) != len(sb) or not all(same_word(x, y) for x, y in zip(sa, sb)):
        return False
    ga, gb = [fold(g) for g in a.given], [fold(g) for g in b.given]
    shorter, longer = sorted((ga, gb), key=len)
    if not shorter:
        return True
    return len(shorter) == len(longer) and all(same_word(x, y) for x, y in zip(shorter, longer)) or (
        all(same_word(x, y) for x, y in zip(shorter, longer[len(longer) - len(shorter):]))
        and all(len(x) > 1 for x in shorter))


def written_differently(a: NameMention, b: NameMention, marks: bool = True) -> bool:
    """Do two compatible mentions spell a shared part differently? A fuller form is not a
    variant, and neither is an apostrophe, straight, typographic or left out (a page's
    typesetting, not its spelling: D’Angelo, D'Angelo; Buyer's, Buyers); with `marks=False`,
    neither are diacritics (Condé, Conde)."""
    typed = _as_typed if marks else _as_plain
    if typed(a.surname) != typed(b.surname):
        return True
    common = min(len(a.given), len(b.given))
    return common > 0 and [typed(g) for g in a.given[-common:]] != [typed(g) for g in b.given[-common:]]


def shared_parts(mention: NameMention, other: NameMention) -> str:
    """The parts two mentions both write (the given names they share from the end, and the
    surname): what a difference in spelling is judged on."""
    common = min(len(mention.given), len(other.given))
    return " ".join(mention.given[len(mention.given) - common:] + (mention.surname,))


_APOSTROPHES = dict.fromkeys(map(ord, "'’‘ʼ`´′"))


def _as_typed(word: str) -> str:
    return word.translate(_APOSTROPHES).casefold()


def _as_plain(word: str) -> str:
    return fold(word.translate(_APOSTROPHES))


def people(record: Record) -> list[Person]:
    """The body's mentions with given names, grouped by person (first mention first). Distinct
    spellings are compared, within one surname skeleton, so a name repeated ten thousand times
    costs no more than one."""
    by_spelling: dict[str, list[NameMention]] = {}
    for mention in record.analysis(mentions):
        if mention.given:
            by_spelling.setdefault(mention.text, []).append(mention)
    clusters: dict[str, list[list[str]]] = {}
    for text, found in by_spelling.items():
        bucket = clusters.setdefault(surname_key(found[0].surname), [])
        for cluster in bucket:
            if all(compatible(found[0], by_spelling[other][0]) for other in cluster):
                cluster.append(text)
                break
        else:
            bucket.append([text])
    persons = [Person(tuple(by_spelling[cluster[0]]) if len(cluster) == 1 else  # a spelling's mentions are in order
                      tuple(sorted((m for text in cluster for m in by_spelling[text]), key=lambda m: m.span)))
               for bucket in clusters.values() for cluster in bucket]
    return sorted(persons, key=lambda person: person.mentions[0].span)


@lru_cache(maxsize=65536)
def surname_key(surname: str) -> str:
    """The skeleton of each word of a surname: mentions are compared only within one key."""
    return " ".join(skeleton(word) for word in fold(surname).split())


def parse_person(text: str) -> NameMention | None:
    """A name written on its own (an author): its given names and surname, or None."""
    return _parse(text)


def group_spellings(spellings: list[str], marks: bool = True) -> list[list[str]]:
    """Spellings that name one person, in groups of two or more (first seen first). Compared
    only within a bucket of one surname skeleton, so the cost grows with the list, not its square."""
    buckets: dict[str, list[tuple[str, NameMention]]] = {}
    for text in spellings:
        person = parse_person(text)
        if person and person.given:
            buckets.setdefault(surname_key(person.surname), []).append((text, person))
    groups = []
    for members in buckets.values():
        clusters: list[list[tuple[str, NameMention]]] = []
        for text, person in members:
            for cluster in clusters:
                if all(compatible(person, other) for _, other in cluster):
                    cluster.append((text, person))
                    break
            else:
                clusters.append([(text, person)])
        for cluster in clusters:
            written = [text for text, person in cluster]
            if any(written_differently(a, b, marks) for i, (_, a) in enumerate(cluster) for _, b in cluster[i + 1:]):
                groups.append(written)
    return groups


_AUTHOR_SEPARATORS = re.compile(r"\s*(?:,|;|\||&|\band\b)\s*")


def author_names(value) -> list[str]:
    """The author names a field holds: a list, or text joined by commas, "and", "&"."""
    items = value if isinstance(value, list) else [value] if isinstance(value, str) else []
    return [name for item in items if isinstance(item, str) for name in _AUTHOR_SEPARATORS.split(item) if name.strip()]
