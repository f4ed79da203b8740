import re
from typing import Iterator

from validator.record import Record
from validator.rule import Problem, RecordRule
from validator.text.body import body_lines

from . import CREDIT_LINE

_CREDIT_OPENING = re.compile(r"\s*(?:[©ⓒ]|\(c\)|copyright\b|courtesy\b|special thanks\b|photo|image)", re.IGNORECASE)

_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_SMALL = {"a", "an", "the", "and", "or", "but", "of", "in", "on", "at", "to", "for", "by", "as", "with", "from",
          "vs", "via", "is", "are", "was", "into", "over", "after"}


def headline_like(line: str) -> bool:
    """Title Case, five to sixteen words, no closing punctuation, no label or bullet: a headline."""
    if _CREDIT_OPENING.match(line):
        return False  # "Courtesy of ...", "© 2015 Bloomberg": a credit or a notice, not a headline
    if line.endswith((".", "!", "?", ":", ";", ",", "”", "\"")) or any(c in line for c in ",:/•*|") or \
            line[:1].isdigit() or line.isupper():
        return False
    words = _WORD.findall(line)
    if not 5 <= len(words) <= 16:
        return False
    major = [w for w in words if w.lower() not in _SMALL]
    return len(major) >= 4 and sum(w[0].isupper() for w in major) / len(major) >= 0.85


class HeadlineInBody(RecordRule):
    """A headline inside the body: related-article links, or a second story merged into this one
    ("Weak-Willed Iraqi Forces to Blame for Fall of Ramadi - US Defense Secretary").

    A line in Title Case, of five to sixteen words, without closing punctuation, labels or
    bullets, that stands beside another such line or a photo credit, or after the story's last
    sentence: a lone subheading inside the story passes, and so do headings followed by a
    paragraph of the story (a listicle's items, a title and author over a review), credits
    ("Courtesy of ...") and copyright notices. The first line is left alone (often
    the story's own headline). The suggestion removes it.

    **Fails**

    ```jsonl
    {"id": "a1", "title": "T", "body": "Iran seized a tanker on Sunday.\\nIraqi Militia Launch Offensive to Retake Ramadi From ISIL\\nShipping firms were warned."}
    ```

    **Passes**

    ```jsonl
    {"id": "a1", "title": "T", "body": "Iran seized a tanker on Sunday.\\nIraqi militias launched an offensive to retake Ramadi from ISIL.\\nShipping firms were warned."}
    ```
    """

    id = "headline-in-body"
    fix = "unsafe"
    category = "artifact"
    severity = "warning"

    def check(self, record: Record) -> Iterator[Problem]:
        body = record.text("body")
        lines = record.analysis(body_lines)
        heads = [end - start <= 160 and headline_like(body[start:end]) for start, end in lines]
        prose = [i for i, (start, end) in enumerate(lines) if body[end - 1] in ".!?\"”" and end - start > 60]
        last_prose = prose[-1] if prose else -1
        introducing = _introducing(body, lines, heads)
        for i in range(1, len(lines)):
            if not heads[i] or i in introducing:
                continue
            # Alone, a Title Case line may be a subheading; beside another headline, a photo
            # credit, or after the story's last sentence, it is a link to another story.
            neighbours = [j for j in (i - 1, i + 1) if 0 < j < len(lines)]
            if any(heads[j] or CREDIT_LINE.match(body, *lines[j]) for j in neighbours) or i > last_prose:
                start, end = lines[i]
                yield Problem(f"a headline inside the body: {body[start:end]!r}", field="body", span=(start, end),
                              suggestion="")


def _introducing(body: str, lines: list[tuple[int, int]], heads: list[bool]) -> set[int]:
    """The headline-like lines that open a part of the story: a run of them followed by a
    paragraph of prose (a listicle's items, a book's title and author over its review) is the
    story's own headings; a related link is followed by more links or chrome."""
    found: set[int] = set()
    run: list[int] = []
    for i, (start, end) in enumerate(lines):
        if heads[i]:
            run.append(i)
            continue
        if run and body[end - 1] in ".!?\"”" and end - start > 60:
            found.update(run)
        run = []
    return found
