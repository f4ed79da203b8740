from validator.rule import FaultRule


class MalformedCsv(FaultRule):
    """A CSV or TSV row that cannot be parsed: a quoted field never closed, or text after a closing quote.

    An unclosed quote would swallow every later line into one field; newslint reports the row
    where it opens and resumes reading on the next line, so the rows after it are still checked.

    **Fails**

    ```csv
    id,title,content
    a1,"Ramadi falls,The city fell on Sunday.
    a2,Talks resume,Negotiators met again.
    ```

    **Passes**

    ```csv
    id,title,content
    a1,"Ramadi falls, again",The city fell on Sunday.
    a2,Talks resume,Negotiators met again.
    ```
    """

    id = "malformed-csv"
    category = "input"
    severity = "error"
