from validator.rule import FaultRule


class RecordTooLarge(FaultRule):
    """A record larger than `--max-record-bytes` (default 32 MiB): a JSON Lines line, a CSV or TSV row, a `.json` document, or a `.txt` page.

    It is skipped without being held in memory, and reading goes on after it (a `.json`
    document is parsed whole, so a larger one is not read at all: write large dumps as JSON
    Lines), so that no input can exhaust the machine's memory. News records are kilobytes; a record this large is
    usually a file that was not split into lines, a quote never closed, or binary data. Raise
    the limit (`--max-record-bytes 256M`, or `max-record-bytes` in the configuration) for
    data whose records really are this large.

    **Fails**

    ```text
    a JSON Lines file whose third line is 40 MB long: record-too-large at line 3
    ```

    **Passes**

    ```jsonl
    {"id": "a1", "title": "Dam repaired", "body": "Engineers repaired the dam on Sunday."}
    ```
    """

    id = "record-too-large"
    category = "input"
    severity = "error"
