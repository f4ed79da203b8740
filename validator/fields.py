"""Canonical field names and the aliases that known dump layouts use for them.

The first alias a record carries wins, so the order below is a priority order: an exact
canonical name first, then the layouts in the order we trust them.
"""
from __future__ import annotations

from typing import Iterable, Mapping

CANONICAL_FIELDS = (
    "id", "url", "title", "published", "modified", "scraped_at",
    "authors", "body", "source", "language", "section", "tags",
)

TIMESTAMP_FIELDS = ("published", "modified", "scraped_at")

# Sources: news-please (maintext, date_publish, date_modify, date_download, source_domain),
# Common Crawl news on HF (text, date, domain), trafilatura JSON (raw_text, text, date,
# hostname, sitename, author), newspaper (text, publish_date), schema.org NewsArticle
# (articleBody, datePublished, dateModified, headline, inLanguage, articleSection, keywords),
# FakeNewsCorpus CSV (content, domain, scraped_at).
ALIASES: dict[str, tuple[str, ...]] = {
    "id": ("id", "_id", "uuid", "identifier"),
    "url": ("url", "link", "source_url"),
    "title": ("title", "headline"),
    "published": ("published", "date_publish", "datePublished", "publish_date", "date", "published_at", "pubdate"),
    "modified": ("modified", "date_modify", "dateModified"),
    "scraped_at": ("scraped_at", "date_download", "crawled_at", "fetched_at"),
    "authors": ("authors", "author", "byline"),
    "body": ("body", "maintext", "text", "raw_text", "articleBody", "content"),
    "source": ("source", "source_domain", "domain", "hostname", "sitename"),
    "language": ("language", "lang", "inLanguage"),
    "section": ("section", "articleSection", "category"),
    "tags": ("tags", "keywords"),
}


class FieldMappingError(ValueError):
    pass


class FieldMapping:
    """Resolves, per record layout, which source field carries each canonical field.

    Explicit overrides (`--field body=content`, the config's `fields` table) replace the
    aliases for their field. Resolution is cached per key layout, and every mapping used
    is remembered for the report header.
    """

    def __init__(self, overrides: Mapping[str, str] | None = None, timestamp_fields: Iterable[str] = ()):
        overrides = dict(overrides or {})
        # Canonical timestamp fields, then any other field the config names as a timestamp.
        self.timestamp_fields = TIMESTAMP_FIELDS + tuple(f for f in timestamp_fields if f not in TIMESTAMP_FIELDS)
        unknown = sorted(set(overrides) - set(CANONICAL_FIELDS))
        if unknown:
            raise FieldMappingError(
                f"unknown canonical field {unknown[0]!r} in field mapping (known: {', '.join(CANONICAL_FIELDS)})"
            )
        self.candidates = {
            field: (overrides[field],) if field in overrides else ALIASES[field] for field in CANONICAL_FIELDS
        }
        self._by_layout: dict[tuple[str, ...], dict[str, str]] = {}
        self.used: dict[str, set[str]] = {}

    def resolve(self, keys: Iterable[str]) -> dict[str, str]:
        layout = tuple(keys)
        names = self._by_layout.get(layout)
        if names is None:
            present = set(layout)
            names = {}
            for field, candidates in self.candidates.items():
                for name in candidates:
                    if name in present and name not in names.values():
                        names[field] = name
                        break
            self._by_layout[layout] = names
            for field, name in names.items():
                self.used.setdefault(field, set()).add(name)
        return names

    def used_mapping(self) -> dict[str, list[str]]:
        """Each canonical field and the source fields that carried it in this run."""
        return {field: sorted(self.used[field]) for field in CANONICAL_FIELDS if field in self.used}


def parse_field_option(text: str) -> tuple[str, str]:
    """`body=content` -> ("body", "content")."""
    field, sep, source = text.partition("=")
    if not sep or not field.strip() or not source.strip():
        raise FieldMappingError(f"--field expects name=source_field, got {text!r}")
    return field.strip(), source.strip()
