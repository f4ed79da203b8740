import html
import re
from typing import Iterator

from validator.record import Record
from validator.rule import Problem, RecordRule
from validator.text.body import body_lowered, text_fields
from validator.text.lexicon import find_all, matches_at

_MARKUP = re.compile(
    r"<(?P<tag>/?(?:p|br|div|span|a|b|i|em|strong|ul|ol|li|h[1-6]|img|script|style|iframe|figure|figcaption|table|"
    r"tr|td|blockquote|section|article|header|footer|nav|noscript)\b)[^<>]{0,400}>"
    r"|(?P<entity>&(?:[a-zA-Z]{2,8}|#\d{2,6}|#x[0-9a-fA-F]{2,5});)"
    r"|(?P<script>\b(?:function\s*\(|document\.write|window\.\w+\s*=|var\s+\w+\s*=|googletag\.|\(adsbygoogle)[^\n]{0,200})",
    re.IGNORECASE)


_SCRIPT_CUES = ("function", "document.write", "window.", "var ", "googletag", "adsbygoogle")
# Where a _MARKUP match can start, in lower case.
_STARTS = ("<", "&", "function", "document.write", "window.", "var", "googletag.", "(adsbygoogle")


def _markup(text: str, lowered: str | None) -> Iterator[re.Match]:
    """_MARKUP's matches, as `_MARKUP.finditer(text)` finds them: tried only where one can start
    in the lower-cased text (when lower-casing kept every character's place)."""
    if lowered is None or len(lowered) != len(text):
        return _MARKUP.finditer(text)
    return matches_at(_MARKUP, text, sorted({at for start in _STARTS for at in find_all(lowered, start)}))


class HtmlInText(RecordRule):
    """HTML left in a text field: tags (`<p>`, `</div>`, `<script>`), character entities
    (`&amp;`, `&#39;`, `&nbsp;`) and script remnants (`document.write`, `googletag.`).

    The suggestion drops a tag and decodes an entity; script lines have none.

    **Fails**

    ```jsonl
    {"id": "a1", "title": "T", "body": "<p>Talks stalled on Sunday &amp; both sides left.</p>"}
    ```

    **Passes**

    ```jsonl
    {"id": "a1", "title": "T", "body": "Talks stalled on Sunday & both sides left; 3 < 4 and AT&T was not involved."}
    ```
    """

    id = "html-in-text"
    fix = "safe"
    category = "artifact"
    severity = "warning"

    def check(self, record: Record) -> Iterator[Problem]:
        for field, text in record.analysis(text_fields):
            if "<" not in text and "&" not in text and not any(cue in text for cue in _SCRIPT_CUES):
                continue
            lowered = record.analysis(body_lowered) if field == "body" else text.lower()
            for match in _markup(text, lowered):
                if match["tag"]:
                    yield Problem(f"HTML tag {match.group()[:40]!r}", field=field, span=match.span(), suggestion="")
                elif match["entity"]:
                    decoded = html.unescape(match.group())
                    if decoded != match.group():
                        yield Problem(f"HTML entity {match.group()!r}", field=field, span=match.span(),
                                      suggestion=decoded)
                else:
                    yield Problem("script code in the text", field=field, span=match.span())
