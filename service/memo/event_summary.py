"""The memo's executive summary written by code: one sentence per event of the chosen articles, each citing its
article, in the memo's language (`service.extraction.event_sentences`). No model is asked, so every name, place
and date in it is an item grounded in the article it cites, and the sentence is grammatical by construction."""

from schemas.memo import BriefingMemo, MemoSentence
from schemas.summary import Summary
from service.extraction.event_sentences import event_sentence

# Sentences one article may bring: a trip with many hosts is told by its first events, the rest are in the
# partner sections.
EVENTS_PER_ARTICLE = 3


def event_executive_summary(memo: BriefingMemo, summaries: list[Summary], chosen: list[int], lang: str) -> None:
    """Add to `memo.executive_summary` a sentence for each event (up to `EVENTS_PER_ARTICLE`) of the articles
    `chosen` (1-based citation numbers into `summaries`), in citation order. An article with no events (none
    reported, or summarized before Ringkas read events) is said in `memo.warnings`. Sector names are the
    taxonomy's in `lang` when the article is in another language."""
    for n in chosen:
        summary = summaries[n - 1]
        if not summary.events:
            memo.warnings.append(f"executive summary: article [{n}] reports no visit, meeting or signing that "
                                 "Ringkas found (a summary made before events were read has none: summarize it "
                                 "again)")
            continue
        translate = summary.sectors if summary.language != lang else []
        for event in summary.events[:EVENTS_PER_ARTICLE]:
            memo.executive_summary.append(
                MemoSentence(text=event_sentence(event, summary.officials, lang, translate), cites=[n]))
