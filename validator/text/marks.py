"""Text without its diacritics, folded one way for every analysis: scraped pages often drop
the accents and vowel marks (`fevrier`, `Conde`, `ابريل`) that the same word carries elsewhere."""
from __future__ import annotations

import unicodedata

_DOTLESS = str.maketrans("ı", "i")


def without_marks(text: str) -> str:
    """Decomposed (NFD: canonically, so that a compatibility form such as Thai SARA AM keeps
    its letter), its nonspacing marks dropped, recomposed (NFC); the dotless ı read as i,
    which has no mark to drop."""
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFD", text)
    plain = "".join(c for c in decomposed if unicodedata.category(c) != "Mn")
    return unicodedata.normalize("NFC", plain).translate(_DOTLESS)
