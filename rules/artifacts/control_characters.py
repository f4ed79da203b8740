import re
from typing import Iterator

from validator.record import Record
from validator.rule import Problem, RecordRule
from validator.text.body import text_fields

# C0 controls other than tab, line feed and carriage return; DEL; C1 controls.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]+")
# The same test on UTF-8 bytes, where bytes.translate and a literal search are far cheaper
# than a character-class scan: C0 controls and DEL are single bytes, C1 controls are C2 80-9F.
_C0_MARKS = bytes.maketrans(bytes([*range(0x00, 0x09), 0x0b, 0x0c, *range(0x0e, 0x20), 0x7f]), b"\x00" * 30)
_C1_BYTES = re.compile(rb"\xc2[\x80-\x9f]")


def _may_hold_controls(text: str) -> bool:
    encoded = text.encode("utf-8", "surrogatepass")
    return b"\x00" in encoded.translate(_C0_MARKS) or bool(_C1_BYTES.search(encoded))


class ControlCharacters(RecordRule):
    """Control characters in the text: NUL, escape, C1 controls (often Windows-1252 quotes
    decoded as Latin-1). Tab and line breaks are fine. The suggestion removes them.

    **Fails**

    ```jsonl
    {"id": "a1", "title": "T", "body": "The minister\u0092s visit was cancelled."}
    ```

    **Passes**

    ```jsonl
    {"id": "a1", "title": "T", "body": "The minister's visit\twas cancelled.\\nNo new date was set."}
    ```
    """

    id = "control-characters"
    fix = "safe"
    category = "artifact"
    severity = "warning"
    exact = True

    def check(self, record: Record) -> Iterator[Problem]:
        for field, text in record.analysis(text_fields):
            if not _may_hold_controls(text):
                continue
            for match in _CONTROL.finditer(text):
                codes = " ".join(f"U+{ord(c):04X}" for c in match.group()[:4])
                yield Problem(f"control character(s) {codes}", field=field, span=match.span(), suggestion="")
