import re
import string
from typing import Iterator

from validator.datafiles import table
from validator.record import Record
from validator.rule import Problem, RecordRule
from validator.text.lexicon import matches_at

BRANDS = {row[0].strip() for row in table(__package__, "brands.txt")}
# Name prefixes that are written joined to a capital: McCain, MacArthur, DeSantis, O'Brien.
_NAME_PREFIXES = {"Mc", "Mac", "De", "Di", "Da", "Du", "La", "Le", "Van", "Von", "O"}
# Words of page elements: a capitalised word glued to one of these is chrome, not a brand.
_ELEMENT_WORDS = {"Comment", "Comments", "Discussion", "Search", "Share", "Subscribe", "Login", "Log", "Sign", "Menu",
                  "Home", "Read", "More", "Related", "Follow", "Advertisement", "Email", "Print", "Tweet", "Like",
                  "Reply", "Live", "Listen", "Facebook", "Twitter", "Instagram", "Telegram", "Sputnik",
                  "Video", "Photo", "Gallery", "Next", "Previous", "Top", "Skip", "Close", "Source", "Tags",
                  "Register", "Newsletter", "Community", "Standards", "Contact", "Privacy", "Terms", "Cookies"}
# Sentence openers: "WASHINGTONThe", "advance.The".
_OPENERS = {"The", "A", "An", "In", "On", "At", "It", "He", "She", "They", "We", "This", "That", "These", "But",
            "And", "As", "For", "If", "When", "While", "After", "Before", "According", "However", "Officials"}
_GLUE = re.compile(
    r"(?<![\w./@#-])(?P<left>[A-Z]?[a-z]{2,}|[A-Z]{3,})(?P<right>[A-Z][a-z]{2,})(?![\w@]|\.\w)"  # standardsDiscussion
    r"|(?<![\w./@#-])(?P<left2>[a-z]{3,})(?P<dot>[.!?])(?P<right2>[A-Z][a-z]{2,})(?![\w./@])"  # time.Comments
)


class GluedWords(RecordRule):
    """Words glued at an element boundary by the extractor: "Community standardsDiscussion",
    "Comment via FacebookComment", "any user at any time.Comments", "WASHINGTONThe".

    A sentence run into the next element ("time.Comments") is glued; a word run into a
    capitalised one only when that one opens a page element or a sentence (Discussion,
    Comment, Search, Facebook, The, ...: "standardsDiscussion", "FacebookComment"), capitals
    only before a sentence opener ("WASHINGTONThe"), and only when the joined word is not
    written again in the text: brands and code identifiers recur, a glue happens once. So
    camel-case names pass (NaturalNews, HomeKit, MarketWatch; rules/artifacts/data/brands.txt
    lists iPhone, eBay, YouTube, LinkedIn, JavaScript), as do identifiers (localStorage),
    hashtags, joined name prefixes (McCain, MacArthur, DeSantis) and anything inside a URL,
    e-mail address or file name. The suggestion puts the boundary back.

    **Fails**

    ```jsonl
    {"id": "a1", "title": "T", "body": "Read our Community standardsDiscussion"}
    ```

    **Passes**

    ```jsonl
    {"id": "a1", "title": "T", "body": "Senator McCain posted on YouTube from his iPhone."}
    {"id": "a2", "title": "T", "body": "Call localStorage.setItem(), then writeText(); #BlackLivesMatter trended."}
    ```
    """

    id = "glued-words"
    fix = "unsafe"
    category = "artifact"
    severity = "warning"

    def check(self, record: Record) -> Iterator[Problem]:
        for field in ("title", "body"):
            text = record.text(field)
            for match in _glue_matches(text):
                if not _glued(match, text):
                    continue
                right_at = match.start("right") if match["right"] else match.start("right2")
                fixed = text[match.start():right_at] + " " + text[right_at:match.end()]
                yield Problem(f"words glued together: {match.group()!r}", field=field, span=match.span(),
                              suggestion=fixed)


# Letters folded to their case ("a", "A") and sentence ends to ".", on the UTF-8 bytes (where
# ASCII letters keep their neighbours): a glue needs a join, "aA", "a.A" or "AAAAa", which
# bytes.translate and a search for capitals see far faster than the full pattern scans the text.
_CASES = bytes.maketrans(string.ascii_lowercase.encode() + string.ascii_uppercase.encode() + b"!?",
                         b"a" * 26 + b"A" * 26 + b"..")
# A join: "aA", "a.A" or "AAAAa", found at its capital (a pattern with a literal first byte,
# which the regex engine finds in C).
_JOIN = re.compile(rb"A(?:(?<=aA)|(?<=a\.A)|AAAa)")


def _joins(shape: bytes) -> list[int]:
    """Where the joins start, in order."""
    found = []
    for match in _JOIN.finditer(shape):
        at = match.start()
        if match.end() - at == 5:
            found.append(at)
            continue
        found.append(at - 1 if shape[at - 1] == 97 else at - 2)  # 97: "a"
        if shape.startswith(b"AAAAa", at):  # "a.AAAAa": a second join, maybe in another word
            found.append(at)
    return found


def _glue_matches(text: str) -> Iterator[re.Match]:
    """_GLUE's matches, as `_GLUE.finditer(text)` finds them: tried only at the start of the
    word around each join, since a match starts at a word start and holds a join."""
    encoded = text.encode("utf-8", "surrogatepass")
    return matches_at(_GLUE, text, _word_starts(text, encoded, _joins(encoded.translate(_CASES))))


def _word_starts(text: str, encoded: bytes, joins: list[int]) -> list[int]:
    """The start of the word (run of \\w) around each join, given as sorted byte offsets; in
    time linear in the text, however many joins one word holds."""
    starts: list[int] = []
    byte_at = char_at = 0
    previous = -1
    for join in joins:
        if len(encoded) == len(text):
            char_at += join - byte_at
        else:
            char_at += len(encoded[byte_at:join].decode("utf-8", "surrogatepass"))
        byte_at = join
        position = char_at
        while position > 0 and position > previous and (text[position - 1].isalnum() or text[position - 1] == "_"):
            position -= 1
        if position == previous and starts:
            position = starts[-1]  # the same word as the join before
        if not starts or position != starts[-1]:
            starts.append(position)
        previous = char_at
    return starts


def _glued(match: re.Match, text: str) -> bool:
    """Two words joined where an element boundary was, not a brand, a name or an identifier
    written so: the second word opens a page element or a sentence ("standardsDiscussion",
    "FacebookComment", "WASHINGTONThe"), and the joined word is not written again in the text
    (a brand or a code identifier recurs: "HomeKit", "localStorage"; a glue happens once)."""
    if match["left2"]:
        return True  # "time.Comments": a sentence ran into the next element
    left, right = match["left"], match["right"]
    if match.group() in BRANDS or left in _NAME_PREFIXES:
        return False
    if left.isupper():
        return len(left) >= 4 and right in _OPENERS  # "WASHINGTONThe"
    if right not in _ELEMENT_WORDS and right not in _OPENERS:
        return False  # "allocateColor", "MarketWatch", "ShareKaro": no element begins there
    return text.count(match.group()) == 1
