from typing import Iterable

from validator.record import Record
from validator.rule import DatasetRule, Problem
from validator.text.timestamps import timestamp_values


class TimestampAmbiguousOrder(DatasetRule):
    """A numeric date whose day and month can be read both ways (`03/04/2019`), where the
    source's other records do not settle its convention.

    A source whose unambiguous dates (`21/07/2019`, `07/21/2019`) all put the day first, or
    all put the month first, settles the order and its ambiguous dates pass. Dotted dates
    (`03.04.2019`) are day first by convention. Until settled, other rules allow for both
    readings. State: two counters per source, and each ambiguous value with its place (none
    for other records).

    **Fails**

    ```jsonl
    {"id": "a1", "title": "T", "body": "B.", "source": "example.com", "published": "03/04/2019 10:00"}
    ```

    **Passes**

    ```jsonl
    {"id": "a1", "title": "T", "body": "B.", "source": "example.com", "published": "03/04/2019 10:00"}
    {"id": "a2", "title": "T", "body": "B.", "source": "example.com", "published": "21/07/2019 10:00"}
    ```
    """

    id = "timestamp-ambiguous-order"
    category = "timestamp"
    severity = "warning"
    exact = True

    def start(self) -> dict:
        return {"orders": {}, "ambiguous": []}  # source -> {"dmy": n, "mdy": n}; the ambiguous values

    def add(self, state: dict, record: Record) -> None:
        for field, verdict in timestamp_values(record, "ok"):
            stamp = verdict.timestamp
            if stamp.order not in ("dmy", "mdy", "ambiguous") or stamp.two_digit_year:
                continue  # two-digit years have their own rule, which lists every reading
            source = record.source_key
            if stamp.order == "ambiguous" and stamp.alternatives[:1] != ((stamp.year, stamp.day, stamp.month),):
                continue  # a month name of two languages (`lip`), not a numeric order
            if stamp.order == "ambiguous":
                state["ambiguous"].append((record.place(field), source, verdict.text, stamp.span, stamp.day,
                                           stamp.month))
            elif "/" in verdict.text or "-" in verdict.text:
                orders = state["orders"].setdefault(source, {"dmy": 0, "mdy": 0})
                orders[stamp.order] += 1

    def merge(self, state: dict, other: dict) -> dict:
        for source, counts in other["orders"].items():
            mine = state["orders"].setdefault(source, {"dmy": 0, "mdy": 0})
            for order, count in counts.items():
                mine[order] += count
        state["ambiguous"].extend(other["ambiguous"])
        return state

    def finish(self, state: dict) -> Iterable[Problem]:
        for place, source, text, span, first, second in state["ambiguous"]:
            orders = state["orders"].get(source, {"dmy": 0, "mdy": 0})
            if (orders["dmy"] > 0) != (orders["mdy"] > 0):
                continue  # the source's own records settle its convention
            known = (f"the source writes both orders ({orders['dmy']} day first, {orders['mdy']} month first)"
                     if orders["dmy"] else "no other date of the source settles the order")
            yield Problem(f"day and month can be read both ways ({first:02d}/{second:02d} or {second:02d}/{first:02d}); "
                          f"{known}", span=span, value=text, place=place)
