import re
from typing import Iterator

from validator.record import Record
from validator.rule import Problem, RecordRule
from validator.text.names import author_names

_CHECKS = [
    (re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+"), "an e-mail address"),
    (re.compile(r"https?://|www\.|\.(?:com|org|net|co\.uk)\b", re.I), "a URL"),
    (re.compile(r"\d"), "digits (a date or a count)"),
    (re.compile(r"^by\b", re.I), "a 'By' byline prefix"),
    (re.compile(r"\b(?:staff|correspondent|editor|reporter|writer|contributor|columnist|bureau|desk|team|"
                r"news service|senior|chief|agency|admin|administrator|guest author)\b", re.I), "a role"),
    (re.compile(r"\b(?:because|without|there|is|are|we|our|your|free|world|read|more)\b", re.I),
     "words of a tagline, not a name"),
]
# A byline that credits an organisation as a whole ("Motley Fool Staff", "National Desk",
# "The Associated Press", "CH Contributor"): capitalised words, then a word for a newsroom.
_INSTITUTION = re.compile(r"(?:The\s+)?(?:[A-Z][\w.&'’-]*\s+){0,5}(?i:staff|desk|team|bureau|news service|newsroom|"
                          r"editors|editorial board|wire|press|contributors?)")
MAX_AUTHORS = 10


class AuthorJunk(RecordRule):
    """Junk in the authors field: taglines ("Judi Mcleod, Because Without America, There Is No
    Free World."), roles ("Senior Correspondent"), e-mail addresses, URLs, dates, a "By"
    prefix, more names than a byline holds, an empty name in a list, or one author twice
    (compared without case: "Lena Hart", "LENA HART"). A byline that credits an organisation
    as a whole ("The Associated Press", "Motley Fool Staff", "National Desk") is a legitimate one.

    **Fails**

    ```jsonl
    {"id": "a1", "title": "T", "body": "B.", "authors": ["By Lena Hart, Senior Correspondent, lena.hart@example.com"]}
    ```

    **Passes**

    ```jsonl
    {"id": "a1", "title": "T", "body": "B.", "authors": ["Lena Hart", "Omar Said"]}
    ```
    """

    id = "author-junk"
    category = "artifact"
    severity = "warning"

    def check(self, record: Record) -> Iterator[Problem]:
        value = record.get("authors")
        names = author_names(value)
        if len(names) > MAX_AUTHORS:
            yield Problem(f"{len(names)} authors: more than a byline holds", field="authors")
            return
        if isinstance(value, list) and any(isinstance(item, str) and not item.strip() for item in value):
            yield Problem("an empty author name in the list", field="authors")
        seen: set[str] = set()
        for name in names:
            folded = " ".join(name.split()).casefold()
            if folded in seen:
                yield Problem(f"the same author twice: {name!r}", field="authors")
            seen.add(folded)
        for name in names:
            if _INSTITUTION.fullmatch(name.strip()):
                continue  # the outlet's or agency's own credit, a legitimate byline
            for pattern, what in _CHECKS:
                if pattern.search(name):
                    span = None
                    if isinstance(value, str) and name in value:
                        start = value.index(name)
                        span = (start, start + len(name))
                    yield Problem(f"not an author's name: {name!r} holds {what}", field="authors", span=span)
                    break
