from typing import Iterator

from validator.record import Record
from validator.rule import Problem, RecordRule
from validator.text.body import body_words

from . import FUNCTION_WORDS

_NAMES = {"english": "en", "french": "fr", "german": "de", "spanish": "es", "italian": "it", "portuguese": "pt",
          "dutch": "nl", "turkish": "tr", "russian": "ru", "arabic": "ar", "persian": "fa", "farsi": "fa"}
SAMPLE_WORDS = 300
MIN_WORDS = 30


def detect(words: list[str]) -> str | None:
    """The language whose function words fill the text, when one clearly does; else None."""
    sample = words[:SAMPLE_WORDS]
    if len(sample) < MIN_WORDS:
        return None
    counts = dict.fromkeys(FUNCTION_WORDS, 0)
    for languages in filter(None, map(_LANGUAGES_OF.get, sample)):
        for language in languages:
            counts[language] += 1
    (best, language), (second, _) = sorted(((n / len(sample), lang) for lang, n in counts.items()), reverse=True)[:2]
    return language if best >= 0.12 and best >= 2 * second else None


_LANGUAGES_OF: dict[str, list[str]] = {}
for _language, _words in FUNCTION_WORDS.items():
    for _word in _words:
        _LANGUAGES_OF.setdefault(_word, []).append(_language)


class LanguageMismatch(RecordRule):
    """A declared `language` that the text contradicts: "de" on an English story.

    An offline detector counts each language's function words (rules/artifacts/data/
    function_words.tsv: en, fr, de, es, it, pt, nl, tr, ru, ar, fa) in the first 300 words of
    the body; it speaks only on 30 words or more and when one language clearly leads, and the
    rule only when the declared language is one it knows. Nothing is downloaded.

    **Fails**

    ```jsonl
    {"id": "a1", "title": "T", "language": "de", "body": "The prime minister is expected to announce a cabinet reshuffle later this week, aides said on Sunday, after weeks of pressure from his party and a string of defeats in local elections that have left the government weaker than at any time since it took office."}
    ```

    **Passes**

    ```jsonl
    {"id": "a1", "title": "T", "language": "en-GB", "body": "The prime minister is expected to announce a cabinet reshuffle later this week, aides said on Sunday, after weeks of pressure from his party and a string of defeats in local elections that have left the government weaker than at any time since it took office."}
    ```
    """

    id = "language-mismatch"
    fix = "unsafe"
    category = "artifact"
    severity = "warning"

    def check(self, record: Record) -> Iterator[Problem]:
        declared = record.get("language")
        if not isinstance(declared, str) or not declared.strip():
            return
        code = declared.strip().lower().replace("_", "-").split("-")[0]
        code = _NAMES.get(code, code)
        if code not in FUNCTION_WORDS:
            return
        detected = detect(record.analysis(body_words))
        if detected and detected != code:
            yield Problem(f"declared {declared!r}, but the body reads as {detected!r}", field="language",
                          span=(0, len(declared)), suggestion=detected)
