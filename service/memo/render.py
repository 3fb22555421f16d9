"""A briefing memo as Markdown, one self-contained printable HTML page, or a Word document.

Everything a memo shows came from outside: article text, the model's words, and a source URL that whoever
submitted the article chose. Each renderer therefore writes text as inert text in its format, and links a
source only when its URL is a web address (`schemas.urls.is_web_url`): a `javascript:` URL made into a link
runs in the reader's session.
"""

import base64
import hashlib
import io
import re
from html import escape

from schemas.memo import BriefingMemo
from schemas.urls import is_web_url
from service.vocabulary import DATA_DIR, labels, sector_name

# XML 1.0, and so a Word document, admits no C0 control character but tab, line feed and carriage return, no
# lone surrogate, and neither U+FFFE nor U+FFFF; python-docx refuses a string with one. Text taken from PDFs is
# full of them (a form feed at each page break). DEL is valid XML but prints as nothing useful in any format.
_UNPRINTABLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


def printable(text: str) -> str:
    """`text` with each character no memo format can hold (C0 controls other than tab and line breaks, DEL,
    lone surrogates, U+FFFE, U+FFFF) replaced by one space, so offsets into it still count the same."""
    return _UNPRINTABLE.sub(" ", text)


def printable_memo(memo: BriefingMemo) -> BriefingMemo:
    """A copy of `memo` with `printable` applied to every text in it, for a renderer; the memo, and the stored
    summaries and articles it came from, keep their exact text."""
    def fold(value):
        if isinstance(value, str):
            return printable(value)
        if isinstance(value, dict):
            return {k: fold(v) for k, v in value.items()}
        if isinstance(value, list | tuple):
            return [fold(v) for v in value]
        return value

    return BriefingMemo.model_validate(fold(memo.model_dump(mode="json")))


def _cites(numbers: list[int]) -> str:
    return "".join(f"[{n}]" for n in numbers)


def _header(memo: BriefingMemo) -> str:
    """The line under the title: the period covered, and how many articles from how many sources."""
    words = labels("memo", memo.language)
    period = f"{memo.period[0]} – {memo.period[1]}" if memo.period else words["unknown"]
    return f"{words['period']}: {period} · {memo.article_count} {words['articles']} · {memo.source_count} " \
        f"{words['sources']}"


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
    words, md = labels("memo", memo.language), markdown_text
    out = [f"# {words['title']}", "", md(_header(memo)), "", f"## {words['summary']}", ""]
    out += [f"{md(s.text)} {_cites(s.cites)}" for s in memo.executive_summary] or [f"_{words['none']}_"]
    out += ["", f"## {words['partners']}", ""]
    for p in memo.partners:
        also = f" ({words['also']}: {', '.join(map(md, p.also_written))})" if p.also_written else ""
        out += [f"### {md(p.name)}{also} {_cites(p.articles)}", ""]
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
        out += [f"### {sector_name(s.label, memo.language)} {_cites(s.articles)}", "",
                f"- {words['with']}: " + (", ".join(map(md, s.partners)) or words["none"]),
                f"- {words['evidence']}: " + "; ".join(f"“{md(x.text)}” [{x.cite}]" for x in s.evidence), ""]
    out += [f"## {words['officials']}", "", f"| {words['name']} | {words['position']} | {words['in']} |",
            "| --- | --- | --- |"]
    for o in memo.officials:
        also = f" ({words['also']}: {', '.join(map(md, o.also_written))})" if o.also_written else ""
        out.append(f"| {md(o.name)}{also} | {'; '.join(map(md, o.positions))} | {_cites(o.articles)} |")
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


# The memo's one style sheet, screen and print: read as it is, since its hash is the page's style policy.
_CSS = (DATA_DIR / "memo.css").read_text(encoding="utf-8")

STYLE_SOURCE = "'sha256-" + base64.b64encode(hashlib.sha256(_CSS.encode()).digest()).decode() + "'"
"""The CSP source that allows the HTML memo's one `<style>` element and nothing else. A page that shows the memo
in an `iframe srcdoc` needs it in its own `style-src`: the frame's document inherits the page's policy."""

# The memo runs no script and loads nothing: whatever hostile text got past the escaping stays inert, and a
# saved copy opened from disk is as safe as the preview.
_POLICY = f"default-src 'none'; style-src {STYLE_SOURCE}; img-src data:; base-uri 'none'; form-action 'none'"


