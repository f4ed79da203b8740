import re
from typing import Iterator
from urllib.parse import urlsplit

from validator.record import Record
from validator.rule import Problem, RecordRule
from validator.text.body import body_words

from . import SPACELESS

_ERROR_PAGE = re.compile(
    r"\b(?:404|page not found|not found|error 50[0-3]|main error mes+age|access denied|forbidden|"
    r"this page (?:does not|doesn't|could not|cannot) (?:exist|be found)|the page you requested|"
    r"no longer available|has been removed|service unavailable)\b", re.IGNORECASE)
_LISTING_SEGMENTS = {"tag", "tags", "category", "categories", "topic", "topics", "author", "authors", "section",
                     "archive", "search"}
_LISTING_QUERY = re.compile(r"(?:^|&)(?:page|s|q|tag|cat)=", re.IGNORECASE)
_DATED_PATH = re.compile(r"/(?:19|20)\d\d/(?:0?[1-9]|1[0-2])/")
MIN_WORDS = 25


class NotAnArticle(RecordRule):
    """A page stored as an article that is not one: an error page ("404", "Page not found",
    "ERROR / Main Error Mesage Here"), a listing, tag, author, category or search page (by its
    URL), or a body of fewer than 25 words (scripts written without spaces count a word for
    every two characters). A listing word inside a dated article path
    (`/2019/07/21/archive/story`) and a page or search parameter on an article's own URL
    (`view.html?id=8&page=1`) do not make a listing. A body of many short lines is not taken
    for a listing: on real pages it was as often an article inside menus (a crude
    extraction), a calendar or a poem.

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
        listing = _listing_url(url) if isinstance(url, str) else None
        if listing:
            yield Problem(f"a listing page, not an article (URL {listing!r})", field="url")
            return
        if len(words) < MIN_WORDS and _spaceless_words(body) < MIN_WORDS:
            yield Problem(f"only {len(words)} word{'' if len(words) == 1 else 's'}: too short for an article", field="body")


def _listing_url(url: str) -> str | None:
    """What makes the URL a listing's: the page is a tag, category, author, archive or search
    page when such a segment ends its path or comes just before its last one (/tag/mosul/),
    and the path is not a dated article's (/2019/07/21/archive/story); a page number ends the
    path (/page/2); a search or page query counts only where the path names no article."""
    parts = urlsplit(url)
    segments = [segment.lower() for segment in parts.path.split("/") if segment]
    dated = _DATED_PATH.search(parts.path) is not None
    if segments and segments[-1] in _LISTING_SEGMENTS:
        return "/" + segments[-1]
    if len(segments) >= 2 and segments[-2] in _LISTING_SEGMENTS and not dated:
        return f"/{segments[-2]}/{segments[-1]}"
    if len(segments) >= 2 and segments[-2] == "page" and segments[-1].isdigit():
        return f"/page/{segments[-1]}"
    query = _LISTING_QUERY.search(parts.query)
    if query and (not segments or segments[-1].split(".")[0] in {"index", "search"}):
        return "?" + parts.query[query.start():].lstrip("&").split("&")[0]
    return None


def _spaceless_words(body: str) -> int:
    """Words of scripts written without spaces (Thai, Lao, Burmese, Khmer, Chinese, Japanese),
    counted as one for every two of their characters (looked at only for a short body)."""
    return len(SPACELESS.findall(body)) // 2
