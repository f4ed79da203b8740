"""The canonical record: source fields, their canonical names, provenance and an analysis cache."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Mapping, TypeVar

from .fields import CANONICAL_FIELDS, TIMESTAMP_FIELDS

T = TypeVar("T")
# Text analysed per field: beyond this (about 100 pages) a field is read only this far, and a
# `text-capped` finding says so. Real article bodies are far shorter.
MAX_TEXT = 200_000
_CANONICAL = frozenset(CANONICAL_FIELDS)


@dataclass(frozen=True, slots=True)
class Provenance:
    """Where a record (or a fault) sits: the input path and the 1-based line where it starts;
    for a record, also its publisher and URL, so that the findings dataset rules make after
    the records are gone can still be grouped by source and suppressed by URL."""

    path: str
    line: int | None
    source: str | None = field(default=None, compare=False)
    url: str | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True)
class Place:
    """Where a dataset rule's finding points, kept after its record is gone: the record's
    provenance and identity, and the field as the input spells it."""

    at: Provenance
    record: str
    field: str | None = None


class Record:
    """One scraped record as read, seen through the canonical field names.

    `raw` is the record exactly as loaded (every field kept); `names` maps each canonical
    field present to the source field that carries it. Analyses shared by several rules are
    computed on first use and cached here, so each runs at most once per record.
    """

    __slots__ = ("raw", "names", "read_at", "timestamp_fields", "capped", "_cache")

    def __init__(self, raw: dict[str, Any], names: Mapping[str, str], provenance: Provenance,
                 timestamp_fields: tuple[str, ...] = TIMESTAMP_FIELDS):
        self.raw = raw
        self.names = names
        self.read_at = provenance
        self.timestamp_fields = timestamp_fields
        self.capped: list[str] = []  # text fields analysed only up to MAX_TEXT
        self._cache: dict[tuple, Any] = {}

    def get(self, field: str, default: Any = None) -> Any:
        """The value of a canonical field (or of any other field, by its own name)."""
        name = self.names.get(field)
        if name is None:
            if field in _CANONICAL:  # absent, even if a field of that name was mapped away
                return default
            name = field
        return self.raw.get(name, default)

    def source_name(self, field: str) -> str:
        """The field's name as the input spells it (the canonical name when unmapped)."""
        return self.names.get(field, field)

    def text(self, field: str) -> str:
        """The field's value when it is a string (its first MAX_TEXT characters), else ""."""
        value = self.get(field)
        if not isinstance(value, str):
            return ""
        if len(value) > MAX_TEXT:
            if field not in self.capped:
                self.capped.append(field)
            return value[:MAX_TEXT]
        return value

    def canonical(self) -> dict[str, Any]:
        """Canonical fields under their canonical names, every other field as it is."""
        mapped = set(self.names.values())
        view = {key: value for key, value in self.raw.items() if key not in mapped}
        view.update((field, self.raw[name]) for field, name in self.names.items())
        return view

    def place(self, field: str | None = None) -> Place:
        """This record's place, for a dataset rule's state; `field` named canonically."""
        return Place(self.provenance, self.identity, self.source_name(field) if field else None)

    @property
    def provenance(self) -> Provenance:
        """Where the record was read, with its source and URL."""
        return self.analysis(_provenance)

    @property
    def identity(self) -> str:
        """The record's `id`, else `path:line`."""
        return self.analysis(_identity)

    @property
    def source_key(self) -> str:
        """The publisher a record belongs to, for per-source checks: its `source`, else its URL's host."""
        return self.analysis(_source_key)

    def analysis(self, compute: Callable[..., T], *args: Any) -> T:
        """`compute(self, *args)`, computed once per record and shared by every rule that asks."""
        key = (compute, *args) if args else compute
        try:
            return self._cache[key]
        except KeyError:
            value = self._cache[key] = compute(self, *args)
            return value


def _provenance(record: Record) -> Provenance:
    url = record.get("url")
    return Provenance(record.read_at.path, record.read_at.line, record.source_key or None,
                      url if isinstance(url, str) else None)


def _identity(record: Record) -> str:
    record_id = record.get("id")
    if record_id is not None and record_id != "" and not isinstance(record_id, (dict, list)):
        return str(record_id)
    return f"{record.read_at.path}:{record.read_at.line}"


def _source_key(record: Record) -> str:
    source = record.get("source")
    if isinstance(source, str) and source.strip():
        return source.strip().lower()
    url = record.get("url")
    if isinstance(url, str):
        host = url.split("//", 1)[-1].split("/", 1)[0].split("@")[-1].split(":")[0]
        return host.lower().removeprefix("www.")
    return ""
