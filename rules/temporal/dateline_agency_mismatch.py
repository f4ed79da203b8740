from functools import lru_cache
from typing import Iterator

from validator.record import Record
from validator.rule import Problem, RecordRule
from validator.text.datelines import AGENCIES, dateline


class DatelineAgencyMismatch(RecordRule):
    """A dateline agency that contradicts the record's source or authors: `(Reuters)` on a story
    whose source is apnews.com, or whose only author is "AP".

    A newspaper printing agency copy is normal; this rule speaks only when the source or the
    byline is itself another agency (table: validator/text/data/agencies.tsv), which usually
    means two stories were merged or the fields come from another page.

    **Fails**

    ```jsonl
    {"id": "a1", "title": "T", "source": "apnews.com", "body": "BAGHDAD (Reuters) - Iraqi troops advanced on Monday."}
    ```

    **Passes**

    ```jsonl
    {"id": "a1", "title": "T", "source": "nytimes.com", "body": "BAGHDAD (Reuters) - Iraqi troops advanced on Monday."}
    ```
    """

    id = "dateline-agency-mismatch"
    category = "temporal"
    severity = "warning"

    def check(self, record: Record) -> Iterator[Problem]:
        line = record.analysis(dateline)
        if not line or not line.agency:
            return
        other = _source_agency(record.source_key) or _author_agency(record.get("authors"))
        if other and other != line.agency:
            yield Problem(f"the dateline credits {line.agency}, but the record comes from {other}",
                          field="body", span=line.span)


@lru_cache(maxsize=4096)
def _source_agency(source: str) -> str | None:
    for agency in AGENCIES.values():
        if any(source == domain or source.endswith("." + domain) for domain in agency.domains):
            return agency.name
    return None


def _author_agency(authors) -> str | None:
    names = [authors] if isinstance(authors, str) else authors if isinstance(authors, list) else []
    names = [name.strip() for name in names if isinstance(name, str) and name.strip()]
    credited = {agency.name for agency in AGENCIES.values() for name in names if name in agency.authors}
    # Only when every author is one and the same agency: a reporter's name beside it settles nothing.
    return credited.pop() if len(credited) == 1 and len(names) == 1 else None
