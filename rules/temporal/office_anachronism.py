import datetime as dt
import re
from dataclasses import dataclass
from typing import Iterator

from validator.datafiles import read, rows
from validator.record import Record
from validator.rule import Problem, RecordRule
from validator.text.body import body_lowered, body_vocabulary
from validator.text.datelines import published_date
from validator.text.lexicon import find_all, trie_regex, windows
from validator.text.story_time import inside_quote, sentence_around

_QUALIFIED_BEFORE = re.compile(r"(?i)\b(?:former|ex|then|late|future|onetime|one-time|erstwhile|later|first|second|"
                               r"third|\d+(?:st|nd|rd|th))\b[\s-]*"
                               r"(?:[\w.'’]+\s+){0,2}$")
_QUALIFIED_AFTER = re.compile(r"(?i)^(?:-elect|[- ]designate|\s+nominee|\s+candidate|\s+hopeful)\b")
_LONGER_TITLE = re.compile(r"(?i)\b(?:vice|deputy|assistant|under|junior|shadow)[\s-]*$")
# Capitalised words ("Obama" of "Obama’s", "Maliki" of "al-Maliki", "Alema" of "D'Alema"):
# the form in which a surname is looked for in the text.
_CAPITALISED = re.compile(r"[A-Z][\w-]*")
_NAME_EDGE = re.compile(r"(?:['’]s|[.,;:!?)\"”’'])+$")
_NAME_THEN_COMMA = re.compile(r"([^,\n]{1,80}),\s*((?:[\w.'’-]+\s+){0,4})$")


@dataclass(frozen=True, slots=True)
class Tenure:
    office: str
    person: str
    start: dt.date
    end: dt.date | None


class TenureTable:
    """Offices with their titles, and who held them when, indexed by every name variant."""

    def __init__(self, offices: str, tenures: str):
        self.office_names = {row[0]: row[2] for row in rows(offices)}
        self.office_titles = {row[0]: {_fold(t) for t in row[3].split("|")} for row in rows(offices)}
        self.by_name: dict[str, list[Tenure]] = {}
        for office, person, variants, start, end, *_ in rows(tenures):
            if office not in self.office_names:
                raise ValueError(f"office tenures: unknown office {office!r} for {person}")
            tenure = Tenure(office, person, dt.date.fromisoformat(start), dt.date.fromisoformat(end) if end else None)
            for variant in variants.split("|"):
                self.by_name.setdefault(variant, []).append(tenure)
        titles = {t for ts in self.office_titles.values() for t in ts}  # folded to lower case
        self.title_pattern = re.compile(r"(?<![\w-])(?:" + trie_regex(titles) + r")(?![\w-])")
        self.title_pattern_any_case = re.compile(self.title_pattern.pattern, re.I)
        # The capitalised word that each name ends in, as _CAPITALISED reads it: "Carter",
        # "Maliki" of "al-Maliki", "Alema" of "D'Alema".
        surnames = {(_CAPITALISED.findall(variant.split()[-1]) or [variant])[-1] for variant in self.by_name}
        # Each by its last word in lower case, as the body's word set holds it.
        self.surnames_by_word: dict[str, list[str]] = {}
        for surname in surnames:
            self.surnames_by_word.setdefault(re.findall(r"\w+", surname.lower())[-1], []).append(surname)
        # Every tenure by that word of its holder's surname: who else a sentence names.
        self.tenures_by_word: dict[str, list[Tenure]] = {}
        for variant, held in self.by_name.items():
            surname = (_CAPITALISED.findall(variant.split()[-1]) or [variant])[-1]
            self.tenures_by_word.setdefault(re.findall(r"\w+", surname.lower())[-1], []).extend(held)

    def tenures(self, name: str, title: str) -> list[Tenure]:
        folded = _fold(title)
        return [t for t in self.by_name.get(name, ()) if folded in self.office_titles[t.office]]


def _fold(title: str) -> str:
    return " ".join(title.lower().split())


