from validator.rule import FaultRule


class UnsupportedFormat(FaultRule):
    """A named input whose format newslint cannot tell or read.

    Formats go by file name: `.jsonl`, `.ndjson`, `.json`, `.csv`, `.tsv`, `.parquet` (extra
    `parquet`) and `.txt`, each optionally gzipped (`.gz`). `--input-format` names the format
    for every input, standard input included. Inside a directory, files of other formats are
    skipped without a finding, as linters skip files that are not theirs.

    **Fails**

    ```text
    newslint check dump.xml
    ```

    **Passes**

    ```text
    newslint check dump.jsonl.gz
    ```
    """

    id = "unsupported-format"
    category = "input"
    severity = "error"
