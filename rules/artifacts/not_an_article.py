import re
from typing import Iterator
from urllib.parse import urlsplit

from validator.record import Record
from validator.rule import Problem, RecordRule
from validator.text.body import body_lines, body_words

_ERROR_PAGE = re.compile(
    r"\b(?:404|page not found|not found|error 50[0-3]|main error mes+age|access denied|forbidden|"
    r"this page (?:does not|doesn't|could not|cannot) (?:exist|be found)|the page you requested|"
    r"no longer available|has been removed|service unavailable)\b", re.IGNORECASE)
_LISTING_URL = re.compile(r"/(?:tag|tags|category|categories|topic|topics|author|authors|section|archive|search|"
                          r"page/\d+)(?:/|$)|[?&](?:page|s|q|tag|cat)=", re.IGNORECASE)
MIN_WORDS = 25


class NotAnArticle(RecordRule):
    """A page stored as an article that is not one: an error page ("404", "Page not found",
    "ERROR / Main Error Mesage Here"), a listing, tag, author or category page (its URL, or a
    body that is mostly short lines), or a body of fewer than 25 words.

    **Fails**

    ```jsonl
    {"id": "a1", "title": "Page not found", "url": "https://x.example/a", "body": "404 - Page not found. The page you requested could not be found."}
    ```

    **Passes**

    ```jsonl
    {"id": "a1", "title": "Dam repaired", "url": "https://x.example/2019/07/21/dam", "body": "Engineers finished repairs to the Mosul dam on Sunday, the water ministry said, after six weeks of work that had closed the road along the river and kept thousands of farmers from their fields."}
    ```
    """

    id = "not-an-article"
    category = "artifact"
    severity = "warning"

    def check(self, record: Record) -> Iterator[Problem]:
        body, title = record.text("body"), record.text("title")
        words = record.analysis(body_words)
        if not body.strip():
            return  # an empty body is missing-body's
        # An error page opens with its error, or says little else; a story may mention a 404.
        error = _ERROR_PAGE.match(title.strip()) or _ERROR_PAGE.match(body.strip()) or (
            len(words) < MIN_WORDS and _ERROR_PAGE.search(f"{title}\n{body[:300]}"))
        if error:
            yield Problem(f"an error page, not an article ({error.group()!r})", field="body")
            return
        url = record.get("url")
        listing = _LISTING_URL.search(urlsplit(url).path + "?" + urlsplit(url).query) if isinstance(url, str) else None
        if listing:
            yield Problem(f"a listing page, not an article (URL {listing.group()!r})", field="url")
            return
        lines = record.analysis(body_lines)
        if len(lines) >= 8 and sum(end - start < 60 for start, end in lines) / len(lines) > 0.8 and not any(
                body[end - 1] in ".!?" for start, end in lines[: len(lines) // 2]):
            yield Problem(f"a listing page, not an article ({len(lines)} short lines, no sentences)", field="body")
        elif len(words) < MIN_WORDS:
            yield Problem(f"only {len(words)} words: too short for an article", field="body")
