"""The record's shape: required fields present, values of the right types, URLs that work."""

from validator.record import Record
from validator.rule import Problem


def absence(record: Record, field: str) -> Problem | None:
    """A problem when the field is absent, null or blank text."""
    value = record.get(field)
    if value is None:
        return Problem(f"the {field} is missing", field=field)
    if isinstance(value, str) and not value.strip():
        return Problem(f"the {field} is blank", field=field, span=(0, len(value)) if value else None)
    return None
