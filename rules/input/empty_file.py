from validator.rule import FaultRule


class EmptyFile(FaultRule):
    """An input that holds no records: empty, only blank lines, or a CSV header alone.

    A scrape that produced nothing is worth knowing about in a CI gate.

    **Fails**

    ```jsonl

    ```

    **Passes**

    ```jsonl
    {"id": "a1", "title": "Ramadi falls to militants", "body": "The city fell on Sunday."}
    ```
    """

    id = "empty-file"
    category = "input"
    severity = "warning"