def _sup(numbers: list[int]) -> str:
    """Citation numbers as superscript links to their sources."""
    return "".join(f'<sup><a href="#src{n}">[{n}]</a></sup>' for n in numbers)


def to_html(memo: BriefingMemo) -> str:
    """One self-contained page (no external assets, no script, a Content-Security-Policy that allows neither),
    readable on screen and printable; sources link out only when their URL is a web address."""
    memo = printable_memo(memo)
    words = labels("memo", memo.language)
    out = [f'<!doctype html><html lang="{escape(memo.language)}"><head><meta charset="utf-8">',
           f'<meta http-equiv="Content-Security-Policy" content="{escape(_POLICY)}">',
           '<meta name="viewport" content="width=device-width,initial-scale=1">',
           f"<title>{escape(words['title'])}</title><style>{_CSS}</style></head><body>",
           f"<h1>{escape(words['title'])}</h1><p class=meta>{escape(_header(memo))}</p>",
           f"<h2>{escape(words['summary'])}</h2>"]
    out += [f"<p>{escape(s.text)}{_sup(s.cites)}</p>" for s in memo.executive_summary] or \
        [f"<p><em>{words['none']}</em></p>"]
    out += _html_partners(memo, words) + _html_sectors(memo, words) + _html_officials(memo, words)
    out.append(f"</table><h2>{escape(words['timeline'])}</h2><ul>")
    out += [f"<li><strong>{escape(t.date)}</strong> ({escape(t.as_written)}): {escape(t.event)}{_sup([t.cite])}</li>"
            for t in memo.timeline] or [f"<li><em>{words['none']}</em></li>"]
    out.append(f"</ul><h2>{escape(words['quotes'])}</h2>")
    for q in memo.quotes:
        source = memo.sources[q.cite - 1]
        out.append(f"<blockquote>“{escape(q.text)}”<div class=who>— <strong>{escape(q.speaker)}</strong>, "
                   f"{_sup([q.cite])} {escape(source.title)}{', ' + escape(source.outlet) if source.outlet else ''}, "
                   f"{escape(words['offset'])} {q.start}–{q.end}</div></blockquote>")
    out += _html_sources(memo, words)
    if memo.warnings:
        out.append(f"<h2>{escape(words['notes'])}</h2><ul class=notes>"
                   + "".join(f"<li>{escape(x)}</li>" for x in memo.warnings) + "</ul>")
    out.append("</body></html>")
    return "\n".join(out)


def _html_partners(memo: BriefingMemo, words: dict[str, str]) -> list[str]:
    """The HTML lines of the section by partner: one heading and list per partner."""
    out = [f"<h2>{escape(words['partners'])}</h2>"]
    for p in memo.partners:
        also = f" <span class=meta>({escape(words['also'])}: {escape(', '.join(p.also_written))})</span>" \
            if p.also_written else ""
        out.append(f"<h3>{escape(p.name)}{also}{_sup(p.articles)}</h3><ul>")
        if p.counterparts:
            out.append(f"<li>{escape(words['counterparts'])}: {escape(', '.join(p.counterparts))}</li>")
        sectors = ", ".join(sector_name(s, memo.language) for s in p.sectors) or words["none"]
        out.append(f"<li>{escape(words['sector'])}: {escape(sectors)}</li>")
        if p.goals:
            out.append(f"<li>{escape(words['goals'])}: "
                       + "; ".join(f"{escape(g.text)}{_sup([g.cite])}" for g in p.goals) + "</li>")
        out.append(f"<li>{escape(words['people'])}: {escape(', '.join(p.officials) or words['none'])}</li>")
        if p.dates:
            out.append(f"<li>{escape(words['dates'])}: {escape(', '.join(p.dates))}</li>")
        out.append("</ul>")
    return out


def _html_sectors(memo: BriefingMemo, words: dict[str, str]) -> list[str]:
    """The HTML lines of the section by sector: its partners and the articles' own words for it."""
    out = [f"<h2>{escape(words['sectors'])}</h2>"]
    for s in memo.sectors:
        out.append(f"<h3>{escape(sector_name(s.label, memo.language))}{_sup(s.articles)}</h3><ul>"
                   f"<li>{escape(words['with'])}: {escape(', '.join(s.partners) or words['none'])}</li>"
                   f"<li>{escape(words['evidence'])}: "
                   + "; ".join(f"“{escape(x.text)}”{_sup([x.cite])}" for x in s.evidence) + "</li></ul>")
    return out


