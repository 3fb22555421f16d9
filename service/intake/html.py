"""A whole HTML page as its readable text: scripts, styles, menus, headers and footers left out."""

import re
from html.parser import HTMLParser

# Elements whose text is never the article, and containers named like page furniture.
_SKIP_TAGS = {"script", "style", "noscript", "nav", "header", "footer", "aside", "form", "svg", "iframe",
              "template", "button", "select", "menu", "figure"}
_FURNITURE = re.compile(r"menu|navbar|nav-|breadcrumb|sidebar|footer|related|share|social|comment|advert|"
                        r"\bads?\b|newsletter|cookie|popular|trending|tags?\b", re.IGNORECASE)
_BLOCK_TAGS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section", "article", "title",
               "blockquote", "ul", "ol", "table", "main", "hr"}
# Elements that have no end tag (the HTML standard's void elements, those a news page uses).
_VOID_TAGS = {"br", "hr", "img", "input", "meta", "link", "source", "wbr", "area", "base", "col", "embed"}


def looks_like_html(text: str) -> bool:
    """Whether a text is an HTML page (a doctype or <html> first, or several closing tags of text elements)."""
    head = text.lstrip()[:1000].lower()
    return head.startswith(("<!doctype html", "<html")) or len(re.findall(r"</(?:p|div|span|a|li)>", text)) >= 5


class _ReadableTextParser(HTMLParser):
    """Collects a page's text with a line break at each block's edges, leaving out skipped elements."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping: list[str] = []  # the open elements inside a skipped one, by tag

    def handle_starttag(self, tag, attrs):
        """Start skipping at a furniture element; break the line at a block."""
        if tag in _VOID_TAGS:
            if tag in ("br", "hr") and not self.skipping:
                self.parts.append("\n")
            return
        named = " ".join(value or "" for name, value in attrs if name in ("class", "id", "role"))
        if self.skipping or tag in _SKIP_TAGS or (named and _FURNITURE.search(named)):
            self.skipping.append(tag)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        """Close a skipped element (and what was left open inside it); break the line after a block."""
        if tag in _VOID_TAGS:
            return
        if self.skipping:
            if tag in self.skipping:  # close it and anything left unclosed inside it
                del self.skipping[len(self.skipping) - 1 - self.skipping[::-1].index(tag):]
            return
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data):
        """Keep text outside skipped elements (entities already decoded)."""
        if not self.skipping:
            self.parts.append(data)


def html_to_text(page: str) -> str:
    """The readable text of an HTML page: one line per block, its whitespace collapsed to single spaces, blocks
    separated by a blank line and the text ending in a newline; entities decoded, furniture left out."""
    parser = _ReadableTextParser()
    parser.feed(page)
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.parts).split("\n"))
    return "\n\n".join(line for line in lines if line) + "\n"
