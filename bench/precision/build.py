"""Build the records of the precision benchmark from the real pages in ../shared/corpus.

    python bench/precision/build.py

Writes bench/precision/out/records.jsonl: one record per page per extraction, with the id
`<dataset>/<page id>/<extraction>` and the fields `dataset` and `extraction`. Extractions:
gold (human or accepted bodies), trafilatura, crude (every text node of <body>), naive
(html-text), newspaper, fakenews (FakeNewsCorpus rows as scraped), and trafilatura-gold
(trafilatura's hand-written metadata: URL, date, title, author; no body). Needs the `bench`
extra (trafilatura). Nothing written here is committed: it holds page text.
"""
from __future__ import annotations

import csv
import gzip
import json
import logging
import sys
import time
import warnings
from collections import Counter
from pathlib import Path
from typing import Iterator
from urllib.parse import urlsplit

HERE = Path(__file__).resolve().parent
CORPUS = HERE.parent.parent.parent / "shared" / "corpus"
OUT = HERE / "out" / "records.jsonl"

AEB = CORPUS / "aeb-article-extraction"
PAGES = CORPUS / "newspaper-pages"
HTMLDATE = CORPUS / "htmldate-mediacloud"
FAKENEWS = CORPUS / "fakenewscorpus-sample" / "news_sample.csv"
EVALDATA = CORPUS / "trafilatura-evaldata" / "evaldata.json"

# Text inside these is code or markup, not text a reader sees; even crude dumps
# (BeautifulSoup's get_text) leave it out.
NOT_TEXT = {"script", "style", "template"}


def host(url: str | None) -> str | None:
    return (urlsplit(url).hostname or None) if url else None


def record(dataset: str, page: str, extraction: str, **fields) -> dict:
    """A record with its stable id; fields the extraction does not give are left out."""
    fields = {name: value for name, value in fields.items() if value not in (None, "", [])}
    if "source" not in fields and host(fields.get("url")):
        fields["source"] = host(fields["url"])
    return {"id": f"{dataset}/{page}/{extraction}", "dataset": dataset, "extraction": extraction, **fields}


# --- the HTML pages, each with the URL it was fetched from --------------------------------

def html_pages() -> Iterator[tuple[str, str, str | None, bytes]]:
    """(dataset, page id, url, html bytes) for every HTML page of the three HTML sets."""
    gold = read_json(AEB / "ground-truth.json")
    for page in sorted(gold):
        yield "aeb", page, gold[page]["url"], gzip.decompress((AEB / "html" / f"{page}.html.gz").read_bytes())
    for entry in sorted(read_json(PAGES / "index.json")["pages"], key=lambda e: e["id"]):
        url = entry.get("url") or entry.get("page_meta", {}).get("canonical")
        yield "newspaper-pages", entry["id"], url, gzip.decompress((PAGES / entry["file"]).read_bytes())
    dates = read_json(HTMLDATE / "eval_mediacloud_2020.json")
    for url, entry in sorted(dates.items(), key=lambda item: item[1]["file"]):
        path = HTMLDATE / "test_set" / entry["file"]
        if path.is_file():  # only 30 of the 200 pages are in the corpus
            yield "htmldate", path.stem, url, path.read_bytes()


def trafilatura_records(pages: list[tuple[str, str, str | None, bytes]]) -> tuple[list[dict], int]:
    import trafilatura

    print(f"trafilatura {trafilatura.__version__}")  # its output, and so the findings, change with it
    # trafilatura logs every page it finds thin, and dateutil warns of zone names it cannot place
    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    warnings.filterwarnings("ignore", module="dateutil")
    records, failed = [], 0
    for dataset, page, url, html in pages:
        try:
            document = trafilatura.bare_extraction(html, url=url, with_metadata=True)
        except Exception:  # one bad page must not stop the build; it is counted below
            document = None
        if document is None or not document.text:
            failed += 1
            continue
        records.append(record(dataset, page, "trafilatura", url=document.url or url, title=document.title,
                              body=document.text, published=document.date, authors=document.author,
                              source=host(url)))
    return records, failed


