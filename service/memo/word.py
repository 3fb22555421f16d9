"""A briefing memo as a Word document, written with python-docx."""

import io

from schemas.memo import BriefingMemo
from schemas.urls import is_web_url
from service.memo.text import citation_marks, header_line, printable_memo
from service.vocabulary import labels, sector_name


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
    doc.add_paragraph(header_line(memo)).runs[0].font.color.rgb = RGBColor(0x55, 0x55, 0x55)
    doc.add_heading(words["summary"], level=1)
    for s in memo.executive_summary:
        _cited(doc.add_paragraph(s.text + " "), s.cites)
    if not memo.executive_summary:
        doc.add_paragraph(words["none"])
    _partners(doc, memo, words)
    _sectors(doc, memo, words)
    _officials(doc, memo, words)
    doc.add_heading(words["timeline"], level=1)
    for t in memo.timeline:
        _cited(doc.add_paragraph(f"{t.date} ({t.as_written}): {t.event} ", style="List Bullet"), [t.cite])
    doc.add_heading(words["quotes"], level=1)
    for q in memo.quotes:
        source = memo.sources[q.cite - 1]
        quote = doc.add_paragraph(f"“{q.text}”", style="Intense Quote")
        quote.add_run(f"\n— {q.speaker}, ")
        _cited(quote, [q.cite])
        quote.add_run(f" {source.title}, {words['offset']} {q.start}–{q.end}")
    _sources(doc, memo, words)
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


def _cited(paragraph, numbers: list[int]) -> None:
    """Citation numbers at the end of a Word paragraph or heading, as superscript in the memo's red."""
    from docx.shared import RGBColor

    for n in numbers:
        run = paragraph.add_run(f"[{n}]")
        run.font.superscript = True
        run.font.color.rgb = RGBColor(0x7A, 0x1F, 0x1F)


def _partners(doc, memo: BriefingMemo, words: dict[str, str]) -> None:
    """The section by partner: a heading per partner and a bullet per thing said about it."""
    doc.add_heading(words["partners"], level=1)
    for p in memo.partners:
        _cited(doc.add_heading(p.name, level=2), p.articles)
        if p.counterparts:
            doc.add_paragraph(f"{words['counterparts']}: " + ", ".join(p.counterparts), style="List Bullet")
        sectors = ", ".join(sector_name(s, memo.language) for s in p.sectors) or words["none"]
        doc.add_paragraph(f"{words['sector']}: {sectors}", style="List Bullet")
        for g in p.goals:
            _cited(doc.add_paragraph(f"{words['goals']}: {g.text} ", style="List Bullet"), [g.cite])
        doc.add_paragraph(f"{words['people']}: " + (", ".join(p.officials) or words["none"]), style="List Bullet")


def _sectors(doc, memo: BriefingMemo, words: dict[str, str]) -> None:
    """The section by sector: its partners and the articles' own words for it."""
    doc.add_heading(words["sectors"], level=1)
    for s in memo.sectors:
        _cited(doc.add_heading(sector_name(s.label, memo.language), level=2), s.articles)
        doc.add_paragraph(f"{words['with']}: " + (", ".join(s.partners) or words["none"]), style="List Bullet")
        for x in s.evidence:
            _cited(doc.add_paragraph(f"“{x.text}” ", style="List Bullet"), [x.cite])


def _officials(doc, memo: BriefingMemo, words: dict[str, str]) -> None:
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
        row[2].text = citation_marks(o.articles)


def _sources(doc, memo: BriefingMemo, words: dict[str, str]) -> None:
    """The numbered sources; a web URL as a link, any other as text."""
    doc.add_heading(words["source_list"], level=1)
    for s in memo.sources:
        bits = ", ".join(b for b in (s.outlet, s.date) if b)
        source = doc.add_paragraph(f"[{s.n}] {s.title}" + (f" — {bits}" if bits else ""))
        if s.url and is_web_url(s.url):
            source.add_run(", " if bits else " — ")
            _link(source, s.url)
        elif s.url:
            source.add_run((", " if bits else " — ") + s.url)


def _link(paragraph, url: str) -> None:
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
