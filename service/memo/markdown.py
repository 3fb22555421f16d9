"""A briefing memo as Markdown, and the escaping that makes outside text inert Markdown (which one summary's
Markdown view, `service.memo.summary_markdown`, uses too)."""

import re

from schemas.memo import BriefingMemo
from schemas.urls import is_web_url
from service.memo.text import citation_marks, header_line, printable_memo
from service.vocabulary import labels, sector_name

# What Markdown would read as markup that makes something active or breaks the line's structure: raw HTML
# and autolinks (< >), links, images and reference definitions ([ ]), code spans (`), table cells (|), and the
# backslash that would undo an escape. Emphasis is left alone: it changes no more than how a word looks.
_MARKDOWN_ACTIVE = re.compile(r"([\\`<>\[\]|])")
_LINE_BREAKS = re.compile(r"\r\n?|\n")


def markdown_text(text: str) -> str:
    """`text` as literal Markdown on one line: markup characters backslash-escaped, line breaks made spaces (a
    break would end the list item or quote it sits in and let the next line start a block of its own)."""
    return _MARKDOWN_ACTIVE.sub(r"\\\1", _LINE_BREAKS.sub(" ", text))


def markdown_link(url: str) -> str:
    """A source URL in Markdown: an autolink when it is a web URL, else escaped text that no renderer links."""
    if not is_web_url(url):
        return markdown_text(url)
    # A web URL has no whitespace or control characters; < and > are the only ones that end an autolink.
    return "<" + url.replace("<", "%3C").replace(">", "%3E") + ">"


def to_markdown(memo: BriefingMemo) -> str:
    """The memo as CommonMark (with a GitHub-style table): every outside text escaped, web URLs as autolinks."""
    memo = printable_memo(memo)
    words, md, cites = labels("memo", memo.language), markdown_text, citation_marks
    out = [f"# {words['title']}", "", md(header_line(memo)), "", f"## {words['summary']}", ""]
    out += [f"{md(s.text)} {cites(s.cites)}" for s in memo.executive_summary] or [f"_{words['none']}_"]
    out += ["", f"## {words['partners']}", ""]
    for p in memo.partners:
        also = f" ({words['also']}: {', '.join(map(md, p.also_written))})" if p.also_written else ""
        out += [f"### {md(p.name)}{also} {cites(p.articles)}", ""]
        if p.counterparts:
            out.append(f"- {words['counterparts']}: " + ", ".join(map(md, p.counterparts)))
        sectors = ", ".join(sector_name(s, memo.language) for s in p.sectors) or words["none"]
        out.append(f"- {words['sector']}: {sectors}")
        if p.goals:
            out.append(f"- {words['goals']}: " + "; ".join(f"{md(g.text)} [{g.cite}]" for g in p.goals))
        out.append(f"- {words['people']}: " + (", ".join(map(md, p.officials)) or words["none"]))
        if p.dates:
            out.append(f"- {words['dates']}: " + ", ".join(map(md, p.dates)))
        out.append("")
    out += [f"## {words['sectors']}", ""]
    for s in memo.sectors:
        out += [f"### {sector_name(s.label, memo.language)} {cites(s.articles)}", "",
                f"- {words['with']}: " + (", ".join(map(md, s.partners)) or words["none"]),
                f"- {words['evidence']}: " + "; ".join(f"“{md(x.text)}” [{x.cite}]" for x in s.evidence), ""]
    out += [f"## {words['officials']}", "", f"| {words['name']} | {words['position']} | {words['in']} |",
            "| --- | --- | --- |"]
    for o in memo.officials:
        also = f" ({words['also']}: {', '.join(map(md, o.also_written))})" if o.also_written else ""
        out.append(f"| {md(o.name)}{also} | {'; '.join(map(md, o.positions))} | {cites(o.articles)} |")
    out += ["", f"## {words['timeline']}", ""]
    out += [f"- **{md(t.date)}** ({md(t.as_written)}): {md(t.event)} [{t.cite}]"
            for t in memo.timeline] or [f"_{words['none']}_"]
    out += ["", f"## {words['quotes']}", ""]
    for q in memo.quotes:
        source = memo.sources[q.cite - 1]
        out += [f"> “{md(q.text)}”", f"> — **{md(q.speaker)}**, [{q.cite}] {md(source.title)}"
                f"{', ' + md(source.outlet) if source.outlet else ''}, {words['offset']} {q.start}–{q.end}", ""]
    out += [f"## {words['source_list']}", ""]
    for s in memo.sources:
        bits = [b for b in (s.outlet and md(s.outlet), s.date and md(s.date), s.url and markdown_link(s.url)) if b]
        out.append(f"{s.n}. {md(s.title)}" + (" — " + ", ".join(bits) if bits else ""))
    if memo.warnings:
        out += ["", f"## {words['notes']}", ""] + [f"- {md(x)}" for x in memo.warnings]
    return "\n".join(out) + "\n"
