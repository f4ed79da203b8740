"""The fast paths find what the plain scans they replace find, on text built from the pieces
that matter to each (Hypothesis), and the facts about ftfy's pattern that one of them rests on."""
import datetime as dt
import itertools
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rules.artifacts import boilerplate_phrase, glued_words, html_in_text, mojibake
from rules.duplicates import near_duplicate
from rules.temporal import office_anachronism
from validator.fields import FieldMapping
from validator.record import Provenance, Record
from validator.text import date_mentions, layout, names
from validator.text.body import body_words


def texts(*pieces: str):
    return st.lists(st.sampled_from(pieces), max_size=30).map("".join)


def record(body: str, **fields) -> Record:
    raw = {"body": body, **fields}
    return Record(raw, FieldMapping().resolve(raw), Provenance("t", 1))


def spans(matches) -> list[tuple[int, int]]:
    return [m.span() for m in matches]


def _mojibake_runs(text: str) -> list[tuple[int, int]]:
    """The runs as a plain scan finds them: the pattern tried at every position, each match
    marking the word (stretch between white space) of its first character other than white
    space; damaged words joined into one run when only text without letters lies between."""
    words = [word.span() for word in re.finditer(r"\S+", text)]
    damaged = set()
    for at in range(len(text)):
        match = mojibake.BADNESS_RE.match(text, at)
        if match and match.group().strip():
            first = at + len(match.group()) - len(match.group().lstrip())
            damaged.update(span for span in words if span[0] <= first < span[1])
    runs: list[tuple[int, int]] = []
    for start, end in sorted(damaged):
        if runs and not re.search(r"[^\W\d_]", text[runs[-1][1]:start]):
            runs[-1] = (runs[-1][0], end)
        else:
            runs.append((start, end))
    return runs


@settings(max_examples=400)
@given(texts("a", "A", " ", "z.", "\n", "Ã", "Â", "â€™", "œ", "š", "Ÿ", "×", "²", "Ø", "Ù", "à", "В", "Ђ", "‚Ä",
             "√", "≈", "Β", "β", "°", "’", "“", "”", "—", "…", "é", "\xa0", "\x92", "ГўВЂВ", "ā€", "7", ", ", "\u3000"))
def test_mojibake_runs_are_those_of_the_plain_scan(text):
    assert mojibake.damaged_runs(text) == _mojibake_runs(text)


def test_ftfy_badness_pattern_is_short_and_needs_an_unusual_character():
    parsed = re._parser.parse(mojibake.BADNESS_RE.pattern, mojibake.BADNESS_RE.flags)
    assert parsed.getwidth()[1] <= mojibake._REACH
    # No look-around, back reference or anchor but the text's start (which `pos` does not move),
    # so that a search within a window finds what one in the whole text finds there.
    assert {op for op in _opcodes(parsed) if op.startswith(("AT", "ASSERT", "GROUPREF"))} <= {"AT AT_BEGINNING"}
    usual = [chr(c) for c in range(32, 127)] + ["\n", "\t", *"’‘“”—–…\xa0•"]
    for size in (1, 2):
        for combo in itertools.product(usual, repeat=size):
            assert not mojibake.BADNESS_RE.search("".join(combo))


def _opcodes(parsed) -> set[str]:
    """The names of the regex operations in a parsed pattern, nested ones included (anchors
    with their kind: "AT AT_BEGINNING")."""
    found = set()
    for op, argument in parsed:
        found.add(f"{op} {argument}" if str(op) == "AT" else str(op))
        for item in argument if isinstance(argument, (list, tuple)) else ():
            if isinstance(item, re._parser.SubPattern):
                found |= _opcodes(item)
            elif isinstance(item, (list, tuple)):
                found |= {name for sub in item if isinstance(sub, re._parser.SubPattern) for name in _opcodes(sub)}
    return found


@settings(max_examples=400)
@given(texts("a", "b", "A", "B", "The", "WASHINGTON", "z!BATDac", " ", ".", "!", "?", "-", "@", "/", "_", "1", "é", "É",
             "’"))
def test_glued_words_search_finds_what_the_full_scan_finds(text):
    assert spans(glued_words._glue_matches(text)) == spans(glued_words._GLUE.finditer(text))


@settings(max_examples=400)
@given(texts("<p>", "</div>", "<br/>", "&amp;", "&#123;", "&#x1F;", "function (", "FUNCTION(", "var x =",
             "window.a =", "document.write", "googletag.", "(adsbygoogle", "<", "&", " ", "a", "\n", "İ"))
def test_markup_search_finds_what_the_full_scan_finds(text):
    assert spans(html_in_text._markup(text, text.lower())) == spans(html_in_text._MARKUP.finditer(text))


