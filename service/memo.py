"""Many summaries into one briefing memo: grouped by partner and sector, people and regions merged across
articles, a timeline, key quotes, and an executive summary whose every sentence is checked against the
articles it cites."""

import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal, Protocol

from pydantic import Field, create_model

from schemas.extraction import CompactSchema
from schemas.memo import (
    BriefingMemo,
    CitedText,
    DirectoryEntry,
    KeyQuote,
    MemoSentence,
    MemoSource,
    PartnerSection,
    SectorSection,
    TimelineEntry,
)
from schemas.summary import Summary
from schemas.taxonomy import SectorLabel
from service.dates import event_date
from service.entities import region_key, same_region, tokens
from service.grounding import names_match
from service.llm import LLM, InvalidReply, ModelError
from service.prompts import PROMPTS_DIR

MEMO_PROMPTS = "memo/v1"
QUOTES_PER_ARTICLE = 2


class SentenceCache(Protocol):
    """Where executive summaries are kept by the hash of their facts (a dict, or the summary store)."""

    def get(self, key: str) -> list[dict] | None: ...

    def __setitem__(self, key: str, sentences: list[dict]) -> None: ...


@dataclass
class MemoArticle:
    """One article's summary with what a memo needs to cite it."""

    summary: Summary
    text: str
    outlet: str | None = None
    published: str | None = None  # ISO date, when known from outside the text


def executive_summary_model(article_count: int) -> type[CompactSchema]:
    """The reply schema for a memo of `article_count` articles: citation numbers are an enum of the existing
    ones, so the grammar cannot run on into an endless number (seen with a plain integer)."""
    cite: Any = Literal[tuple(range(1, article_count + 1))]  # type: ignore[valid-type]
    sentence = create_model("SummarySentence", __base__=CompactSchema, text=(str, Field(max_length=400)),
                            cites=(list[cite], Field(max_length=6)))
    return create_model("ExecutiveSummaryReply", __base__=CompactSchema,
                        sentences=(list[sentence], Field(max_length=5)))


@lru_cache
def _memo_system_prompt(version: str = MEMO_PROMPTS, root: Path = PROMPTS_DIR) -> str:
    return (root / version / "system.md").read_text(encoding="utf-8").strip()


def build_memo(articles: list[MemoArticle], llm: LLM | None, *, lang: str = "id",
               summary_cache: "SentenceCache | None" = None) -> BriefingMemo:
    """The memo of `articles`. With no `llm`, the executive summary is left out (and said so).

    `summary_cache` maps a hash of the facts to an earlier executive summary, so rebuilding the same memo
    makes no model call.
    """
    sources = [_source(i + 1, a) for i, a in enumerate(articles)]
    memo = BriefingMemo(language=lang, article_count=len(articles),
                        source_count=len({s.outlet or s.url or s.title for s in sources}), sources=sources)
    dates = sorted(s.date for s in sources if s.date)
    memo.period = (dates[0], dates[-1]) if dates else None
    memo.officials = officials_directory(articles)
    memo.partners = partner_sections(articles, sources, memo.officials)
    memo.sectors = sector_sections(articles, memo.partners)
    memo.timeline = sorted(
        (TimelineEntry(date=s.date, as_written=d.text, event=s.title, cite=s.n)
         for s, a in zip(sources, articles) if s.date and (d := event_date(a.text))),
        key=lambda t: t.date,
    )
    memo.quotes = [KeyQuote(text=q.text, speaker=q.speaker, cite=i + 1, start=q.start, end=q.end)
                   for i, a in enumerate(articles)
                   for q in [q for q in a.summary.quotes if q.speaker][:QUOTES_PER_ARTICLE]]
    if articles:
        executive_summary(memo, articles, llm, lang, summary_cache)
    return memo


def _source(n: int, article: MemoArticle) -> MemoSource:
    found = event_date(article.text)
    return MemoSource(n=n, title=article.summary.title or f"Article {n}", outlet=article.outlet,
                      url=article.summary.url, date=article.published or (found.iso() if found else None),
                      content_sha256=article.summary.content_sha256)


