"""A briefing memo as Markdown, one self-contained printable HTML page, or a Word document.

Everything a memo shows came from outside: article text, the model's words, and a source URL that whoever
submitted the article chose. Each renderer therefore writes text as inert text in its format, and links a
source only when its URL is a web address (`schemas.urls.is_web_url`): a `javascript:` URL made into a link
runs in the reader's session.
"""

import base64
import hashlib
import html
import io
import re

from schemas.memo import BriefingMemo
from schemas.taxonomy import SECTOR_NAMES
from schemas.urls import is_web_url

WORDS = {
    "en": {"title": "Briefing memo: regional cooperation", "period": "Period", "articles": "articles",
           "sources": "sources", "summary": "Executive summary", "partners": "Cooperation by partner",
           "sectors": "Cooperation by sector", "officials": "Officials", "timeline": "Timeline",
           "quotes": "Key quotes", "source_list": "Sources", "sector": "Sectors", "goals": "Stated goals",
           "people": "Officials involved", "dates": "Dates", "with": "Partners", "evidence": "In the articles' words",
           "name": "Name", "position": "Position", "in": "Articles", "notes": "Checks", "none": "none",
           "also": "also written", "counterparts": "Together with", "offset": "characters", "unknown": "date not stated"},
    "id": {"title": "Memo briefing: kerja sama daerah", "period": "Periode", "articles": "artikel",
           "sources": "sumber", "summary": "Ringkasan eksekutif", "partners": "Kerja sama menurut mitra",
           "sectors": "Kerja sama menurut sektor", "officials": "Pejabat", "timeline": "Linimasa",
           "quotes": "Kutipan utama", "source_list": "Sumber", "sector": "Sektor", "goals": "Tujuan",
           "people": "Pejabat terlibat", "dates": "Tanggal", "with": "Mitra", "evidence": "Dalam kata artikel",
           "name": "Nama", "position": "Jabatan", "in": "Artikel", "notes": "Pemeriksaan", "none": "tidak ada",
           "also": "juga ditulis", "counterparts": "Bersama", "offset": "karakter", "unknown": "tanggal tidak disebut"},
}


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


def _w(memo: BriefingMemo) -> dict[str, str]:
    return WORDS.get(memo.language, WORDS["en"])


def _cites(numbers: list[int]) -> str:
    return "".join(f"[{n}]" for n in numbers)


def _header(memo: BriefingMemo) -> str:
    w = _w(memo)
    period = f"{memo.period[0]} – {memo.period[1]}" if memo.period else w["unknown"]
    return f"{w['period']}: {period} · {memo.article_count} {w['articles']} · {memo.source_count} {w['sources']}"


def _sector(label, memo: BriefingMemo) -> str:
    return SECTOR_NAMES[label][memo.language if memo.language in ("id", "en") else "en"]


# What Markdown would read as markup that makes something active or breaks the line's structure: raw HTML
# and autolinks (< >), links, images and reference definitions ([ ]), code spans (`), table cells (|), and the
# backslash that would undo an escape. Emphasis is left alone: it changes no more than how a word looks.
_MARKDOWN_ACTIVE = re.compile(r"([\\`<>\[\]|])")
_LINE_BREAKS = re.compile(r"\r\n?|\n")


def _md(text: str) -> str:
    """`text` as literal Markdown on one line: markup characters backslash-escaped, line breaks made spaces (a
    break would end the list item or quote it sits in and let the next line start a block of its own)."""
    return _MARKDOWN_ACTIVE.sub(r"\\\1", _LINE_BREAKS.sub(" ", text))


def _md_link(url: str) -> str:
    """A source URL in Markdown: an autolink when it is a web URL, else escaped text that no renderer links."""
    if not is_web_url(url):
        return _md(url)
    # A web URL has no whitespace or control characters; < and > are the only ones that end an autolink.
    return "<" + url.replace("<", "%3C").replace(">", "%3E") + ">"


