"""What extraction leaves behind: page chrome, glued elements, encoding damage, markup,
truncation, pages that are not articles, and structure leaking into the text.

For these rules a `suggestion` replaces the finding's span ("" removes it)."""

import re
from importlib.resources import files

# Function words of each language (data/function_words.tsv), for language-mismatch and
# title-body-mismatch.
FUNCTION_WORDS = {row.split("\t")[0]: set(row.split("\t")[1].split())
                  for row in files(__package__).joinpath("data", "function_words.tsv").read_text(encoding="utf-8")
                  .splitlines() if row.strip() and not row.startswith("#")}

# A photo credit or caption line ("© AP Photo/ ...", "Photo: Reuters"), matched at a line's start.
CREDIT_LINE = re.compile(r"(?:©|\(c\)|copyright\b|photo(?:graph)?\s*(?:by|credit)?\s*:|image(?:\s+copyright)?\s*:|"
                         r"picture\s*:|credit\s*:|(?:ap|afp|reuters|getty|epa|sputnik)\s*(?:photo|images)?\s*/)",
                         re.IGNORECASE)
