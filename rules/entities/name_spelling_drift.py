from typing import Iterable

from validator.record import Record
from validator.rule import DatasetRule, Problem
from validator.states import Tally, merge_tallies
from validator.text.names import people

from .author_spelling_variants import report_spellings


class NameSpellingDrift(DatasetRule):
    """A source that spells one person several ways across its articles (house-style drift):
    "Muammar Gaddafi" in some stories, "Moammar Qaddafi" in others.

    Informational: each spelling may be consistent within its story (a story that mixes them
    is `name-spelling-variants`'). Reported once per source and spelling, at the first record
    of each less frequent spelling, with the number of records using each. State: one counter
    per distinct full-name spelling and source.

    **Fails**

    ```jsonl
    {"id": "a1", "title": "T", "source": "example.com", "body": "Supporters of Muammar Gaddafi gathered in Sirte."}
    {"id": "a2", "title": "T", "source": "example.com", "body": "Relatives of Moammar Qaddafi stayed away."}
    ```

    **Passes**

    ```jsonl
    {"id": "a1", "title": "T", "source": "example.com", "body": "Supporters of Muammar Gaddafi gathered in Sirte."}
    {"id": "a2", "title": "T", "source": "other.example", "body": "Relatives of Moammar Qaddafi stayed away."}
    ```
    """

    id = "name-spelling-drift"
    category = "entity"
    severity = "info"

    def start(self) -> dict:
        return {}  # source -> Tally of spellings

    def add(self, state: dict, record: Record) -> None:
        written = dict.fromkeys(mention.text for person in record.analysis(people) for mention in person.mentions)
        if not written:
            return
        tally = state.get(record.source_key) or state.setdefault(record.source_key, Tally())
        for text in written:  # counted once per record: drift is across articles
            tally.count(text, record.place("body"))

    def merge(self, state: dict, other: dict) -> dict:
        return merge_tallies(state, other)

    def finish(self, state: dict) -> Iterable[Problem]:
        yield from report_spellings(state, "person", across_records=True)