def to_markdown(memo: BriefingMemo) -> str:
    """The memo as CommonMark (with a GitHub-style table): every outside text escaped, web URLs as autolinks."""
    memo = printable_memo(memo)
    w, m = _w(memo), _md
    out = [f"# {w['title']}", "", m(_header(memo)), "", f"## {w['summary']}", ""]
    out += [f"{m(s.text)} {_cites(s.cites)}" for s in memo.executive_summary] or [f"_{w['none']}_"]
    out += ["", f"## {w['partners']}", ""]
    for p in memo.partners:
        also = f" ({w['also']}: {', '.join(map(m, p.also_written))})" if p.also_written else ""
        out += [f"### {m(p.name)}{also} {_cites(p.articles)}", ""]
        if p.counterparts:
            out.append(f"- {w['counterparts']}: " + ", ".join(map(m, p.counterparts)))
        out.append(f"- {w['sector']}: " + (", ".join(_sector(s, memo) for s in p.sectors) or w["none"]))
        if p.goals:
            out.append(f"- {w['goals']}: " + "; ".join(f"{m(g.text)} [{g.cite}]" for g in p.goals))
        out.append(f"- {w['people']}: " + (", ".join(map(m, p.officials)) or w["none"]))
        if p.dates:
            out.append(f"- {w['dates']}: " + ", ".join(map(m, p.dates)))
        out.append("")
    out += [f"## {w['sectors']}", ""]
    for s in memo.sectors:
        out += [f"### {_sector(s.label, memo)} {_cites(s.articles)}", "",
                f"- {w['with']}: " + (", ".join(map(m, s.partners)) or w["none"]),
                f"- {w['evidence']}: " + "; ".join(f"“{m(e.text)}” [{e.cite}]" for e in s.evidence), ""]
    out += [f"## {w['officials']}", "", f"| {w['name']} | {w['position']} | {w['in']} |", "| --- | --- | --- |"]
    for o in memo.officials:
        also = f" ({w['also']}: {', '.join(map(m, o.also_written))})" if o.also_written else ""
        out.append(f"| {m(o.name)}{also} | {'; '.join(map(m, o.positions))} | {_cites(o.articles)} |")
    out += ["", f"## {w['timeline']}", ""]
    out += [f"- **{m(t.date)}** ({m(t.as_written)}): {m(t.event)} [{t.cite}]"
            for t in memo.timeline] or [f"_{w['none']}_"]
    out += ["", f"## {w['quotes']}", ""]
    for q in memo.quotes:
        source = memo.sources[q.cite - 1]
        out += [f"> “{m(q.text)}”", f"> — **{m(q.speaker)}**, [{q.cite}] {m(source.title)}"
                f"{', ' + m(source.outlet) if source.outlet else ''}, {w['offset']} {q.start}–{q.end}", ""]
    out += [f"## {w['source_list']}", ""]
    for s in memo.sources:
        bits = [b for b in (s.outlet and m(s.outlet), s.date and m(s.date), s.url and _md_link(s.url)) if b]
        out.append(f"{s.n}. {m(s.title)}" + (" — " + ", ".join(bits) if bits else ""))
    if memo.warnings:
        out += ["", f"## {w['notes']}", ""] + [f"- {m(x)}" for x in memo.warnings]
    return "\n".join(out) + "\n"


_CSS = """
body{font-family:Georgia,'Times New Roman',serif;max-width:54rem;margin:2rem auto;padding:0 1rem;color:#1c1c1c;
line-height:1.5}h1{font-size:1.7rem;margin-bottom:.2rem}h2{border-bottom:2px solid #7a1f1f;padding-bottom:.2rem;
margin-top:2rem;color:#7a1f1f;font-size:1.25rem}h3{font-size:1.05rem;margin:1.2rem 0 .3rem}.meta{color:#555}
sup{font-size:.7em;color:#7a1f1f}table{border-collapse:collapse;width:100%;font-size:.92rem}
th,td{border:1px solid #ccc;padding:.3rem .5rem;text-align:left;vertical-align:top}th{background:#f3ecec}
blockquote{margin:.6rem 0;padding:.4rem .8rem;border-left:3px solid #7a1f1f;background:#faf7f7}
.who{font-size:.9rem;color:#444}ol.sources li{margin-bottom:.3rem}.notes{color:#666;font-size:.85rem}
@media print{body{margin:0;max-width:none}h2{break-after:avoid}blockquote,tr{break-inside:avoid}
a{color:inherit;text-decoration:none}}
"""

STYLE_SOURCE = "'sha256-" + base64.b64encode(hashlib.sha256(_CSS.encode()).digest()).decode() + "'"
"""The CSP source that allows the HTML memo's one `<style>` element and nothing else. A page that shows the memo
in an `iframe srcdoc` needs it in its own `style-src`: the frame's document inherits the page's policy."""

# The memo runs no script and loads nothing: whatever hostile text got past the escaping stays inert, and a
# saved copy opened from disk is as safe as the preview.
_POLICY = f"default-src 'none'; style-src {STYLE_SOURCE}; img-src data:; base-uri 'none'; form-action 'none'"


