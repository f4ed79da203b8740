from validator.rule import FaultRule


class UnreadableFile(FaultRule):
    """An input path that cannot be read: missing, not permitted, or a damaged Parquet file.

    A folder that cannot be listed, a broken or looping symbolic link, and an entry of a folder
    named like an input that is a FIFO, a device or a socket are reported without being opened
    (a FIFO would block the run). A device named on the command line (`/dev/zero` never ends)
    is reported too; a FIFO named on the command line, such as `<(zcat dump.gz)`, is read as a
    stream. The other inputs are still checked.

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
