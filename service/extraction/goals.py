"""Goals: what an article says the parties want to achieve. The model's goals, in its words, where the article
supports them (`service.extraction.text.grounding.align_phrase`: the words as written, else most of their content words
in one sentence); then the purposes the text states outright, which a small model often leaves out.

Offsets are half-open `[start, end)` ranges of Unicode code points into the submitted text.
"""

import re

from schemas.summary import Goal
from service.extraction.text.grounding import Grounded, align_phrase, content_words, dice
from service.intake.article import Article
from service.textnorm import matching_form
from service.vocabulary import FIRST_PERSON, GOAL_WORDS, one_of

# Goals a summary holds at most: the gold articles state two to six.
MAX_GOALS = 6


def ground_goals(article: Article, items: list[str], quotes: list[tuple[int, int]] = ()) -> Grounded[Goal]:
    """Goals for the model's `items` (phrases) that the article supports, each once (case-insensitively), in the
    model's words in their matching form, each with the one span that supports it. A phrase found inside one of
    `quotes` (spans of quotations) that speaks in the first person ("kami menawarkan …") is the speaker's words,
    not an aim the report states, and is dropped. What is dropped is said in the result's `warnings`."""
    text, warnings = article.text, []
    goals: list[Goal] = []
    for item in items:
        phrase = " ".join(matching_form(item).split())
        span = align_phrase(text, phrase) if phrase else None
        if span is None:
            warnings.append(f"goal {item!r} dropped: the article does not support it")
            continue
        if any(g.text.lower() == phrase.lower() for g in goals):
            continue
        if any(start <= span[0] and span[1] <= end for start, end in quotes) and \
                FIRST_PERSON & {w.lower() for w in re.findall(r"\w+", text[span[0]:span[1]])}:
            warnings.append(f"goal {item!r} dropped: words of a quotation in the first person, not a stated aim")
            continue
        goals.append(Goal(text=phrase, spans=[span]))
    return Grounded(goals, warnings)


_MARKER = re.compile(rf"\b(?:{one_of(GOAL_WORDS['markers'])})\s+", re.IGNORECASE)
_CLAUSE_END = re.compile(rf"[.,;:!?\n“”\"()]|\s(?:{one_of(GOAL_WORDS['clause_breaks'])})\s", re.IGNORECASE)
# An active verb, in lower case as verbs stand after a marker (a capitalised word is a name: "to Medan").
_VERB = rf"(?:me[mnyg]?[a-z]{{3,}}|ber[a-z]{{3,}}|belajar|(?:{one_of(GOAL_WORDS['verbs_en'])})(?:s|ed)?)"
_GOAL = re.compile(rf"^(?:(?:{one_of(GOAL_WORDS['verb_openers'])})\s+)?(?P<verb>{_VERB})\b")
_SECOND_GOAL = re.compile(rf"\s(?:{one_of(GOAL_WORDS['goal_joiners'])})\s+"
                          rf"(?=(?:(?:{one_of(GOAL_WORDS['verb_openers'])})\s+)?{_VERB}\b)")
_DIRECTIVE = re.compile(rf"\b(?:{one_of(GOAL_WORDS['directives'])})\b(?:\s+\S+){{0,5}}\s*$", re.IGNORECASE)
_NOT_GOALS = frozenset(GOAL_WORDS["not_goals"])


def stated_goals(text: str) -> list[Goal]:
    """The purposes `text` states outright, in order, each once, as written, with its span.

    Convention of Indonesian and English news: a purpose marker ("untuk", "guna", "agar", "bertujuan", "dalam
    rangka", "diharapkan dapat"; "to", "in order to", "aims to") followed by an active verb in lower case
    (meN-/ber- verbs, or the English verbs of aims) states what a visit or an agreement is for: "… bertujuan
    untuk memperkuat kerja sama perdagangan …", "… to attract investment from the Middle East". The clause runs
    to punctuation or the next clause's first word, and is kept at 2-14 words; "dan"/"and" before another
    active verb starts a second aim. Verbs of the visit's own procedure ("melakukan", "menghadiri") state no
    aim, nor does a marker after a request ("meminta warga untuk …"). The words are
    `service.vocabulary.GOAL_WORDS`."""
    found: list[Goal] = []
    for m in _MARKER.finditer(text):
        if _DIRECTIVE.search(text, max(0, m.start() - 60), m.start()):
            continue
        end_match = _CLAUSE_END.search(text, m.end())
        end = end_match.start() if end_match else len(text)
        start = m.end()
        for piece in _SECOND_GOAL.split(text[start:end]):
            at = text.index(piece, start)
            start = at + len(piece)
            clause = piece.rstrip()
            aim = _GOAL.match(clause)
            if not aim or aim.group("verb").lower() in _NOT_GOALS or not 2 <= len(clause.split()) <= 14:
                continue
            phrase = " ".join(matching_form(clause).split())
            if all(g.text.lower() != phrase.lower() for g in found):
                found.append(Goal(text=phrase, spans=[(at, at + len(clause))]))
    return found


def add_stated_goals(article: Article, goals: list[Goal], limit: int = MAX_GOALS) -> list[Goal]:
    """`goals` (the model's, grounded), then the `stated_goals` of the article that none of them already words
    (content words' Dice overlap under 0.5), up to `limit` goals in all."""
    goals = list(goals)
    for purpose in stated_goals(article.text):
        if len(goals) >= limit:
            break
        words = content_words(purpose.text)
        if all(dice(words, content_words(g.text)) < 0.5 for g in goals):
            goals.append(purpose)
    return goals