def crude_record(dataset: str, page: str, url: str | None, html: bytes) -> dict:
    """What a scraper with no extraction at all stores: every text node of <body>, one a line."""
    import lxml.html

    # Every page of the corpus is UTF-8 (checked); libxml2 would guess Latin-1 where a page
    # declares no charset, and add mojibake of our own making.
    tree = lxml.html.document_fromstring(html, parser=lxml.html.HTMLParser(encoding="utf-8"))
    # libxml2 moves a <title> that follows stray markup in <head> into <body>: it is still the
    # page's title (BeautifulSoup's soup.title finds it), not body text; an <svg>'s names a picture.
    titles = tree.xpath("//title[not(ancestor::svg)]")
    title = titles[0].text_content().strip() if titles else None
    body = tree.find("body")
    if body is not None:
        for element in titles + list(body.iter(*NOT_TEXT)):
            element.drop_tree()  # keeps the text that follows it
    nodes = [] if body is None else body.xpath(".//text()")  # text nodes only, not comments
    text = "\n".join(node.strip() for node in nodes if node.strip())
    return record(dataset, page, "crude", url=url, title=title, body=text)


# --- bodies that come ready-made -----------------------------------------------------------

def aeb_records() -> list[dict]:
    gold = read_json(AEB / "ground-truth.json")
    made = {"gold": gold, "naive": read_json(AEB / "output" / "html-text.json")["output"],
            "newspaper": read_json(AEB / "output" / "newspaper.json")}
    return [record("aeb", page, extraction, url=gold[page]["url"], body=bodies.get(page, {}).get("articleBody"))
            for extraction, bodies in made.items() for page in sorted(gold)]


def newspaper_pages_gold() -> list[dict]:
    """The expected texts that are newspaper's accepted output (not failure notes or empty),
    with the metadata the page itself declares."""
    records = []
    for entry in sorted(read_json(PAGES / "index.json")["pages"], key=lambda e: e["id"]):
        if entry.get("text_kind") != "extractor_output":
            continue
        meta = entry.get("page_meta", {})
        records.append(record("newspaper-pages", entry["id"], "gold", url=entry.get("url") or meta.get("canonical"),
                              title=meta.get("og_title") or meta.get("title_tag"),
                              body=(PAGES / entry["text_file"]).read_text(encoding="utf-8"),
                              published=meta.get("meta_published"), modified=meta.get("meta_modified"),
                              authors=meta.get("meta_author"), language=entry.get("language")))
    return records


def fakenews_records() -> list[dict]:
    csv.field_size_limit(sys.maxsize)  # bodies of tens of thousands of characters, with newlines
    with open(FAKENEWS, encoding="utf-8", newline="") as rows:
        return [record("fakenewscorpus", row["id"], "fakenews", url=row["url"], title=row["title"],
                       body=row["content"], authors=row["authors"], source=row["domain"])
                for row in csv.DictReader(rows)]


def trafilatura_gold_records() -> list[dict]:
    """trafilatura's evaluation metadata, written by hand from real pages (mostly German): the
    URL with its gold date, title and author, and no body (its snippets are no text to judge
    a body by; run.py drops the missing-body findings this makes)."""
    records = []
    for url, gold in sorted(read_json(EVALDATA).items()):
        author = gold.get("author")
        records.append(record("trafilatura-gold", gold["file"], "gold", url=url, title=gold.get("title"),
                              published=gold.get("date"),
                              authors="; ".join(author) if isinstance(author, list) else author))
    return records


def read_json(path: Path):
    return json.loads(path.read_text(encoding="utf-8"))


def main() -> None:
    if not CORPUS.is_dir():
        print(f"skipped: {CORPUS} is not present")
        return
    start = time.perf_counter()
    pages = list(html_pages())
    extracted, failed = trafilatura_records(pages)
    records = (aeb_records() + newspaper_pages_gold() + extracted
               + [crude_record(*page) for page in pages] + fakenews_records() + trafilatura_gold_records())
    records.sort(key=lambda r: (r["dataset"], r["extraction"], r["id"]))  # deterministic, one group after another
    OUT.parent.mkdir(exist_ok=True)
    with open(OUT, "w", encoding="utf-8") as out:
        out.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    for (dataset, extraction), count in sorted(Counter((r["dataset"], r["extraction"]) for r in records).items()):
        print(f"{dataset:<16} {extraction:<12} {count:>5}")
    print(f"{len(records)} records to {OUT.relative_to(HERE.parent.parent)} in {time.perf_counter() - start:.0f} s; "
          f"trafilatura extracted nothing from {failed} of {len(pages)} pages (skipped)")


if __name__ == "__main__":
    main()
