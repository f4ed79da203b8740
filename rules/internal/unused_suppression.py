from validator.rule import FaultRule


class UnusedSuppression(FaultRule):
    """A suppression that matched no finding: the record changed or the defect is gone, and
    the entry should go before it hides a new problem.

    **Fails**

    ```text
    [[suppress]] record = "a1", rules = ["missing-title"], while record a1 has a title
    ```

    **Passes**

    ```text
    [[suppress]] record = "a1", rules = ["missing-title"], while record a1 has none
    ```
    """

    id = "unused-suppression"
    category = "internal"
    severity = "warning"