class OfficeAnachronism(RecordRule):
    """An office-holder named with a title they did not hold on the published date:
    "US Defense Secretary Ashton Carter" in a story dated 2019 (he served 2015-2017).

    Matches `<title> <name>` and `<name>, <title>` against a curated table of office tenures
    (heads of state and government, foreign and defence ministers of the G20 and of Iran,
    Iraq, Syria, Israel, Saudi Arabia, Turkey, Ukraine and Russia, the UN and NATO
    Secretaries-General, EU presidents; 1990 to today; rules/temporal/data/). A qualified
    title passes: former, ex-, then-, late, future, -elect, designate, nominee. The published
    date must lie outside every tenure of that person under that title by more than
    `tolerance_days`.

    **Options**: `tolerance_days` (integer; default 30); `extra_tenures` (text in the format of
    `office_tenures.tsv`, offices from `offices.tsv`; in the config give `{file = "path.tsv"}`).

    **Fails**

    ```jsonl
    {"id": "a1", "title": "T", "published": "2019-07-21T05:41:00+03:00", "body": "US Defense Secretary Ashton Carter said the Iraqi forces showed no will to fight."}
    ```

    **Passes**

    ```jsonl
    {"id": "a1", "title": "T", "published": "2019-07-21T05:41:00+03:00", "body": "Former US Defense Secretary Ashton Carter said the Iraqi forces showed no will to fight."}
    ```
    """

    id = "office-anachronism"
    category = "temporal"
    severity = "warning"
    pinned = "the seed page's date contradicted by its content (a former office holder); made precise by context-aware rules"
    options_schema = {
        "tolerance_days": {"type": "integer", "minimum": 0, "default": 30,
                           "description": "days outside a tenure that still pass"},
        "extra_tenures": {"type": "string", "description": "more tenure rows, tab-separated"},
    }

    def __init__(self, **options):
        super().__init__(**options)
        tenures = read(__package__, "office_tenures.tsv")
        try:
            self.table = TenureTable(read(__package__, "offices.tsv"),
                                     tenures + "\n" + self.options.get("extra_tenures", ""))
        except (ValueError, IndexError) as exc:
            from validator.rule import RuleOptionsError

            raise RuleOptionsError(f"rule {self.id}: option extra_tenures: {exc}") from None
        self.tolerance = dt.timedelta(days=self.options["tolerance_days"])

    def check(self, record: Record) -> Iterator[Problem]:
        date = record.analysis(published_date)
        body = record.text("body")
        if not date:
            return
        words = self.table.surnames_by_word.keys() & record.analysis(body_vocabulary)
        surnames = {surname for word in words for surname in self.table.surnames_by_word[word]}
        if not surnames:
            return
        found, courtesy = [], set()
        for title, name, span, qualified in self._mentions(record, body, surnames):
            tenures = self.table.tenures(name, title.group())
            if not tenures:
                continue
            if qualified:  # `former Vice President Biden`: the story knows; a bare title later is courtesy
                courtesy.update((t.person, t.office) for t in tenures)
            elif not any(self._held(t, date) for t in tenures):
                found.append((title, span, tenures))
        for title, span, tenures in found:
            if any((t.person, t.office) in courtesy for t in tenures) or inside_quote(body, title.start()) \
                    or self._dated_context(body, title.start(), tenures, date):
                continue
            nearest = min(tenures, key=lambda t: _distance(t, date))
            end = nearest.end.isoformat() if nearest.end else "today"
            yield Problem(f"{nearest.person} was {self.table.office_names[nearest.office]} {nearest.start.isoformat()} "
                          f"to {end}; the article is dated {date.isoformat()}", field="body",
                          span=(min(span[0], title.start()), max(span[1], title.end())))

    def _mentions(self, record: Record, body: str, surnames: set[str]):
        """(title, name, span, qualified) for each `<title> <name>` and `<name>, <title>`."""
        for title in self._titles(record, body, surnames):
            before = body[max(0, title.start() - 60):title.start()]
            if _LONGER_TITLE.search(before):
                continue
            found = _name_after(body, title.end(), self.table)
            if found:
                qualified = bool(_QUALIFIED_BEFORE.search(before))
            else:
                found = _name_before(body, title.start(), self.table)
                if not found:
                    continue
                qualified = found[2] or bool(_QUALIFIED_AFTER.match(body[title.end():title.end() + 12]))
            yield title, found[0], found[1], qualified

    def _dated_context(self, body: str, at: int, tenures: list[Tenure], date: dt.date) -> bool:
        """The sentence tells of the office-holder's own time: it names one of the years of the
        tenure (`In 2015, Defense Secretary Ashton Carter`), or another office-holder of those
        years who is gone by the published date (`Obama's call to President Medvedev`)."""
        sentence = sentence_around(body, at)
        years = {int(y) for y in _YEAR.findall(sentence)}
        if any(t.start.year <= year <= (t.end or date).year and year != date.year for t in tenures for year in years):
            return True
        people = {t.person for t in tenures}
        for word in set(_CAPITALISED.findall(sentence)):
            by_person: dict[str, list[Tenure]] = {}
            for tenure in self.table.tenures_by_word.get(word.lower(), ()):
                if tenure.person not in people:
                    by_person.setdefault(tenure.person, []).append(tenure)
            for others in by_person.values():
                if not any(self._held(t, date) for t in others) and any(
                        _overlap(t, u, date) for t in tenures for u in others):
                    return True
        return False

    def _titles(self, record: Record, body: str, surnames: set[str]) -> Iterator[re.Match]:
        """Title matches near the surnames, in text order, as a scan of the whole body finds
        them; on the lower-cased body (several times faster) when lower-casing keeps every
        character's place, as it does for nearly all text."""
        lowered = record.analysis(body_lowered)
        pattern, text = (self.table.title_pattern, lowered) if lowered is not None else (
            self.table.title_pattern_any_case, body)
        places = sorted((at, at) for surname in surnames for at in find_all(body, surname))
        for start, end in windows(places, _REACH):
            for title in pattern.finditer(text, start, end):
                if (start == 0 or title.start() >= start + _MARGIN) and (
                        end >= len(text) or title.start() <= end - _MARGIN):
                    yield title

    def _held(self, tenure: Tenure, date: dt.date) -> bool:
        return tenure.start - self.tolerance <= date and (tenure.end is None or date <= tenure.end + self.tolerance)


