from validator.rule import FaultRule


class TextCapped(FaultRule):
    """A text field longer than newslint analyses (200,000 characters): only its beginning was
    checked. Usually a whole site, or a binary file, scraped into one field.

    Always reported, so that a check cut short never passes for a complete one.

    **Fails**

    ```text
    a body of 5,000,000 characters
    ```

    **Passes**

    ```text
    a body of 40,000 characters
    ```
    """

    id = "text-capped"
    category = "internal"
    severity = "info"
