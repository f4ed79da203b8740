import re
from typing import Iterable
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from validator.record import Record
from validator.rule import DatasetRule, Problem
from validator.states import Repeats

from . import report_repeats

_TRACKING = re.compile(r"^(?:utm_\w+|fbclid|gclid|mc_cid|mc_eid|ref|cmpid|ocid|amp)$", re.I)
_AMP = re.compile(r"/amp(?=/|$)")
_DEFAULT_PORTS = {"http": 80, "https": 443}


def canonical_url(url: str) -> str | None:
    """The URL without what does not change the page: scheme, www., case of the host, a
    trailing slash, the fragment, tracking parameters, an /amp/ segment."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if not parts.netloc:
        return None
    host = parts.hostname.removeprefix("www.") if parts.hostname else ""
    try:
        port = parts.port
    except ValueError:  # not a number, or out of range
        return None
    if port is not None and port != _DEFAULT_PORTS.get(parts.scheme.lower()):
        host = f"{host}:{port}"  # another server; the scheme's own port is the same one
    path = _AMP.sub("", parts.path).rstrip("/") or "/"
    query = urlencode(sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
                             if not _TRACKING.match(k)))
    return urlunsplit(("", host, path, query, ""))


class DuplicateUrl(DatasetRule):
    """Two records for one URL (compared without scheme, www., trailing slash, fragment,
    tracking parameters such as utm_source, or an /amp/ segment): the page was scraped twice.

    Each later record is reported, naming the first. State: a 64-bit digest of each canonical URL and the
    record's place, in columns (about 30 bytes a record).

    **Fails**

    ```jsonl
    {"id": "a1", "title": "T", "body": "B.", "url": "https://www.example.com/world/dam?utm_source=rss"}
    {"id": "a2", "title": "T", "body": "B.", "url": "http://example.com/world/dam/"}
    ```

    **Passes**

    ```jsonl
    {"id": "a1", "title": "T", "body": "B.", "url": "https://www.example.com/world/dam"}
    {"id": "a2", "title": "T", "body": "B.", "url": "https://www.example.com/world/bridge"}
    ```
    """

    id = "duplicate-url"
    category = "duplicate"
    severity = "warning"
    exact = True

    def start(self) -> Repeats:
        return Repeats()

    def add(self, state: Repeats, record: Record) -> None:
        url = record.get("url")
        key = canonical_url(url) if isinstance(url, str) else None
        if key:
            state.add(key, record.place("url"))

    def merge(self, state: Repeats, other: Repeats) -> Repeats:
        return state.merge(other)

    def finish(self, state: Repeats) -> Iterable[Problem]:
        yield from report_repeats(state, "the same URL")
