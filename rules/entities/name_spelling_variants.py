from . import VariantRule


class NameSpellingVariants(VariantRule):
    """One person's name spelled two or more ways in one text: "Gen. Ghassem Soleimani" and
    "Major General Qassem Soleimani".

    Found without a list: names are keyed by transliteration (gh/q/k, kh/h, ou/ow, y/i
    endings, inner vowels), checked with a fuzzy score, and split by given names, so that
    different people (Kim Jong Un and Kim Jong Il, Bashar and Hafez al-Assad, George W. and
    George H. W. Bush) and a fuller form of one spelling (Javad Zarif, Mohammad Javad Zarif)
    pass. The finding lists every spelling with its spans and suggests the house spelling
    (rules/entities/data/house_spellings.tsv) or else the most frequent one. Spellings that
    differ only in diacritics are `name-diacritic-variants`'.

    **Options**: `house_spellings` (text: more lines "house spelling<TAB>variant|variant";
    in the config `{file = "path.tsv"}`).

    **Fails**

    ```jsonl
    {"id": "a1", "title": "T", "body": "Gen. Ghassem Soleimani led the offensive. Later, Major General Qassem Soleimani said it was over."}
    ```

    **Passes**

    ```jsonl
    {"id": "a1", "title": "T", "body": "Bashar al-Assad spoke on Monday. His father Hafez al-Assad ruled before him."}
    ```
    """

    id = "name-spelling-variants"
    fix = "unsafe"
    category = "entity"
    severity = "warning"
    diacritics_only = False
