"""The memo's executive summary: by default one sentence per event, written by code (`service.memo.event_summary`);
with `prose="model"`, a sentence per chosen article written by the model from that article's facts only, and kept
only when the facts it cites support it (for endpoints strong enough to write it)."""

import hashlib
import re
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal, Protocol

from pydantic import Field, create_model

from schemas.memo import BriefingMemo, MemoProse, MemoSentence, PartnerSection
from schemas.summary import Summary
from service.memo.event_summary import event_executive_summary
from service.model.compact_schema import CompactSchema
from service.model.llm import LLM, InvalidReply, ModelError, with_schema
from service.model.prompts import PROMPTS_DIR
from service.textnorm import tokens
from service.vocabulary import (
    CITY,
    FUNCTION_WORDS,
    LEVEL_WORDS_ID,
    MEMO_CHECK,
    PROVINCE,
    language_name,
    sector_name,
)

MEMO_PROMPTS = "memo/v2"
SENTENCES = 5


class SentenceCache(Protocol):
    """Where executive summaries are kept by the hash of their facts: a dict, or a store's `executive_summaries`
    (`service.library.store.ExecutiveSummaries`, which passes over what its store cannot keep)."""

    def get(self, key: str) -> list[dict] | None:
        """The sentences kept under `key` (each a dict with "text" and "cites"), or None."""

    def __setitem__(self, key: str, sentences: list[dict]) -> None:
        """Keep the sentences written from the facts hashed as `key`, in place of any kept before."""


def executive_summary_model(cites: list[int]) -> type[CompactSchema]:
    """The reply schema for one sentence over the articles `cites`: citation numbers are an enum of those, so
    the model can neither cite an article outside its facts nor run on into an endless number."""
    cite: Any = Literal[tuple(cites)]  # type: ignore[valid-type]
    return create_model("SummarySentence", __base__=CompactSchema, text=(str, Field(max_length=300)),
                        cites=(list[cite], Field(min_length=1, max_length=len(cites))))


@lru_cache
def _memo_system_prompt(version: str = MEMO_PROMPTS, root: Path = PROMPTS_DIR) -> str:
    return (root / version / "system.md").read_text(encoding="utf-8").strip()


def summary_articles(partners: list[PartnerSection], article_count: int) -> list[int]:
    """The articles the executive summary writes a sentence about: all of them up to `SENTENCES`, else those
    that together bring in the most partners, so each counterpart of the memo is named at least once.

    The one party in more than half of three or more articles, and in more than any other, is the memo's own
    side (a province visiting many others); it counts for nothing, since it is in most articles anyway.
    """
    if article_count <= SENTENCES:
        return list(range(1, article_count + 1))
    counts = sorted((len(p.articles) for p in partners), reverse=True) + [0, 0]
    leader = counts[0] if 2 * counts[0] > article_count and counts[0] > counts[1] else None
    parties: dict[int, set[str]] = {n: set() for n in range(1, article_count + 1)}
    for p in partners:
        if len(p.articles) != leader:
            for n in p.articles:
                parties[n].add(p.name)
    chosen: list[int] = []
    named: set[str] = set()
    while len(chosen) < SENTENCES:
        n = max((n for n in parties if n not in chosen), key=lambda n: (len(parties[n] - named), -n))
        chosen.append(n)
        named |= parties[n]
    return sorted(chosen)


def article_facts(n: int, summary: Summary, lang: str) -> str:
    """One article's facts, numbered, as the executive summary may use them and nothing else."""
    parts = [f"[{n}]"]
    if summary.officials:
        parts.append("officials: " + "; ".join(
            f"{o.name} ({' '.join(x for x in (o.title, o.institution) if x)})" for o in summary.officials))
    if summary.partners:
        parts.append("parties: " + "; ".join(p.name for p in summary.partners))
    if summary.sectors:
        names = {sector_name(s.label, lang) for s in summary.sectors}
        parts.append("fields: " + "; ".join(sorted(names)))
    if summary.goals:
        parts.append("goals: " + "; ".join(g.text for g in summary.goals[:3]))
    # Titles and per-article summaries are left out: the model stitched them together instead of writing.
    return " | ".join(parts)


