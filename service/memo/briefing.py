"""Many summaries into one briefing memo: grouped by partner and sector, people and regions merged across
articles, a timeline, key quotes, and an executive summary whose every sentence is checked against the
articles it cites."""

import hashlib
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal, Protocol

from pydantic import Field, create_model

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
from service.extraction.text.dates import event_date
from service.extraction.text.party_names import heading_rank, region_key, same_party
from service.extraction.text.person_names import NameDirectory, names_match
from service.intake import dateline_outlet
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
QUOTES_PER_ARTICLE = 2


class SentenceCache(Protocol):
    """Where executive summaries are kept by the hash of their facts: a dict, or a store's `executive_summaries`
    (`service.library.store.ExecutiveSummaries`, which passes over what its store cannot keep)."""

    def get(self, key: str) -> list[dict] | None:
        """The sentences kept under `key` (each a dict with "text" and "cites"), or None."""

    def __setitem__(self, key: str, sentences: list[dict]) -> None:
        """Keep the sentences written from the facts hashed as `key`, in place of any kept before."""


@dataclass
class MemoArticle:
    """One article's summary with what a memo needs to cite it."""

    summary: Summary
    text: str
    outlet: str | None = None
    published: str | None = None  # ISO date, when known from outside the text


def executive_summary_model(cites: list[int]) -> type[CompactSchema]:
    """The reply schema for one sentence over the articles `cites`: citation numbers are an enum of those, so
    the model can neither cite an article outside its facts nor run on into an endless number."""
    cite: Any = Literal[tuple(cites)]  # type: ignore[valid-type]
    return create_model("SummarySentence", __base__=CompactSchema, text=(str, Field(max_length=300)),
                        cites=(list[cite], Field(min_length=1, max_length=len(cites))))


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
    # An outlet given from outside (sources.tsv, the store) wins; else the article's own dateline names it.
    return MemoSource(n=n, title=article.summary.title or f"Article {n}",
                      outlet=article.outlet or dateline_outlet(article.text),
                      url=article.summary.url, date=article.published or (found.iso() if found else None),
                      content_sha256=article.summary.content_sha256)


def officials_directory(articles: list[MemoArticle]) -> list[DirectoryEntry]:
    """Each person once, however written ("Mingrum Gumay" / "Mingrum"), with every position and article.

    A name joins the first entry it `names_match` either way; only entries `NameDirectory` offers are compared, so
    the cost grows with the number of names, not with its square."""
    entries: list[DirectoryEntry] = []
    index = NameDirectory()
    for n, article in enumerate(articles, start=1):
        for official in article.summary.officials:
            i = next((i for i in index.candidates(official.name) if names_match(official.name, entries[i].name)
                      or names_match(entries[i].name, official.name)), None)
            if i is None:
                i = len(entries)
                entries.append(DirectoryEntry(name=official.name))
                index.add(i, official.name)
            entry = entries[i]
            if official.name != entry.name:
                shorter, longer = sorted((official.name, entry.name), key=len)
                if longer != entry.name:
                    entry.name = longer
                    index.add(i, longer)
                if shorter not in entry.also_written:
                    entry.also_written.append(shorter)
            position = ", ".join(x for x in (official.title, official.institution) if x)
            if position and position not in entry.positions:
                entry.positions.append(position)
            if not entry.articles or entry.articles[-1] != n:  # articles are read in order: n is the latest
                entry.articles.append(n)
    return sorted(entries, key=lambda e: (-len(e.articles), e.name))


