from validator.rule import FaultRule


class NotAnObject(FaultRule):
    """A JSON value where a record object was expected: a string, number, list or null.

    Each line of a JSON Lines file, and each element of a `.json` array, must be one object
    holding one record's fields.

    **Fails**

    ```jsonl
    {"id": "a1", "title": "Ramadi falls to militants", "body": "The city fell on Sunday."}
    ["a2", "Talks resume in Vienna"]
    ```

    **Passes**

    ```jsonl
    {"id": "a1", "title": "Ramadi falls to militants", "body": "The city fell on Sunday."}
    {"id": "a2", "title": "Talks resume in Vienna", "body": "Negotiators met again."}
    ```
    """

    id = "not-an-object"
    category = "input"
    severity = "error"