def executive_summary(memo: BriefingMemo, summaries: list[Summary], llm: LLM | None, lang: str,
                      cache: "SentenceCache | None", prose: MemoProse = "code") -> None:
    """The executive summary of up to `SENTENCES` articles (`summary_articles`): with `prose="code"`, a sentence
    per event written by code, no model needed (`event_executive_summary`); with `prose="model"`, a sentence per
    article written by the model from that article's facts only, each kept only when the article it cites
    supports it.

    `summaries` are the memo's articles in citation order (article n is `summaries[n - 1]`), and `memo` already
    has its partners. The sentences go to `memo.executive_summary`, what was dropped or failed to
    `memo.warnings`, and each model call to `memo.model` and `memo.usage`. Sentences kept in `cache` under the hash
    of the requests are used without a model call; with neither them nor `llm`, only a warning is added."""
    chosen = summary_articles(memo.partners, len(summaries))
    if prose == "code":
        event_executive_summary(memo, summaries, chosen, lang)
        return
    facts = [article_facts(n, summary, lang) for n, summary in enumerate(summaries, start=1)]
    language = language_name(lang)
    # One sentence per article: asked to write across several articles, the 1.5B model blended them into
    # statements none of them makes; over one article's facts it stays with what they say.
    requests = [(f"FACTS:\n{facts[n - 1]}\n\nWrite one sentence in {language} about this article.", [n])
                for n in chosen]
    key = hashlib.sha256("\n".join([MEMO_PROMPTS, lang] + [r for r, _ in requests]).encode()).hexdigest()
    raw = cache.get(key) if cache is not None else None
    if raw is None:
        if llm is None:
            memo.warnings.append("no executive summary: no model available")
            return
        raw = []
        for request, cites in requests:
            model = executive_summary_model(cites)
            messages = [{"role": "system", "content": with_schema(_memo_system_prompt(), model)},
                        {"role": "user", "content": request}]
            try:
                reply = llm.create(model, messages, context={"article": request}, max_tokens=160)
            except (InvalidReply, ModelError) as exc:
                memo.warnings.append(f"executive summary sentence on {cites} not written: the model failed "
                                     f"({str(exc).splitlines()[0][:120]})")
                continue
            memo.model = llm.name
            memo.usage = memo.usage.add(reply.usage)
            raw.append(reply.value.model_dump())
        if cache is not None and len(raw) == len(requests):
            cache[key] = raw
    for sentence in raw:
        text = " ".join(sentence["text"].split())
        # Facts keep the article's own words (goals verbatim): a sentence in another language shares few of them.
        translated = any(summaries[c - 1].language != lang for c in sentence["cites"] if 1 <= c <= len(summaries))
        problem = unsupported(text, sentence["cites"], facts, translated=translated)
        if problem:
            memo.warnings.append(f"executive summary sentence dropped ({problem}): {text}")
        else:
            memo.executive_summary.append(MemoSentence(text=text, cites=sorted(set(sentence["cites"]))))


# Words a sentence is not judged by: function words (but for the few this check has always counted: "atau",
# "bagi", "oleh", "sebagai", "juga", and the short English ones), the words of cooperation itself, and the levels
# of government and the governor that every article's facts name.
_STOP = ((FUNCTION_WORDS - set(MEMO_CHECK["counted_function_words"]))
         | set(MEMO_CHECK["cooperation_words"]) | set(LEVEL_WORDS_ID) | {PROVINCE.en, CITY.en}
         | set(PROVINCE.heads_id + PROVINCE.heads_en))


def unsupported(text: str, cites: list[int], facts: list[str], *, translated: bool = False) -> str | None:
    """Why a sentence is not supported by the facts it cites, or None when it is.

    A sentence must cite at least one existing article; every capitalised name in it must occur in the facts
    it cites, and (unless `translated` from the articles' language) most of its content words too; and each
    cited article must support it on its own: a name of the sentence, or two of its content words, must be in
    that article's facts.
    """
    if not cites:
        return "cites no article"
    if re.search(r"[^\x00-\u024f\u2010-\u203a]", text):
        return "not in the Latin script of the memo"  # a small model drifts into other scripts ("能源")
    if any(not 1 <= c <= len(facts) for c in cites):
        return f"cites an article that does not exist ({', '.join(map(str, cites))})"
    cited_words = {c: set(tokens(facts[c - 1])) for c in set(cites)}
    every_cited = set().union(*cited_words.values())
    names = re.findall(r"\b[A-Z][a-z]+(?:\s+[A-Z][a-z]+)+", text)
    missing = [n for n in names if not all(w in every_cited for w in tokens(n))]
    if missing:
        return f"names what the cited articles do not: {', '.join(missing)}"
    content = {w for w in tokens(text) if w not in _STOP and len(w) > 3}
    # The linking words of a sentence ("bertemu", "berdiskusi") are not in the facts; a third of its words
    # beyond them is a story the facts do not tell ("menghadiri konferensi ... kelompok politik").
    foreign = sorted(content - every_cited)
    if not translated and len(foreign) >= 4 and 3 * len(foreign) > len(content):
        return f"says what the cited facts do not: {', '.join(foreign)}"
    name_words = [set(tokens(n)) - _STOP for n in names]
    for c, words in sorted(cited_words.items()):
        named = any(n and n <= words for n in name_words)
        if not named and len(content & words) < min(2, len(content)):
            return f"article [{c}] does not support it"
    return None
