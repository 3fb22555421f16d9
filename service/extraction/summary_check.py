"""The model's free-text summary, checked sentence by sentence against the article it summarises.

A sentence stays only when the article stands behind it: it names no one and nothing the article never
mentions, and it does not echo a line of the article that tries to steer the model.
"""

import re

from service.extraction.text.grounding import Grounded
from service.intake import steering_lines
from service.intake.article import Article
from service.textnorm import matching_form
from service.vocabulary import ENGLISH_OFFICE_WORDS, LEVEL_WORDS_EN, LEVELS

# English office words a summary in English may use that an Indonesian article does not: the heads and levels
# of regional government, and the words of English names of offices and bodies ("Vice Governor", "Regional
# House of Representatives", "Ministry of Home Affairs").
_ENGLISH_OFFICE_WORDS = frozenset(
    [head for level in LEVELS for head in level.heads_en] + list(LEVEL_WORDS_EN) + list(ENGLISH_OFFICE_WORDS)
)
# A capitalised name of two or more words, not at the start of the summary or of a sentence: English and
# Indonesian capitalise names of people, places and bodies, and the first word of a sentence.
_NAME_IN_SENTENCE = re.compile(r"(?<![.!?]\s)(?<!^)(?<![\w'-])[A-Z][\w'-]++(?:\s++[A-Z][\w'-]++)+")
_WORD = re.compile(r"[^\W\d_]+")


def check_summary(article: Article, summary: str) -> Grounded[str]:
    """The sentences of the model's free-text `summary` of the article that it can stand behind. Dropped: one
    naming someone or something the article never mentions ("Joko Widodo"), one echoing words (of four letters
    or more) the article has only in a line that tries to steer the model, and a last sentence left without its
    end (cut off at the reply's length limit) unless it is the only one. Words are compared in their matching
    form (`service.textnorm`), case-insensitively. The kept sentences are the result's `items` (a summary joins
    them by single spaces); each dropped one is said in its `warnings`."""
    text, warnings = matching_form(article.text), []
    lowered = text.lower()
    article_words = set(_WORD.findall(lowered))
    steering = steering_lines(text)
    outside = set(_WORD.findall("\n".join(line for line in text.lower().split("\n")
                                          if line not in {s.lower() for s in steering})))
    steered = {w for line in steering for w in re.findall(r"[^\W\d_]{4,}", line.lower())} - outside
    kept = []
    for sentence in re.split(r"(?<=[.!?])\s+", " ".join(summary.split())):
        if not sentence:
            continue
        if not sentence.rstrip("\"'”’)»").endswith((".", "!", "?", "…")) and kept:
            # A last sentence without its end was cut off at the reply's length limit ("Hasil dari kunjungan-"):
            # a reader would take the fragment for what the article says.
            warnings.append(f"summary sentence dropped (cut off at the length limit): {sentence}")
            continue
        plain = matching_form(sentence)
        words = {w.lower() for w in _WORD.findall(plain)}
        names = _NAME_IN_SENTENCE.findall(plain)
        invented = [n for n in names
                    if not any(w.lower() in article_words or w.lower() in _ENGLISH_OFFICE_WORDS for w in n.split())]
        if invented or words & steered:
            why = f"names what the article does not: {', '.join(invented)}" if invented else \
                "repeats a line that tries to steer the model"
            warnings.append(f"summary sentence dropped ({why}): {sentence}")
            continue
        kept.append(sentence)
    return Grounded(kept, warnings)
