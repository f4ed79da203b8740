from validator.rule import FaultRule


class CsvColumnCount(FaultRule):
    """A CSV or TSV row with more or fewer fields than the header.

    Often a delimiter inside an unquoted field. The row is still checked, its fields paired
    with the header's names as far as both go, so some values may sit under the wrong name.

    **Fails**

    ```csv
    id,title,content
    a1,Ramadi falls, again,The city fell on Sunday.
    ```

    **Passes**

    ```csv
    id,title,content
    a1,"Ramadi falls, again",The city fell on Sunday.
    ```
    """

    id = "csv-column-count"
    category = "input"
    severity = "warning"
