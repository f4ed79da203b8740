import re
from typing import Iterator

from validator.record import Record
from validator.rule import Problem, RecordRule
from validator.text.body import body_vocabulary, body_words

from . import FUNCTION_WORDS, SPACELESS

_WORD = re.compile(r"\w+")
MIN_BODY_WORDS = 40
LEAD_WORDS = 300


class TitleBodyMismatch(RecordRule):
    """A title whose salient words are absent from the body: the body belongs to another
    story, or the title to another page.

    Salient words are the title's words of four letters or more that are not function words;
    they are compared by their first five letters (so "seized" meets "seizure"). With at least
    three of them and a body of 40 words or more, fewer than one in five found anywhere in the
    body is reported: the whole body, as a crude extraction puts menus before the story. A
    title in a script written without spaces (Chinese, Japanese, Thai) is not compared.

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
        if SPACELESS.search(title):
            return
        words = record.analysis(body_words)
        salient = {w[:5] for w in _WORD.findall(title.lower()) if len(w) >= 4 and not w.isdigit()
                   and w not in FUNCTION_WORDS["en"]}
        if len(salient) < 3 or len(words) < MIN_BODY_WORDS:
            return
        found = len(salient & {w[:5] for w in words[:LEAD_WORDS]})  # most titles are found in the lead
        if found / len(salient) < 0.2:
            found = len(salient & {w[:5] for w in record.analysis(body_vocabulary)})
        if found / len(salient) < 0.2:
            yield Problem(f"only {found} of the title's {len(salient)} salient words appear in the body",
                          field="title")
