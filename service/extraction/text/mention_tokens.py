"""News text as words and punctuation, the way a reader of office mentions needs it: initials and abbreviations
keep their dots ("M. Yusuf", "Kab. Semarang", "S.E."), a sentence's closing dot is punctuation of its own, and an
honorific or a degree glued to the next word by its dot is split off ("drg.Wendy", "S.E.Komisi"). Offsets are
code points into the text given.
"""

import re
from dataclasses import dataclass

from service.extraction.text.person_names import is_degree, is_honorific


@dataclass(frozen=True)
class Token:
    text: str  # as written; a sentence's closing dot is a token of its own
    start: int  # code points into the matching form
    end: int
    kind: str  # "word", "comma", or "stop" (a sentence's end, a line break, a bracket, a quotation mark, ";", ":")


# Words, and the punctuation that ends or splits a mention.
_RAW = re.compile(r"\n|[,;:()\[\]“”\"|]|[^\s,;:()\[\]“”\"|]+")
# An honorific or a degree glued to the next word by its dot: "drg.Wendy", "dr.Danny", "S.E.Komisi".
_GLUED = re.compile(r"^((?:[A-Za-z]{1,4}\.)+)([A-Z][a-z][\w'’-]*)$")
# Words that end in a dot without ending a sentence: initials ("M.", "S.M."), and short abbreviations.
_ABBREVIATION = re.compile(r"^(?:[A-Za-z]\.|(?:[A-Za-z]{1,4}\.){2,}|[A-Z][a-z]{0,3}\.)$")


def tokenize(view: str) -> list[Token]:
    """The tokens of `view`, in order: words, commas, and "stop" punctuation (a sentence's end, a line break, a
    bracket, a quotation mark, ";", ":")."""
    tokens: list[Token] = []
    for m in _RAW.finditer(view):
        word, start = m.group(), m.start()
        if word in ",":
            tokens.append(Token(word, start, m.end(), "comma"))
        elif len(word) == 1 and not word.isalnum():
            tokens.append(Token(word, start, m.end(), "stop"))
        elif (glued := _GLUED.match(word)) and (is_honorific(glued.group(1)) or is_degree(glued.group(1))):
            head = len(glued.group(1))
            tokens += [Token(word[:head], start, start + head, "word"),
                       Token(word[head:], start + head, m.end(), "word")]
        elif word.endswith(".") and len(word) > 1 and not _ABBREVIATION.match(word) and not is_honorific(word):
            tokens += [Token(word[:-1], start, m.end() - 1, "word"), Token(".", m.end() - 1, m.end(), "stop")]
        else:
            tokens.append(Token(word, start, m.end(), "word"))
    return tokens
