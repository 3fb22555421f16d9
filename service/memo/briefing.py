"""Many summaries into one briefing memo: grouped by partner and sector, people and regions merged across
articles, a timeline, key quotes, and an executive summary whose every sentence is checked against the
articles it cites."""

from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

from schemas.memo import (
    BriefingMemo,
    CitedText,
    DirectoryEntry,
    KeyQuote,
    MemoProse,
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
from service.memo.executive_summary import SentenceCache, executive_summary
from service.model.llm import LLM

QUOTES_PER_ARTICLE = 2


@dataclass
class MemoArticle:
    """One article's summary with what a memo needs to cite it."""

    summary: Summary
    text: str
    outlet: str | None = None
    published: str | None = None  # ISO date, when known from outside the text


def build_memo(articles: list[MemoArticle], llm: LLM | None, *, lang: str = "id",
               summary_cache: SentenceCache | None = None, prose: MemoProse = "code") -> BriefingMemo:
    """The memo of `articles`. Its executive summary is written by code from the events (`prose="code"`, no model
    call), or by `llm` (`prose="model"`; left out, and said so, with no `llm`).

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
        executive_summary(memo, [a.summary for a in articles], llm, lang, summary_cache, prose)
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