def officials_directory(articles: list[MemoArticle]) -> list[DirectoryEntry]:
    """Each person once, however written ("Mingrum Gumay" / "Mingrum"), with every position and article."""
    entries: list[DirectoryEntry] = []
    for n, article in enumerate(articles, start=1):
        for official in article.summary.officials:
            entry = next((e for e in entries if names_match(official.name, e.name)
                          or names_match(e.name, official.name)), None)
            if entry is None:
                entry = DirectoryEntry(name=official.name)
                entries.append(entry)
            elif official.name != entry.name:
                shorter, longer = sorted((official.name, entry.name), key=len)
                entry.name = longer
                if shorter not in entry.also_written:
                    entry.also_written.append(shorter)
            position = ", ".join(x for x in (official.title, official.institution) if x)
            if position and position not in entry.positions:
                entry.positions.append(position)
            if n not in entry.articles:
                entry.articles.append(n)
    return sorted(entries, key=lambda e: (-len(e.articles), e.name))


def partner_sections(articles: list[MemoArticle], sources: list[MemoSource],
                     directory: list[DirectoryEntry]) -> list[PartnerSection]:
    """Each region, country or body once ("Pemprov DKI" / "DKI Jakarta" / "Jakarta"), with what it agreed."""
    sections: list[PartnerSection] = []
    for n, article in enumerate(articles, start=1):
        for partner in article.summary.partners:
            section = next((s for s in sections if same_region(partner.name, s.name)
                            or any(same_region(partner.name, w) for w in s.also_written)), None)
            if section is None:
                section = PartnerSection(name=partner.name, kind=partner.kind.value)
                sections.append(section)
            elif partner.name != section.name and partner.name not in section.also_written:
                # The name with its level of government ("Provinsi DKI Jakarta") reads best as the heading.
                if len(region_key(partner.name)) >= len(region_key(section.name)) and \
                        len(partner.name) > len(section.name):
                    section.also_written.append(section.name)
                    section.name = partner.name
                else:
                    section.also_written.append(partner.name)
            if n in section.articles:
                continue
            section.articles.append(n)
            for sector in article.summary.sectors:
                if sector.label not in section.sectors:
                    section.sectors.append(sector.label)
            section.goals += [CitedText(text=g.text, cite=n) for g in article.summary.goals]
            for official in article.summary.officials:
                name = _directory_name(official.name, directory)
                if name not in section.officials:
                    section.officials.append(name)
            if sources[n - 1].date and sources[n - 1].date not in section.dates:
                section.dates.append(sources[n - 1].date)
    return sorted(sections, key=lambda s: (-len(s.articles), s.name))


def _directory_name(name: str, directory: list[DirectoryEntry]) -> str:
    return next((e.name for e in directory if name == e.name or name in e.also_written), name)


def sector_sections(articles: list[MemoArticle], partners: list[PartnerSection]) -> list[SectorSection]:
    sections: dict[SectorLabel, SectorSection] = {}
    for n, article in enumerate(articles, start=1):
        for sector in article.summary.sectors:
            section = sections.setdefault(sector.label, SectorSection(label=sector.label))
            if not any(e.text.lower() == sector.evidence.lower() and e.cite == n for e in section.evidence):
                section.evidence.append(CitedText(text=sector.evidence, cite=n))
            if n not in section.articles:
                section.articles.append(n)
                for p in partners:
                    if n in p.articles and p.name not in section.partners:
                        section.partners.append(p.name)
    return sorted(sections.values(), key=lambda s: (-len(s.articles), s.label.value))


