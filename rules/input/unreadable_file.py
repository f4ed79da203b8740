from validator.rule import FaultRule


class UnreadableFile(FaultRule):
    """An input path that cannot be read: missing, not permitted, or a damaged Parquet file.

    The other inputs are still checked.

    **Fails**

    ```text
    newslint check dumps/2019-07-21.jsonl   (no such file)
    ```

    **Passes**

    ```text
    newslint check dumps/2019-07-22.jsonl   (exists and is readable)
    ```
    """

    id = "unreadable-file"
    category = "input"
    severity = "error"