def _sup(numbers: list[int]) -> str:
    return "".join(f'<sup><a href="#src{n}">[{n}]</a></sup>' for n in numbers)


def to_html(memo: BriefingMemo) -> str:
    """One self-contained page (no external assets, no script, a Content-Security-Policy that allows neither),
    readable on screen and printable; sources link out only when their URL is a web address."""
    memo = printable_memo(memo)
    w, e = _w(memo), html.escape
    out = [f'<!doctype html><html lang="{e(memo.language)}"><head><meta charset="utf-8">',
           f'<meta http-equiv="Content-Security-Policy" content="{e(_POLICY)}">',
           '<meta name="viewport" content="width=device-width,initial-scale=1">',
           f"<title>{e(w['title'])}</title><style>{_CSS}</style></head><body>",
           f"<h1>{e(w['title'])}</h1><p class=meta>{e(_header(memo))}</p>", f"<h2>{e(w['summary'])}</h2>"]
    out += [f"<p>{e(s.text)}{_sup(s.cites)}</p>" for s in memo.executive_summary] or [f"<p><em>{w['none']}</em></p>"]
    out.append(f"<h2>{e(w['partners'])}</h2>")
    for p in memo.partners:
        also = f" <span class=meta>({e(w['also'])}: {e(', '.join(p.also_written))})</span>" if p.also_written else ""
        out.append(f"<h3>{e(p.name)}{also}{_sup(p.articles)}</h3><ul>")
        if p.counterparts:
            out.append(f"<li>{e(w['counterparts'])}: {e(', '.join(p.counterparts))}</li>")
        out.append(f"<li>{e(w['sector'])}: {e(', '.join(_sector(s, memo) for s in p.sectors) or w['none'])}</li>")
        if p.goals:
            out.append(f"<li>{e(w['goals'])}: " + "; ".join(f"{e(g.text)}{_sup([g.cite])}" for g in p.goals) + "</li>")
        out.append(f"<li>{e(w['people'])}: {e(', '.join(p.officials) or w['none'])}</li>")
        if p.dates:
            out.append(f"<li>{e(w['dates'])}: {e(', '.join(p.dates))}</li>")
        out.append("</ul>")
    out.append(f"<h2>{e(w['sectors'])}</h2>")
    for s in memo.sectors:
        out.append(f"<h3>{e(_sector(s.label, memo))}{_sup(s.articles)}</h3><ul>"
                   f"<li>{e(w['with'])}: {e(', '.join(s.partners) or w['none'])}</li>"
                   f"<li>{e(w['evidence'])}: " + "; ".join(f"“{e(x.text)}”{_sup([x.cite])}" for x in s.evidence)
                   + "</li></ul>")
    out.append(f"<h2>{e(w['officials'])}</h2><table><tr><th>{e(w['name'])}</th><th>{e(w['position'])}</th>"
               f"<th>{e(w['in'])}</th></tr>")
    for o in memo.officials:
        also = f"<br><span class=meta>{e(w['also'])}: {e(', '.join(o.also_written))}</span>" if o.also_written else ""
        out.append(f"<tr><td>{e(o.name)}{also}</td><td>{e('; '.join(o.positions))}</td><td>{_sup(o.articles)}</td></tr>")
    out.append(f"</table><h2>{e(w['timeline'])}</h2><ul>")
    out += [f"<li><strong>{e(t.date)}</strong> ({e(t.as_written)}): {e(t.event)}{_sup([t.cite])}</li>"
            for t in memo.timeline] or [f"<li><em>{w['none']}</em></li>"]
    out.append(f"</ul><h2>{e(w['quotes'])}</h2>")
    for q in memo.quotes:
        src = memo.sources[q.cite - 1]
        out.append(f"<blockquote>“{e(q.text)}”<div class=who>— <strong>{e(q.speaker)}</strong>, "
                   f"{_sup([q.cite])} {e(src.title)}{', ' + e(src.outlet) if src.outlet else ''}, "
                   f"{e(w['offset'])} {q.start}–{q.end}</div></blockquote>")
    out.append(f"<h2>{e(w['source_list'])}</h2><ol class=sources>")
    for s in memo.sources:
        # A source opens in a tab of its own: the web page's preview frame may neither run nor load another site.
        link = (f' — <a href="{e(s.url)}" target="_blank" rel="noopener noreferrer">{e(s.url)}</a>'
                if is_web_url(s.url) else f" — {e(s.url)}" if s.url else "")
        bits = ", ".join(e(b) for b in (s.outlet, s.date) if b)
        out.append(f'<li id="src{s.n}">{e(s.title)}{" — " + bits if bits else ""}{link}</li>')
    out.append("</ol>")
    if memo.warnings:
        out.append(f"<h2>{e(w['notes'])}</h2><ul class=notes>" + "".join(f"<li>{e(x)}</li>" for x in memo.warnings)
                   + "</ul>")
    out.append("</body></html>")
    return "\n".join(out)


