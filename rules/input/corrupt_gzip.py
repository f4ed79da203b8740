from validator.rule import FaultRule


class CorruptGzip(FaultRule):
    """A gzipped input that is truncated or corrupt: what came before is checked, the rest is lost.

    Usually a download or copy that was cut short. The finding gives the line after the last
    one read.

    **Fails**

    ```text
    news.jsonl.gz whose last blocks are missing (e.g. `head -c 5000 full.jsonl.gz`)
    ```

    **Passes**

    ```text
    news.jsonl.gz that `gzip -t` accepts
    ```
    """

    id = "corrupt-gzip"
    category = "input"
    severity = "error"