# A title pairs only with a name that starts within 10 characters after it and ends within 90,
# or that ends within 120 before it; titles run under 80 characters. So titles are looked for
# within _REACH of each surname, and kept only _MARGIN inside each window, where a scan that
# starts at the window agrees with a scan of the whole text.
_REACH, _MARGIN = 250, 80


def _overlap(one: Tenure, other: Tenure, date: dt.date) -> bool:
    return one.start <= (other.end or date) and other.start <= (one.end or date)


_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")


def _distance(tenure: Tenure, date: dt.date) -> int:
    if date < tenure.start:
        return (tenure.start - date).days
    return (date - tenure.end).days if tenure.end else 0


def _name_after(body: str, position: int, table: TenureTable):
    """"<title> <name>": the longest known name starting right after the title."""
    if position >= len(body) or not body[position].isspace():
        return None
    start = position + len(body[position:position + 10]) - len(body[position:position + 10].lstrip())
    words = body[start:start + 80].split()[:6]
    for count in range(len(words), 0, -1):
        if count > 1 and _NAME_EDGE.search(words[count - 2]):
            continue  # a name does not run on past punctuation
        name = _NAME_EDGE.sub("", " ".join(words[:count]))
        if name in table.by_name:
            return name, (start, start + len(name)), False
    return None


def _name_before(body: str, position: int, table: TenureTable):
    """"<name>, <title>": a known name just before a comma, then at most four words, then the title."""
    window = body[max(0, position - 120):position]
    match = _NAME_THEN_COMMA.search(window)
    if not match:
        return None
    words = match.group(1).split()[-6:]
    for count in range(len(words), 0, -1):
        name = " ".join(words[-count:])
        if name in table.by_name:
            offset = position - len(window) + match.start(1) + len(match.group(1)) - len(name)
            between = match.group(2)
            return name, (offset, offset + len(name)), bool(_QUALIFIED_BEFORE.search(between + " "))
    return None
