"""A whole HTML page as its readable text: scripts, styles, menus, headers and footers left out.

The page is read by libxml2's HTML parser (through lxml) as a stream of start, end and text events, so no tree is
built and nothing recurses however deeply a page nests its elements; libxml2 reads in one pass, in time linear in
the page. The standard library's `html.parser` was quadratic on some pages before Python 3.11.13 (CVE-2025-6069:
60 KB of `<a ` took 35 s) and raised AssertionError on a malformed declaration such as `<![foo`.

libxml2 closes an element where HTML's content rules end it (a `<p>` where a `<div>` starts, as a browser does;
an `<i>` or `<b>` where a `<p>` starts), so furniture named on such an element covers only what it still holds.
"""

import re
from itertools import islice

from lxml import etree

from service.vocabulary import PAGE_NOISE, one_of

# Elements whose text is never the article, and containers named like page furniture.
_SKIP_TAGS = {"script", "style", "noscript", "nav", "header", "footer", "aside", "form", "svg", "iframe",
              "template", "button", "select", "menu", "figure"}
_FURNITURE = re.compile(rf"{one_of(PAGE_NOISE['furniture_names'])}|\bads?\b|tags?\b", re.IGNORECASE)
_BLOCK_TAGS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section", "article", "title",
               "blockquote", "ul", "ol", "table", "main", "hr"}
# Elements that have no end tag (the HTML standard's void elements, those a news page uses).
_VOID_TAGS = {"br", "hr", "img", "input", "meta", "link", "source", "wbr", "area", "base", "col", "embed"}

# A page starts so (after any whitespace; the possessive `*+` gives back nothing, so one pass)...
_PAGE_START = re.compile(r"(?<!\s)\s*+(?:<!doctype html|<html)", re.IGNORECASE)
# ...or closes this many elements of text; each match is a fixed string, found in one pass.
_TEXT_ELEMENTS = ("p", "div", "span", "a", "li")
_TEXT_CLOSING_TAG = re.compile(f"</(?:{'|'.join(_TEXT_ELEMENTS)})>")
_CLOSING_TAGS_OF_A_PAGE = 5
# UTF-8 cannot carry a lone surrogate (a JSON request may hold one as "\ud800"); a browser shows U+FFFD for it.
_LONE_SURROGATE = re.compile(r"[\ud800-\udfff]")


def looks_like_html(text: str) -> bool:
    """Whether a text is an HTML page (a doctype or <html> first, or several closing tags of text elements).

    One pass at most over `text`, stopping at the fifth closing tag, and no copy of it: decoding runs this on a
    whole upload (up to `service.intake.limits.max_input_bytes`)."""
    if _PAGE_START.match(text):
        return True
    return sum(1 for _ in islice(_TEXT_CLOSING_TAG.finditer(text), _CLOSING_TAGS_OF_A_PAGE)) \
        >= _CLOSING_TAGS_OF_A_PAGE


class _ReadableText:
    """An lxml parser target that collects a page's text with a line break at each block's edges, leaving out
    skipped elements. libxml2 closes every element it opens (implied end tags included), so the events nest."""

    def __init__(self):
        self.parts: list[str] = []
        self.skipping = 0  # how many open elements are a skipped one or inside one

    def start(self, tag: str, attrib) -> None:
        """Start skipping at a furniture element; break the line at a block."""
        if tag in _VOID_TAGS:
            if tag in ("br", "hr") and not self.skipping:
                self.parts.append("\n")
            return
        named = " ".join(attrib.get(name) or "" for name in ("class", "id", "role"))
        if self.skipping or tag in _SKIP_TAGS or _FURNITURE.search(named):
            self.skipping += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def end(self, tag: str) -> None:
        """Close a skipped element; break the line after a block."""
        if tag in _VOID_TAGS:
            return
        if self.skipping:
            self.skipping -= 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def data(self, text: str) -> None:
        """Keep text outside skipped elements (entities already decoded)."""
        if not self.skipping:
            self.parts.append(text)

    def close(self) -> str:
        """The text collected, as one string with the blocks' line breaks."""
        return "".join(self.parts)


def html_to_text(page: str) -> str:
    """The readable text of an HTML page: one line per block, its whitespace collapsed to single spaces, blocks
    separated by a blank line and the text ending in a newline; entities decoded, furniture left out.

    Recovers from broken markup as a browser does (unclosed elements, stray end tags, bogus declarations, broken
    entities); a NUL or a lone surrogate reads as U+FFFD. Time and memory are linear in the page's length.

    Raises:
        service.intake.ArticleInputError: libxml2 gave up on the page; the message says where, not what it read.
    """
    try:
        data = page.encode("utf-8")
    except UnicodeEncodeError:
        data = _LONE_SURROGATE.sub("\ufffd", page).encode("utf-8")
    # The encoding is given, so a `<meta charset>` in a page already decoded to text is not obeyed a second time.
    parser = etree.HTMLParser(target=_ReadableText(), encoding="utf-8")
    try:
        parser.feed(data)
        text = parser.close()
    except etree.LxmlError as exc:
        # Imported here: the decoding module imports this one (looks_like_html) for the error type's own module.
        from service.intake.decoding import ArticleInputError

        where = getattr(exc, "position", None)
        at = f" at line {where[0]}, column {where[1]}" if where else ""
        raise ArticleInputError(f"not a readable HTML page: the parser gave up{at} "
                                f"({type(exc).__name__})") from None
    lines = (" ".join(line.split()) for line in text.split("\n"))
    return "\n\n".join(line for line in lines if line) + "\n"
