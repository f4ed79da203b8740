import ipaddress
import re
from typing import Iterator
from urllib.parse import urlsplit

from validator.record import Record
from validator.rule import Problem, RecordRule

_SPACE = re.compile(r"\s")
# Dot-separated labels of letters, digits and inner hyphens (any script: IDN hosts), ending
# in a label that does not start with a digit; or localhost.
_HOST = re.compile(r"^(?:[^\W_](?:[\w-]{0,61}[^\W_])?\.)+[^\W\d_][\w-]*[^\W_]$|^localhost$")


class InvalidUrl(RecordRule):
    """A URL that is not an absolute http(s) address with a host: relative, scheme-less,
    holding spaces, or with a malformed host.

    An empty or absent URL is left to the schema; this rule looks at URLs that are there.
    Surrounding white space gets a repaired value; a scheme-less address is flagged without
    one, since http and https cannot be told apart.

    **Fails**

    ```jsonl
    {"id": "a1", "url": "/world/2019/07/21/ramadi", "title": "Ramadi falls", "body": "The city fell."}
    ```

    **Passes**

    ```jsonl
    {"id": "a1", "url": "https://news.example.com/world/2019/07/21/ramadi", "title": "Ramadi falls", "body": "The city fell."}
    ```
    """

    id = "invalid-url"
    fix = "safe"
    category = "schema"
    severity = "error"
    exact = True

    def check(self, record: Record) -> Iterator[Problem]:
        url = record.get("url")
        if not isinstance(url, str) or not url:
            return
        stripped = url.strip()
        if stripped != url and stripped:
            start = len(url) - len(url.lstrip())
            yield Problem("the URL has white space around it", field="url", span=(start, start + len(stripped)),
                          suggestion=stripped if _fault(stripped) is None else None)
            return
        fault = _fault(url)
        if fault:
            message, span = fault
            yield Problem(message, field="url", span=span)


def _fault(url: str) -> tuple[str, tuple[int, int]] | None:
    space = _SPACE.search(url)
    if space:
        return "the URL holds white space", (space.start(), space.end())
    try:
        parts = urlsplit(url)
        hostname = parts.hostname
        parts.port  # raises on a malformed port
    except ValueError as exc:
        return f"the URL cannot be parsed: {exc}", (0, len(url))
    if parts.scheme.lower() not in ("http", "https"):
        what = f"scheme {parts.scheme!r}" if parts.scheme else "no scheme: a relative or scheme-less address"
        return f"not an absolute http(s) URL ({what})", (0, len(url))
    if not hostname or not (_HOST.match(hostname) or _is_ip(hostname)):
        slashes = url.find("//", len(parts.scheme))
        start = slashes + 2 if slashes >= 0 else len(parts.scheme) + 1  # empty host: a zero-width span where it belongs
        return f"the URL's host {hostname or ''!r} is not a valid host name", (start, start + len(parts.netloc))
    return None


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True