def to_docx(memo: BriefingMemo) -> bytes:
    """A Word document: headings, tables, and numbered citations that point to the Sources list at the end."""
    from docx import Document
    from docx.shared import Pt, RGBColor

    memo = printable_memo(memo)
    w = _w(memo)
    doc = Document()
    doc.styles["Normal"].font.name = "Calibri"
    doc.styles["Normal"].font.size = Pt(11)
    doc.add_heading(w["title"], level=0)
    doc.add_paragraph(_header(memo)).runs[0].font.color.rgb = RGBColor(0x55, 0x55, 0x55)

    def cited(paragraph, numbers: list[int]) -> None:
        for n in numbers:
            run = paragraph.add_run(f"[{n}]")
            run.font.superscript = True
            run.font.color.rgb = RGBColor(0x7A, 0x1F, 0x1F)

    doc.add_heading(w["summary"], level=1)
    for s in memo.executive_summary:
        cited(doc.add_paragraph(s.text + " "), s.cites)
    if not memo.executive_summary:
        doc.add_paragraph(w["none"])
    doc.add_heading(w["partners"], level=1)
    for p in memo.partners:
        heading = doc.add_heading(p.name, level=2)
        cited(heading, p.articles)
        if p.counterparts:
            doc.add_paragraph(f"{w['counterparts']}: " + ", ".join(p.counterparts), style="List Bullet")
        doc.add_paragraph(f"{w['sector']}: " + (", ".join(_sector(s, memo) for s in p.sectors) or w["none"]),
                          style="List Bullet")
        for g in p.goals:
            cited(doc.add_paragraph(f"{w['goals']}: {g.text} ", style="List Bullet"), [g.cite])
        doc.add_paragraph(f"{w['people']}: " + (", ".join(p.officials) or w["none"]), style="List Bullet")
    doc.add_heading(w["sectors"], level=1)
    for s in memo.sectors:
        cited(doc.add_heading(_sector(s.label, memo), level=2), s.articles)
        doc.add_paragraph(f"{w['with']}: " + (", ".join(s.partners) or w["none"]), style="List Bullet")
        for x in s.evidence:
            cited(doc.add_paragraph(f"“{x.text}” ", style="List Bullet"), [x.cite])
    doc.add_heading(w["officials"], level=1)
    table = doc.add_table(rows=1, cols=3)
    table.style = "Light Grid Accent 1"
    for cell, text in zip(table.rows[0].cells, (w["name"], w["position"], w["in"])):
        cell.text = text
    for o in memo.officials:
        row = table.add_row().cells
        row[0].text = o.name + (f" ({w['also']}: {', '.join(o.also_written)})" if o.also_written else "")
        row[1].text = "; ".join(o.positions)
        row[2].text = _cites(o.articles)
    doc.add_heading(w["timeline"], level=1)
    for t in memo.timeline:
        cited(doc.add_paragraph(f"{t.date} ({t.as_written}): {t.event} ", style="List Bullet"), [t.cite])
    doc.add_heading(w["quotes"], level=1)
    for q in memo.quotes:
        src = memo.sources[q.cite - 1]
        quote = doc.add_paragraph(f"“{q.text}”", style="Intense Quote")
        quote.add_run(f"\n— {q.speaker}, ")
        cited(quote, [q.cite])
        quote.add_run(f" {src.title}, {w['offset']} {q.start}–{q.end}")
    doc.add_heading(w["source_list"], level=1)
    for s in memo.sources:
        bits = ", ".join(b for b in (s.outlet, s.date) if b)
        source = doc.add_paragraph(f"[{s.n}] {s.title}" + (f" — {bits}" if bits else ""))
        if s.url and is_web_url(s.url):
            source.add_run(", " if bits else " — ")
            _docx_link(source, s.url)
        elif s.url:
            source.add_run((", " if bits else " — ") + s.url)
    if memo.warnings:
        doc.add_heading(w["notes"], level=1)
        for x in memo.warnings:
            doc.add_paragraph(x, style="List Bullet")
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


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
