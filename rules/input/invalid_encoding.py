from validator.rule import FaultRule


class InvalidEncoding(FaultRule):
    """Bytes that are not UTF-8: decoded with U+FFFD in their place, and reported.

    The record is still read and checked, with the replacement characters in its text. The
    finding names the line and the first bad bytes in hex. A leading byte-order mark is
    accepted and dropped.

    **Fails**

    ```text
    {"id": "a1", "title": "Caf<0xE9> owners protest"}     (Latin-1 byte 0xE9 in a UTF-8 file)
    ```

    **Passes**

    ```jsonl
    {"id": "a1", "title": "Café owners protest", "body": "Owners gathered on Monday."}
    ```
    """

    id = "invalid-encoding"
    category = "input"
    severity = "warning"
