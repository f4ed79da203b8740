from validator.rule import FaultRule


class InvalidJson(FaultRule):
    """A line of a JSON Lines file, or a JSON document, that is not valid JSON.

    The finding gives the line and the parser's reason. In JSON Lines every other line is
    still read and checked; in a `.json` array nothing after the broken element can be placed,
    so reading that file stops there.

    **Fails**

    ```jsonl
    {"id": "a1", "title": "Ramadi falls to militants", "body": "The city fell on Sunday."}
    {"id": "a2", "title": "Talks resume in Vienna", "body": "Negotiators met
    ```

    **Passes**

    ```jsonl
    {"id": "a1", "title": "Ramadi falls to militants", "body": "The city fell on Sunday."}
    {"id": "a2", "title": "Talks resume in Vienna", "body": "Negotiators met again."}
    ```
    """

    id = "invalid-json"
    category = "input"
    severity = "error"