def facts_text(articles: list[MemoArticle]) -> str:
    """The numbered facts the executive summary may use, and nothing else."""
    lines = []
    for n, a in enumerate(articles, start=1):
        s = a.summary
        parts = [f"[{n}] {s.title or ''}".strip()]
        if s.officials:
            parts.append("officials: " + "; ".join(
                f"{o.name} ({', '.join(x for x in (o.title, o.institution) if x)})" for o in s.officials))
        if s.partners:
            parts.append("partners: " + "; ".join(p.name for p in s.partners))
        if s.sectors:
            parts.append("sectors: " + "; ".join(x.evidence for x in s.sectors))
        if s.goals:
            parts.append("goals: " + "; ".join(g.text for g in s.goals))
        # Per-article summaries are left out: the model copied them instead of writing across articles.
        lines.append(" | ".join(parts))
    return "\n".join(lines)


def executive_summary(memo: BriefingMemo, articles: list[MemoArticle], llm: LLM | None, lang: str,
                      cache: "SentenceCache | None") -> None:
    """Ask the model for a few sentences over the facts; keep only those whose citations support them."""
    facts = facts_text(articles)
    language = "Indonesian (Bahasa Indonesia)" if lang == "id" else "English"
    key = hashlib.sha256(f"{MEMO_PROMPTS}\n{lang}\n{facts}".encode()).hexdigest()
    raw = cache.get(key) if cache is not None else None
    if raw is None:
        if llm is None:
            memo.warnings.append("no executive summary: no model available")
            return
        messages = [{"role": "system", "content": _memo_system_prompt()},
                    {"role": "user", "content": f"FACTS:\n{facts}\n\nWrite the sentences in {language}."}]
        try:
            reply = llm.create(executive_summary_model(len(articles)), messages, context={"article": facts},
                               max_tokens=500)
        except (InvalidReply, ModelError) as exc:
            memo.warnings.append(f"no executive summary: the model failed ({str(exc).splitlines()[0][:120]})")
            return
        memo.model = llm.name
        memo.usage = memo.usage.add(reply.usage)
        raw = [s.model_dump() for s in reply.value.sentences]
        if cache is not None:
            cache[key] = raw
    per_article = facts.splitlines()
    for sentence in raw:
        problem = unsupported(sentence["text"], sentence["cites"], per_article)
        if problem:
            memo.warnings.append(f"executive summary sentence dropped ({problem}): {sentence['text']}")
        else:
            memo.executive_summary.append(MemoSentence(text=sentence["text"], cites=sorted(set(sentence["cites"]))))


_STOP = {"yang", "dan", "di", "ke", "dari", "untuk", "dengan", "dalam", "pada", "ini", "itu", "serta", "akan",
         "the", "and", "of", "to", "in", "for", "with", "on", "by", "at", "is", "are", "kerja", "sama",
         "cooperation", "provinsi", "kota", "kabupaten", "gubernur", "province", "city", "governor"}


def unsupported(text: str, cites: list[int], facts: list[str]) -> str | None:
    """Why a sentence is not supported by the facts it cites, or None when it is.

    A sentence must cite at least one existing article; every capitalised name in it must occur in the facts
    it cites; and each cited article must support it on its own: a name of the sentence, or two of its content
    words, must be in that article's facts.
    """
    if not cites:
        return "cites no article"
    if any(not 1 <= c <= len(facts) for c in cites):
        return f"cites an article that does not exist ({', '.join(map(str, cites))})"
    cited_words = {c: set(tokens(facts[c - 1])) for c in set(cites)}
    every_cited = set().union(*cited_words.values())
    names = re.findall(r"\b[A-Z][a-z]+(?:\s+[A-Z][a-z]+)+", text)
    missing = [n for n in names if not all(w in every_cited for w in tokens(n))]
    if missing:
        return f"names what the cited articles do not: {', '.join(missing)}"
    content = {w for w in tokens(text) if w not in _STOP and len(w) > 3}
    name_words = [set(tokens(n)) - _STOP for n in names]
    for c, words in sorted(cited_words.items()):
        named = any(n and n <= words for n in name_words)
        if not named and len(content & words) < min(2, len(content)):
            return f"article [{c}] does not support it"
    return None



