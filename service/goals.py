"""Goals: what an article says the parties want to achieve, as the model words it, where the article supports
it (`service.grounding.align_phrase`: the words as written, else most of their content words in one sentence).
"""

from schemas.summary import Goal
from service.grounding import align_phrase
from service.textnorm import matching_form


def ground_goals(text: str, items: list[str], warnings: list[str]) -> list[Goal]:
    """Goals for the model's `items` (phrases) that `text` supports, each once (case-insensitively), in the
    model's words in their matching form, each with the one span that supports it. What is dropped is said in
    `warnings`, which this appends to."""
    goals: list[Goal] = []
    for item in items:
        phrase = " ".join(matching_form(item).split())
        span = align_phrase(text, phrase) if phrase else None
        if span is None:
            warnings.append(f"goal {item!r} dropped: the article does not support it")
            continue
        if any(g.text.lower() == phrase.lower() for g in goals):
            continue
        goals.append(Goal(text=phrase, spans=[span]))
    return goals