@settings(max_examples=400)
@given(texts("a", "Z", " ", "1", "_", ".", ",", "\n", "\t", "’", "“", "—", "é", "€", "°", "İ", "\u2009", "\u0307", "ß"))
def test_body_words_are_the_regex_words(text):
    assert record(text).analysis(body_words) == re.findall(r"\w+", text.lower())


_PLAIN_TOKEN = (rf"(?:{names._ABBREVIATIONS})\.|[{names._UPPER}]\.|(?:(?:{'|'.join(names._ARTICLES)})-)?"
                rf"[{names._UPPER}][\w'’\-]*")
_PLAIN_NAME_RUN = re.compile(rf"(?<![\w'’.-])(?:{_PLAIN_TOKEN})"
                             rf"(?:(?:[ \t]+{names._PARTICLE})*[ \t]+(?:{_PLAIN_TOKEN}))*")


def _name_runs(text: str) -> list[names.NameMention]:
    """The runs as the plain pattern (no possessive quantifiers) finds them at every character."""
    found = []
    for run in _PLAIN_NAME_RUN.finditer(text):
        if " " in run.group() or "\t" in run.group():
            mention = names._parse(run.group())
            if mention:
                found.append((mention.text, (run.start() + mention.span[0], run.start() + mention.span[1])))
    return found


@settings(max_examples=400)
@given(texts("al-", "ash-", "as-", "Maliki", " ", "Gen.", " J.", "Nouri", "-", ".", "x", "Smith", " bin ", "\n",
             "’", "Dash", "\t", "É", "ul-", "US", "IV", "U.S.", "Gen", "Lt. ", "al ", " de ", "Abu"))
def test_name_extraction_finds_the_runs_of_the_full_scan(text):
    assert [(m.text, m.span) for m in names.extract(text)] == _name_runs(text)


_TAGGER = date_mentions._tagger()
_OLD_ANCHOR = re.compile(r"(?<![\w.])(?:" + date_mentions.trie_regex(
    [*_TAGGER.months, *_TAGGER.weekdays, *_TAGGER.relative,
     *(p[0].upper() + p[1:] for p in _TAGGER.relative)]) + r")(?!\w)|(?<!\d)\d")


def _mentions_at_every_anchor(body: str, reference) -> list[tuple[int, int]]:
    found, done = [], 0
    for anchor in _OLD_ANCHOR.finditer(body):
        if anchor.start() < done:
            continue
        match = _TAGGER.mention.match(body, anchor.start())
        if not match and anchor.group()[:3] in ("on ", "On "):
            match = _TAGGER.mention.match(body, anchor.start() + 3)
        if match:
            done = match.end()
            if date_mentions._mention(match, reference, _TAGGER):
                found.append(match.span())
    return found


@settings(max_examples=400)
@given(texts("on ", "On ", "Monday", ", ", "May 25", "2015", "last week", "earlier this month", "today", ".", "x",
             " ", "\n", "12", "-", "U.S.", "Sept. 3", "3rd", "Yesterday", "this year", "Sharon"))
def test_date_anchors_find_what_every_position_finds(text):
    found = record(text, published="2019-07-21").analysis(date_mentions.date_mentions)
    assert [m.span for m in found] == _mentions_at_every_anchor(text, dt.date(2019, 7, 21))


@settings(max_examples=300)
@given(texts("US Defense Secretary ", "Ashton Carter", ", the defense secretary", " said ", "Prime Minister ",
             "Haider al-Abadi", "former ", "vice president ", "President ", "Obama’s", "Barack Obama", "\n",
             "x" * 60, "prime   minister ", "Foreign Minister ", "Javad Zarif", ", president of Iran,"))
def test_office_titles_near_surnames_find_what_a_whole_scan_finds(text):
    rule = office_anachronism.OfficeAnachronism()
    windowed = [(p.span, p.message) for p in rule.check(record(text, published="2019-07-21"))]
    reach = office_anachronism._REACH
    office_anachronism._REACH = 10 ** 9  # one window: the whole body
    try:
        whole = [(p.span, p.message) for p in rule.check(record(text, published="2019-07-21"))]
    finally:
        office_anachronism._REACH = reach
    assert windowed == whole


@pytest.mark.parametrize("threshold, bands", [(0.5, (32, 4)), (0.8, (14, 9)), (0.9, (8, 16))])
def test_near_duplicate_bands_are_those_datasketch_chose(threshold, bands):
    assert near_duplicate._bands(threshold) == bands


def test_near_duplicate_threshold_one_runs():  # datasketch's LSH refused it
    rule = near_duplicate.NearDuplicate(threshold=1)
    state = rule.start()
    words = " ".join(f"word{i}" for i in range(60))
    for body in (words, words + ".", words + " and one more"):
        rule.add(state, record(body))
    assert list(rule.finish(state)) == []  # the copies are exact (duplicate-body's), the third differs


