import json
from importlib.resources import files
from typing import Iterator

from validator.record import Record
from validator.record_schema import NO_FETCH_HANDLERS, fast_path_agrees, offline_validator
from validator.rule import Problem, RecordRule

DEFAULT_SCHEMA = json.loads(files(__package__).joinpath("record.schema.json").read_text(encoding="utf-8"))


class SchemaViolation(RecordRule):
    """A record that does not match the record JSON Schema: a value of the wrong type, for a start.

    The record is validated under its canonical field names (every other field as it is). The
    default schema, `rules/schema/record.schema.json`, asks for text where text belongs
    (title, body, url, source, language), text or a list of text for authors, section and
    tags, and text or an epoch number for timestamps. Point `record-schema` in the config at a
    JSON Schema file of your own to require more (required fields, enumerations, patterns).
    The schema is one file: its `$ref`s point inside it, and nothing is ever fetched.

    **Options**: `schema` (object): the JSON Schema; set it through `record-schema`.

    **Fails**

    ```jsonl
    {"id": "a1", "title": ["Ramadi falls", "to militants"], "body": "The city fell on Sunday."}
    ```

    **Passes**

    ```jsonl
    {"id": "a1", "title": "Ramadi falls to militants", "body": "The city fell on Sunday.", "authors": ["Ann Lee"]}
    ```
    """

    id = "schema-violation"
    category = "schema"
    severity = "error"
    exact = True
    options_schema = {"schema": {"type": "object", "description": "the JSON Schema records must match"}}

    def __init__(self, **options):
        super().__init__(**options)
        schema = self.options.get("schema", DEFAULT_SCHEMA)
        self.validator = offline_validator(schema)
        self.is_valid = (fast_path_agrees(schema) and _fast_check(schema)) or self.validator.is_valid

    def check(self, record: Record) -> Iterator[Problem]:
        view = record.canonical()
        if self.is_valid(view):
            return
        for error in self.validator.iter_errors(view):
            path = list(error.absolute_path)
            field = str(path[0]) if path else None
            where = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path[1:])
            yield Problem(f"{field or 'record'}{where}: {error.message}", field=field)


def _fast_check(schema: dict):
    """A compiled validator (fastjsonschema) to pass valid records quickly; jsonschema still
    explains the invalid ones. None where fastjsonschema cannot compile the schema."""
    import fastjsonschema

    try:
        compiled = fastjsonschema.compile(schema, handlers=NO_FETCH_HANDLERS)
    except Exception:  # a draft or keyword it does not support: jsonschema alone, slower
        return None

    def is_valid(instance) -> bool:
        try:
            compiled(instance)
        except fastjsonschema.JsonSchemaException:
            return False
        return True

    return is_valid