def _html_officials(memo: BriefingMemo, words: dict[str, str]) -> list[str]:
    """The HTML lines of the officials' table, left open for the caller to close."""
    out = [f"<h2>{escape(words['officials'])}</h2><table><tr><th>{escape(words['name'])}</th>"
           f"<th>{escape(words['position'])}</th><th>{escape(words['in'])}</th></tr>"]
    for o in memo.officials:
        also = f"<br><span class=meta>{escape(words['also'])}: {escape(', '.join(o.also_written))}</span>" \
            if o.also_written else ""
        out.append(f"<tr><td>{escape(o.name)}{also}</td><td>{escape('; '.join(o.positions))}</td>"
                   f"<td>{_sup(o.articles)}</td></tr>")
    return out


def _html_sources(memo: BriefingMemo, words: dict[str, str]) -> list[str]:
    """The HTML lines of the numbered list of sources; a web URL links out, any other is shown as text."""
    out = [f"<h2>{escape(words['source_list'])}</h2><ol class=sources>"]
    for s in memo.sources:
        # A source opens in a tab of its own: the web page's preview frame may neither run nor load another site.
        link = (f' — <a href="{escape(s.url)}" target="_blank" rel="noopener noreferrer">{escape(s.url)}</a>'
                if is_web_url(s.url) else f" — {escape(s.url)}" if s.url else "")
        bits = ", ".join(escape(b) for b in (s.outlet, s.date) if b)
        out.append(f'<li id="src{s.n}">{escape(s.title)}{" — " + bits if bits else ""}{link}</li>')
    out.append("</ol>")
    return out


def to_docx(memo: BriefingMemo) -> bytes:
    """A Word document: headings, tables, and numbered citations that point to the Sources list at the end.

    Needs python-docx (imported here, so the other formats work without it)."""
    from docx.shared import Pt, RGBColor

    memo = printable_memo(memo)
    words = labels("memo", memo.language)
    doc = _WordDocument()
    doc.styles["Normal"].font.name = "Calibri"
    doc.styles["Normal"].font.size = Pt(11)
    doc.add_heading(words["title"], level=0)
    doc.add_paragraph(_header(memo)).runs[0].font.color.rgb = RGBColor(0x55, 0x55, 0x55)
    doc.add_heading(words["summary"], level=1)
    for s in memo.executive_summary:
        _docx_cited(doc.add_paragraph(s.text + " "), s.cites)
    if not memo.executive_summary:
        doc.add_paragraph(words["none"])
    _docx_partners(doc, memo, words)
    _docx_sectors(doc, memo, words)
    _docx_officials(doc, memo, words)
    doc.add_heading(words["timeline"], level=1)
    for t in memo.timeline:
        _docx_cited(doc.add_paragraph(f"{t.date} ({t.as_written}): {t.event} ", style="List Bullet"), [t.cite])
    doc.add_heading(words["quotes"], level=1)
    for q in memo.quotes:
        source = memo.sources[q.cite - 1]
        quote = doc.add_paragraph(f"“{q.text}”", style="Intense Quote")
        quote.add_run(f"\n— {q.speaker}, ")
        _docx_cited(quote, [q.cite])
        quote.add_run(f" {source.title}, {words['offset']} {q.start}–{q.end}")
    _docx_sources(doc, memo, words)
    if memo.warnings:
        doc.add_heading(words["notes"], level=1)
        for x in memo.warnings:
            doc.add_paragraph(x, style="List Bullet")
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


class _WordDocument:
    """A python-docx document that adds each paragraph at a constant cost. python-docx's own `add_paragraph`
    looks for the body's closing section properties from its first element on, and for a style by its name
    through all styles, at every paragraph: a memo of a thousand articles took seconds more for each added."""

    def __init__(self):
        from docx import Document

        self.document = Document()
        self.styles, self.add_table, self.save = self.document.styles, self.document.add_table, self.document.save
        self._end = self.document.element.body.sectPr  # the body's last element: paragraphs go before it
        self._style_ids: dict[str, str] = {}

    def add_paragraph(self, text: str = "", style: str | None = None):
        """A new last paragraph of `text` in the paragraph style named `style` (python-docx's signature)."""
        from docx.oxml import OxmlElement
        from docx.text.paragraph import Paragraph

        p = OxmlElement("w:p")
        self._end.addprevious(p)
        if style:
            p.style = self._style_ids.setdefault(style, self.styles[style].style_id)
        paragraph = Paragraph(p, self.document)
        if text:
            paragraph.add_run(text)
        return paragraph

    def add_heading(self, text: str, level: int):
        """A heading of `level` (0 is the document's title), as python-docx's `add_heading`."""
        return self.add_paragraph(text, "Title" if level == 0 else f"Heading {level}")