_OLD_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[\"'“‘(]*[A-Z0-9])|\n\s*\n|\n")


def _sentences_by_look_behind(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for match in _OLD_SENTENCE_END.finditer(text):
        if match.group().strip() == "" and layout._ABBREVIATION.search(text, max(0, match.start() - 6), match.start()):
            continue
        if match.start() > start:
            spans.append((start, match.start()))
        start = match.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


@settings(max_examples=400)
@given(texts("Mr. ", "U.S. ", "He said. ", "The end! ", "Why? ", '"Quote." ', "(Paren.) ", "\n", "\n\n", " ", "A",
             "b", "3", ".", "’", "“", "”"))
def test_sentences_split_where_the_look_behind_split(text):
    assert layout.sentences(text) == _sentences_by_look_behind(text)


@settings(max_examples=400)
@given(texts("Get short URL", "get\nshort  url", "10:41", "x", " ", "\n", "Comment via Facebook",
             "Abonnez-vous à notre",
             " newsletter", "newsletters", "we use", " cookies", "Community standards", "_", "2", "Ähnliche Beiträge"))
def test_boilerplate_phrases_are_found_as_the_full_scan_finds_them(text):
    assert all(re.match(r"\w", phrase) for phrase in boilerplate_phrase.ANYWHERE_PHRASES)
    lowered = text.lower()
    assert boilerplate_phrase._anywhere(record(text), lowered) == spans(boilerplate_phrase._ANYWHERE.finditer(lowered))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["a", "b", "c", "d", "e"]), max_size=60), st.integers(0, 60))
def test_repeats_in_columns_group_as_a_dict_of_lists_would(keys, cut):
    """The columnar state of the duplicate rules, whole or merged from two parts, finds exactly
    the repeated keys a plain dict of places finds, in input order within each key."""
    from validator.record import Place, Provenance
    from validator.states import Repeats

    def build(items):
        state = Repeats()
        for line, key in items:
            state.add(key, Place(Provenance("p.jsonl", line), f"r{line}é\ud800", "id"))
        return state

    items = list(enumerate(keys, 1))
    plain: dict[str, list[int]] = {}
    for line, key in items:
        plain.setdefault(key, []).append(line)
    expected = sorted(lines for lines in plain.values() if len(lines) > 1)
    for state in (build(items), build(items[:cut]).merge(build(items[cut:]))):
        found = sorted([state.places[i].at.line for i in group] for group in state.groups())
        assert found == expected
        assert [state.places[i].record for i in range(len(state))] == [f"r{line}é\ud800" for line, _ in items]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.integers(0, 300), max_size=40), st.booleans(), st.sampled_from([1, 7, 100, 1000]),
       st.sampled_from([3, 64, 1 << 20]))
def test_parts_cut_in_chunks_end_where_reading_whole_lines_would(tmp_path_factory, lengths, tail, part_bytes, chunk):
    """Parts of a large JSON Lines file are cut by reading chunks, never a whole line; the cuts
    are the ones that finishing the line at each cut with readline() gives."""
    from validator import parallel
    from validator.loaders.base import Source

    data = b"".join(b"x" * n + b"\n" for n in lengths) + (b"tail" if tail else b"")
    path = tmp_path_factory.mktemp("parts") / "a.jsonl"
    path.write_bytes(data)
    expected, start, line = [], 0, 1
    with open(path, "rb") as handle:
        while start < len(data):
            handle.seek(min(len(data), start + part_bytes))
            handle.readline()
            end = min(len(data), handle.tell())
            expected.append((start, end, line))
            start, line = end, line + data[start:end].count(b"\n")
    original = parallel._CHUNK
    parallel._CHUNK = chunk
    try:
        found = [(*r.byte_range, r.first_line) for r in parallel._ranges(Source(str(path), path, "jsonl"),
                                                                          len(data), part_bytes)]
    finally:
        parallel._CHUNK = original
    assert found == expected


@settings(max_examples=300)
@given(texts("The minister said", " on Monday", ". ", "Dr. ", "U.S. ", "2019", "! ", "? ", "\n", " x", "“Quote.” "),
       st.integers(0, 400))
def test_the_sentence_around_a_date_is_the_one_a_fresh_split_of_its_line_gives(body, position):
    from validator.text import story_time

    position = min(position, len(body))
    line_start = body.rfind("\n", 0, position) + 1
    line_end = body.find("\n", position)
    line = body[line_start:line_end if line_end >= 0 else len(body)]
    start, end = layout.sentence_at(layout.sentences(line), position - line_start)
    assert story_time.sentence_around(body, position) == line[start:end]
