import re
from typing import Iterator

from validator.record import Record
from validator.rule import Problem, RecordRule
from validator.text.body import body_words

from . import FUNCTION_WORDS

_WORD = re.compile(r"\w+")
LEAD_WORDS = 300


class TitleBodyMismatch(RecordRule):
    """A title whose salient words are absent from the body's lead: the body belongs to
    another story, or the title to another page.

    Salient words are the title's words of four letters or more that are not function words;
    they are compared by their first five letters (so "seized" meets "seizure"). With at least
    three of them and a lead of 40 words or more, fewer than one in five found is reported.

    **Fails**

    ```jsonl
    {"id": "a1", "title": "Floods devastate Basra farms", "body": "The central bank raised interest rates on Sunday, saying inflation had reached its highest level in a decade and that further increases could follow if prices kept rising through the summer months, while economists warned that borrowers would feel the strain soon."}
    ```

    **Passes**

    ```jsonl
    {"id": "a1", "title": "Central bank raises interest rates", "body": "The central bank raised interest rates on Sunday, saying inflation had reached its highest level in a decade and that further increases could follow if prices kept rising through the summer months, while economists warned that borrowers would feel the strain soon."}
    ```
    """

    id = "title-body-mismatch"
    category = "artifact"
    severity = "warning"

    def check(self, record: Record) -> Iterator[Problem]:
        title = record.text("title")
        words = record.analysis(body_words)[:LEAD_WORDS]
        salient = {w[:5] for w in _WORD.findall(title.lower()) if len(w) >= 4 and not w.isdigit()
                   and w not in FUNCTION_WORDS["en"]}
        if len(salient) < 3 or len(words) < 40:
            return
        lead = {w[:5] for w in words}
        found = len(salient & lead)
        if found / len(salient) < 0.2:
            yield Problem(f"only {found} of the title's {len(salient)} salient words appear in the body's lead",
                          field="title")
