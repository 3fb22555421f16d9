"""The memo's executive summary written by code: one sentence per event of the chosen articles, each citing its
article, in the memo's language (`service.extraction.event_sentences`). No model is asked, so every name, place
and date in it is an item grounded in the article it cites, and the sentence is grammatical by construction."""

import re

from schemas.memo import BriefingMemo, MemoSentence
from schemas.summary import Summary
from service.extraction.event_sentences import event_sentence

# Extraction prompts before this version asked for no events (prompts/extract/v4 first did).
_FIRST_WITH_EVENTS = 4
_EXTRACT_VERSION = re.compile(r"extract/v(\d+)")


def _made_before_events(summary: Summary) -> bool:
    """Whether `summary` was made with extraction prompts that asked for no events ("extract/v3" or earlier)."""
    m = _EXTRACT_VERSION.fullmatch(summary.provenance.prompt_version) if summary.provenance else None
    return m is not None and int(m.group(1)) < _FIRST_WITH_EVENTS


# Sentences one article may bring: a trip with many hosts is told by its first events, the rest are in the
# partner sections.
EVENTS_PER_ARTICLE = 3


def event_executive_summary(memo: BriefingMemo, summaries: list[Summary], chosen: list[int], lang: str) -> None:
    """Add to `memo.executive_summary` a sentence for each event (up to `EVENTS_PER_ARTICLE`) of the articles
    `chosen` (1-based citation numbers into `summaries`), in citation order. An article with no events (none
    reported or found, or summarized before Ringkas read events) is said in `memo.warnings`, with advice to
    summarize it again only in the last case. Sector names are the
    taxonomy's in `lang` when the article is in another language."""
    for n in chosen:
        summary = summaries[n - 1]
        if not summary.events:
            again = " (it was summarized before Ringkas read events: summarize it again)" \
                if _made_before_events(summary) else ""
            memo.warnings.append(f"executive summary: article [{n}] reports no visit, meeting or signing that "
                                 f"Ringkas found{again}")
            continue
        translate = summary.sectors if summary.language != lang else []
        for event in summary.events[:EVENTS_PER_ARTICLE]:
            memo.executive_summary.append(
                MemoSentence(text=event_sentence(event, summary.officials, lang, translate), cites=[n]))
