from validator.rule import FaultRule


class InternalError(FaultRule):
    """A rule raised an exception on a record; that rule's checks on it are incomplete.

    newslint catches the exception, reports it here with the rule, the record and where it
    was raised, and goes on with the other rules and records. Also reported here: a rule that
    ran past the time limit on a record, a part of the input that could not be checked (its
    worker process died, or it raised: the finding names the file and byte range or Parquet
    row groups), and a dataset rule whose state could not travel back from a worker or could
    not be merged. Always reported: a check that
    did not run must never look like a check that passed. Please report it against the rule's
    package.

    **Fails**

    ```text
    rule example-rule raised KeyError: 'title' (at example.py:12)
    ```

    **Passes**

    ```text
    every rule ran to the end on every record
    ```
    """

    id = "internal-error"
    category = "internal"
    severity = "error"
