from collections import Counter
from typing import Iterable

from validator.record import Record
from validator.rule import DatasetRule, Problem
from validator.text.timestamps import timestamp_values


class TimestampGlued(DatasetRule):
    """A timestamp made of two parts glued together by the scraper, with its repair.

    `05:41 GMT +321 July 2019` is a page's "05:41 GMT +3" and "21 July 2019" joined with no
    space. newslint inserts the missing boundary (digit|digit, digit|letter, letter|digit),
    parses every candidate strictly again, and keeps those with the fewest insertions. One
    best candidate gives the repaired ISO 8601 value as the suggestion; when several remain,
    the UTC offset the same source uses in its clean records decides; a tie that remains lists
    the candidates and suggests none. State: a counter of offsets per source, and each glued
    value with its place and candidates (none for other records).

    **Fails**

    ```jsonl
    {"id": "a1", "title": "T", "body": "B.", "published": "05:41 GMT +321 July 2019"}
    ```

    **Passes**

    ```jsonl
    {"id": "a1", "title": "T", "body": "B.", "published": "05:41 GMT +3 21 July 2019"}
    ```
    """

    id = "timestamp-glued"
    fix = "safe"
    category = "timestamp"
    severity = "error"
    exact = True

    def start(self) -> dict:
        # Per source, the offsets of clean zoned values; and every glued value with its candidates.
        return {"offsets": {}, "glued": []}

    def add(self, state: dict, record: Record) -> None:
        source = record.source_key
        for field, verdict in timestamp_values(record):
            if verdict.outcome == "ok" and verdict.timestamp.has_zone and not verdict.timestamp.faults():
                state["offsets"].setdefault(source, Counter())[verdict.timestamp.offset] += 1
            elif verdict.outcome == "glued":
                state["glued"].append((record.place(field), source, verdict.text,
                                       [(c.iso(), c.offset) for c in verdict.candidates], list(verdict.repairs)))

    def merge(self, state: dict, other: dict) -> dict:
        for source, counts in other["offsets"].items():
            state["offsets"].setdefault(source, Counter()).update(counts)
        state["glued"].extend(other["glued"])
        return state

    def finish(self, state: dict) -> Iterable[Problem]:
        for place, source, text, candidates, repairs in state["glued"]:
            best = _best(candidates, state["offsets"].get(source))
            span = (0, len(text))
            if best is not None:
                message = f"two parts glued together; read as {repairs[candidates.index(best)]!r}"
                yield Problem(message, span=span, suggestion=best[0], value=text, place=place)
            else:
                readings = "; ".join(f"{r!r} = {iso}" for r, (iso, _) in zip(repairs, candidates))
                yield Problem(f"two parts glued together, and the repair is not certain: {readings}",
                              span=span, value=text, place=place)


def _best(candidates: list, offsets: Counter | None):
    distinct = list(dict.fromkeys(map(tuple, candidates)))
    if len({iso for iso, _ in distinct}) == 1:
        return distinct[0]
    if offsets:
        usual = offsets.most_common(1)[0][0]
        matching = [c for c in distinct if c[1] == usual]
        if len(matching) == 1:
            return matching[0]
    return None
