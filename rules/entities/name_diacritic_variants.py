from . import VariantRule


class NameDiacriticVariants(VariantRule):
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
    fix = "unsafe"
    category = "entity"
    severity = "info"
    diacritics_only = True
