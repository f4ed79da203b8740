"""What extraction leaves behind: page chrome, glued elements, encoding damage, markup,
truncation, pages that are not articles, and structure leaking into the text.

For these rules a `suggestion` replaces the finding's span ("" removes it)."""

import re
from validator.datafiles import table

# Function words of each language (data/function_words.tsv), for language-mismatch and
# title-body-mismatch.
FUNCTION_WORDS = {row[0]: set(row[1].split()) for row in table(__package__, "function_words.tsv")}

# Scripts written without spaces between words (Thai, Lao, Burmese, Khmer, Chinese, Japanese),
# where counting or comparing words by spaces does not work.
SPACELESS = re.compile(r"[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff]")

# A photo credit or caption line ("© AP Photo/ ...", "Photo: Reuters"), matched at a line's start.
CREDIT_LINE = re.compile(r"(?:©|\(c\)|copyright\b|photo(?:graph)?\s*(?:by|credit)?\s*:|image(?:\s+copyright)?\s*:|"
                         r"picture\s*:|credit\s*:|(?:ap|afp|reuters|getty|epa|sputnik)\s*(?:photo|images)?\s*/)",
                         re.IGNORECASE)

# A site's copyright notice as a line of its own ("© 2019 Billboard. All Rights Reserved",
# "Copyright © Gannett 2018", "© vse-diety.com, 2008"): "©", "Copyright" before ©, (c) or a
# year (not the word in a sentence), or "(c)" before a year (a bare "(c)" opens item (c) of a
# legal text), in a line that names no photograph.
COPYRIGHT_LINE = re.compile(r"\s*(?:[©ⓒ]|copyright\s*(?=[©ⓒ]|\(c\)|\d{4})|\(c\)\s*(?=\d))", re.IGNORECASE)
COPYRIGHT_OPENING = re.compile(r"\s*(?:[©ⓒ]|\(c\)|copyright\b)", re.IGNORECASE)
# What makes a line that opens like a copyright notice a picture's credit: a word for a
# picture, a picture agency, or "Agency/Photographer".
PICTURE_WORDS = re.compile(r"photo|image|picture|foto|getty|shutterstock|[^\W\d_]\s*/\s*[^\W\d_]", re.IGNORECASE)
COPYRIGHT_LINE_MAX = 150


def copyright_notice(text: str, start: int, end: int) -> bool:
    """Whether text[start:end], a line, is a site's copyright notice, not a photo credit."""
    return (end - start <= COPYRIGHT_LINE_MAX and COPYRIGHT_LINE.match(text, start, end) is not None
            and PICTURE_WORDS.search(text, start, end) is None)


def picture_credit(text: str, start: int, end: int) -> bool:
    """Whether text[start:end], a line, credits a picture: "Photo: Reuters", "© AP Photo/ X".
    A line that opens with ©, (c) or Copyright must name a picture: else it is the site's
    notice ("© 2019 Billboard", "© Reuters" closing a story) or a footer link."""
    if not CREDIT_LINE.match(text, start, end):
        return False
    if not COPYRIGHT_OPENING.match(text, start, end):
        return True
    return PICTURE_WORDS.search(text, start, end) is not None and not RESERVED.search(text, start, end)


RESERVED = re.compile(r"rights reserved|reproduction|reprint", re.IGNORECASE)  # a notice, whatever it names
