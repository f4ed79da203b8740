from typing import Iterator

from validator.record import Record
from validator.rule import Problem, RecordRule

from . import HOUSE_SPELLINGS_OPTION, HouseSpellings, problem, variants


class NameDiacriticVariants(RecordRule):
    """One person's name written with and without diacritics in one text: Erdoğan and Erdogan.

    Informational: both are accepted spellings, but a dataset is easier to search with one.

    **Options**: `house_spellings`, as for `name-spelling-variants`.

    **Fails**

    ```jsonl
    {"id": "a1", "title": "T", "body": "President Recep Tayyip Erdoğan spoke. Recep Tayyip Erdogan then left."}
    ```

    **Passes**

    ```jsonl
    {"id": "a1", "title": "T", "body": "President Recep Tayyip Erdoğan spoke. Erdoğan then left."}
    ```
    """

    id = "name-diacritic-variants"
    category = "entity"
    severity = "info"
    options_schema = HOUSE_SPELLINGS_OPTION

    def __init__(self, **options):
        super().__init__(**options)
        self.house = HouseSpellings(self.options.get("house_spellings", ""))

    def check(self, record: Record) -> Iterator[Problem]:
        for found in variants(record, self.house):
            if found.diacritics_only:
                yield problem(found)
