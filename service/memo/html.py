"""A briefing memo as one self-contained HTML page, and the style policy (`STYLE_SOURCE`) that a page showing
it in a frame needs."""

import base64
import hashlib
from html import escape

from schemas.memo import BriefingMemo
from schemas.urls import is_web_url
from service.memo.text import header_line, printable_memo
from service.vocabulary import DATA_DIR, labels, sector_name

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
           f"<h1>{escape(words['title'])}</h1><p class=meta>{escape(header_line(memo))}</p>",
           f"<h2>{escape(words['summary'])}</h2>"]
    out += [f"<p>{escape(s.text)}{_sup(s.cites)}</p>" for s in memo.executive_summary] or \
        [f"<p><em>{words['none']}</em></p>"]
    out += _partners(memo, words) + _sectors(memo, words) + _officials(memo, words)
    out.append(f"</table><h2>{escape(words['timeline'])}</h2><ul>")
    out += [f"<li><strong>{escape(t.date)}</strong> ({escape(t.as_written)}): {escape(t.event)}{_sup([t.cite])}</li>"
            for t in memo.timeline] or [f"<li><em>{words['none']}</em></li>"]
    out.append(f"</ul><h2>{escape(words['quotes'])}</h2>")
    for q in memo.quotes:
        source = memo.sources[q.cite - 1]
        out.append(f"<blockquote>“{escape(q.text)}”<div class=who>— <strong>{escape(q.speaker)}</strong>, "
                   f"{_sup([q.cite])} {escape(source.title)}{', ' + escape(source.outlet) if source.outlet else ''}, "
                   f"{escape(words['offset'])} {q.start}–{q.end}</div></blockquote>")
    out += _sources(memo, words)
    if memo.warnings:
        out.append(f"<h2>{escape(words['notes'])}</h2><ul class=notes>"
                   + "".join(f"<li>{escape(x)}</li>" for x in memo.warnings) + "</ul>")
    out.append("</body></html>")
    return "\n".join(out)


def _partners(memo: BriefingMemo, words: dict[str, str]) -> list[str]:
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


def _sectors(memo: BriefingMemo, words: dict[str, str]) -> list[str]:
    """The HTML lines of the section by sector: its partners and the articles' own words for it."""
    out = [f"<h2>{escape(words['sectors'])}</h2>"]
    for s in memo.sectors:
        out.append(f"<h3>{escape(sector_name(s.label, memo.language))}{_sup(s.articles)}</h3><ul>"
                   f"<li>{escape(words['with'])}: {escape(', '.join(s.partners) or words['none'])}</li>"
                   f"<li>{escape(words['evidence'])}: "
                   + "; ".join(f"“{escape(x.text)}”{_sup([x.cite])}" for x in s.evidence) + "</li></ul>")
    return out


def _officials(memo: BriefingMemo, words: dict[str, str]) -> list[str]:
    """The HTML lines of the officials' table, left open for the caller to close."""
    out = [f"<h2>{escape(words['officials'])}</h2><table><tr><th>{escape(words['name'])}</th>"
           f"<th>{escape(words['position'])}</th><th>{escape(words['in'])}</th></tr>"]
    for o in memo.officials:
        also = f"<br><span class=meta>{escape(words['also'])}: {escape(', '.join(o.also_written))}</span>" \
            if o.also_written else ""
        out.append(f"<tr><td>{escape(o.name)}{also}</td><td>{escape('; '.join(o.positions))}</td>"
                   f"<td>{_sup(o.articles)}</td></tr>")
    return out


def _sources(memo: BriefingMemo, words: dict[str, str]) -> list[str]:
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
