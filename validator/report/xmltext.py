"""Text safe for XML 1.0: characters it cannot hold are written as visible escapes."""
from __future__ import annotations

import re

_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(text: str | None) -> str:
    return _ILLEGAL.sub(lambda m: f"\\u{ord(m.group()):04x}", text or "")