def partner_sections(articles: list[MemoArticle], sources: list[MemoSource],
                     directory: list[DirectoryEntry]) -> list[PartnerSection]:
    """Each region, country or body once ("Pemprov DKI" / "DKI Jakarta" / "Jakarta"), with what it agreed.

    A name joins the first section one of whose names is the `same_party`; only sections sharing a key word
    (`region_key`) with it are compared, each pair of names once."""
    sections: list[PartnerSection] = []
    by_word: dict[str, set[int]] = defaultdict(set)  # a key word -> the sections with a name that has it
    same = lru_cache(maxsize=None)(same_party)
    keys = lru_cache(maxsize=None)(region_key)
    directory_name = _directory_names(directory)
    seen: list[tuple[set[str], set[str]]] = []  # each section's officials and dates, to add each once
    for n, article in enumerate(articles, start=1):
        for partner in article.summary.partners:
            sharing = sorted(set().union(*(by_word.get(word, ()) for word in keys(partner.name))))
            i = next((i for i in sharing if any(same(partner.name, w) for w in
                                                 [sections[i].name, *sections[i].also_written])), None)
            if i is None:
                i = len(sections)
                sections.append(PartnerSection(name=partner.name, kind=partner.kind.value))
                seen.append((set(), set()))
                for word in keys(partner.name):
                    by_word[word].add(i)
            section = sections[i]
            if partner.name != section.name and partner.name not in section.also_written:
                if heading_rank(partner.name, partner.kind.value) > heading_rank(section.name, section.kind):
                    section.also_written.append(section.name)
                    section.name, section.kind = partner.name, partner.kind.value
                else:
                    section.also_written.append(partner.name)
                for word in keys(partner.name):
                    by_word[word].add(i)
            if section.articles and section.articles[-1] == n:  # articles are read in order: n is the latest
                continue
            section.articles.append(n)
            for sector in article.summary.sectors:
                if sector.label not in section.sectors:
                    section.sectors.append(sector.label)
            section.goals += [CitedText(text=g.text, cite=n) for g in article.summary.goals]
            officials, dates = seen[i]
            for official in article.summary.officials:
                name = directory_name.get(official.name, official.name)
                if name not in officials:
                    officials.add(name)
                    section.officials.append(name)
            date = sources[n - 1].date
            if date and date not in dates:
                dates.add(date)
                section.dates.append(date)
    _link_counterparts(sections)
    return sorted(sections, key=lambda s: (-len(s.articles), s.name))


def _link_counterparts(sections: list[PartnerSection]) -> None:
    """Each section's counterparts: the other sections with an article in common, in the order of `sections`."""
    in_article: dict[int, list[int]] = defaultdict(list)
    for i, section in enumerate(sections):
        for n in section.articles:
            in_article[n].append(i)
    for i, section in enumerate(sections):
        others = {j for n in section.articles for j in in_article[n] if j != i}
        section.counterparts = [sections[j].name for j in sorted(others)]


def _directory_names(directory: list[DirectoryEntry]) -> dict[str, str]:
    """Each way the directory writes a person, to the name it files them under (the first entry that has it)."""
    names: dict[str, str] = {}
    for entry in directory:
        for written in (entry.name, *entry.also_written):
            names.setdefault(written, entry.name)
    return names


def sector_sections(articles: list[MemoArticle], partners: list[PartnerSection]) -> list[SectorSection]:
    """Each sector once, with the articles' own words for it and the partners of its articles, most-cited
    first."""
    partners_of: dict[int, list[str]] = defaultdict(list)  # an article -> its partners, in the order of `partners`
    for p in partners:
        for n in p.articles:
            partners_of[n].append(p.name)
    sections: dict[SectorLabel, SectorSection] = {}
    said: dict[SectorLabel, set[tuple[str, int]]] = defaultdict(set)  # (evidence lower-cased, article) pairs
    named: dict[SectorLabel, set[str]] = defaultdict(set)  # the partners a section lists
    for n, article in enumerate(articles, start=1):
        for sector in article.summary.sectors:
            section = sections.setdefault(sector.label, SectorSection(label=sector.label))
            if (sector.evidence.lower(), n) not in said[sector.label]:
                said[sector.label].add((sector.evidence.lower(), n))
                section.evidence.append(CitedText(text=sector.evidence, cite=n))
            if not section.articles or section.articles[-1] != n:
                section.articles.append(n)
                for name in partners_of[n]:
                    if name not in named[sector.label]:
                        named[sector.label].add(name)
                        section.partners.append(name)
    return sorted(sections.values(), key=lambda s: (-len(s.articles), s.label.value))


SENTENCES = 5


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


def executive_summary(memo: BriefingMemo, articles: list[MemoArticle], llm: LLM | None, lang: str,
                      cache: "SentenceCache | None") -> None:
    """A sentence for each of up to `SENTENCES` articles, written by the model from that article's facts
    only; each is kept only when the article it cites supports it."""
    facts = [article_facts(n, a.summary, lang) for n, a in enumerate(articles, start=1)]
    language = language_name(lang)
    # One sentence per article: asked to write across several articles, the 1.5B model blended them into
    # statements none of them makes; over one article's facts it stays with what they say.
    requests = [(f"FACTS:\n{facts[n - 1]}\n\nWrite one sentence in {language} about this article.", [n])
                for n in summary_articles(memo.partners, len(articles))]
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
        translated = any(articles[c - 1].summary.language != lang for c in sentence["cites"] if 1 <= c <= len(articles))
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