def _docx_cited(paragraph, numbers: list[int]) -> None:
    """Citation numbers at the end of a Word paragraph or heading, as superscript in the memo's red."""
    from docx.shared import RGBColor

    for n in numbers:
        run = paragraph.add_run(f"[{n}]")
        run.font.superscript = True
        run.font.color.rgb = RGBColor(0x7A, 0x1F, 0x1F)


def _docx_partners(doc, memo: BriefingMemo, words: dict[str, str]) -> None:
    """The section by partner: a heading per partner and a bullet per thing said about it."""
    doc.add_heading(words["partners"], level=1)
    for p in memo.partners:
        _docx_cited(doc.add_heading(p.name, level=2), p.articles)
        if p.counterparts:
            doc.add_paragraph(f"{words['counterparts']}: " + ", ".join(p.counterparts), style="List Bullet")
        sectors = ", ".join(sector_name(s, memo.language) for s in p.sectors) or words["none"]
        doc.add_paragraph(f"{words['sector']}: {sectors}", style="List Bullet")
        for g in p.goals:
            _docx_cited(doc.add_paragraph(f"{words['goals']}: {g.text} ", style="List Bullet"), [g.cite])
        doc.add_paragraph(f"{words['people']}: " + (", ".join(p.officials) or words["none"]), style="List Bullet")


def _docx_sectors(doc, memo: BriefingMemo, words: dict[str, str]) -> None:
    """The section by sector: its partners and the articles' own words for it."""
    doc.add_heading(words["sectors"], level=1)
    for s in memo.sectors:
        _docx_cited(doc.add_heading(sector_name(s.label, memo.language), level=2), s.articles)
        doc.add_paragraph(f"{words['with']}: " + (", ".join(s.partners) or words["none"]), style="List Bullet")
        for x in s.evidence:
            _docx_cited(doc.add_paragraph(f"“{x.text}” ", style="List Bullet"), [x.cite])


def _docx_officials(doc, memo: BriefingMemo, words: dict[str, str]) -> None:
    """The officials' table: name (and other spellings), positions, articles."""
    doc.add_heading(words["officials"], level=1)
    table = doc.add_table(rows=1, cols=3)
    table.style = "Light Grid Accent 1"
    for cell, text in zip(table.rows[0].cells, (words["name"], words["position"], words["in"])):
        cell.text = text
    for o in memo.officials:
        row = table.add_row().cells
        row[0].text = o.name + (f" ({words['also']}: {', '.join(o.also_written)})" if o.also_written else "")
        row[1].text = "; ".join(o.positions)
        row[2].text = _cites(o.articles)


def _docx_sources(doc, memo: BriefingMemo, words: dict[str, str]) -> None:
    """The numbered sources; a web URL as a link, any other as text."""
    doc.add_heading(words["source_list"], level=1)
    for s in memo.sources:
        bits = ", ".join(b for b in (s.outlet, s.date) if b)
        source = doc.add_paragraph(f"[{s.n}] {s.title}" + (f" — {bits}" if bits else ""))
        if s.url and is_web_url(s.url):
            source.add_run(", " if bits else " — ")
            _docx_link(source, s.url)
        elif s.url:
            source.add_run((", " if bits else " — ") + s.url)


def _docx_link(paragraph, url: str) -> None:
    """`url` as a clickable link at the end of `paragraph`; callers pass web URLs only (python-docx has no call
    for an external hyperlink, so the element and its relationship are written by hand)."""
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import RGBColor

    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True))
    run = paragraph.add_run(url)
    run.font.underline = True
    run.font.color.rgb = RGBColor(0x1F, 0x4E, 0x9A)
    link.append(run._r)  # the run moves from the paragraph into the link
    paragraph._p.append(link)
