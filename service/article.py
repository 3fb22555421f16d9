"""An article as submitted, the model's cleaned view of it, and its language."""

import hashlib
import re
from dataclasses import dataclass

# Lines that are page furniture, not reporting: related links, bylines, credits, copyright, list widgets.
_NOISE_LINE = re.compile(
    r"""^\s*(?:
        (?:baca\s+juga|lihat\s+juga|simak\s+juga|berita\s+terkait|artikel\s+terkait|read\s+also|see\s+also|
           related)\b.*
      | (?:pewarta|editor|penulis|reporter|redaktur|penyunting|fotografer|foto|photo|translator|penerjemah|
           sumber)\s*[:：].*
      | (?:editor|pewarta|reporter|penulis|redaktur|fotografer)\s*$
      | copyright\b.*|©.*|hak\s+cipta\b.*
      | [A-Z][A-Z &/]{2,20}\s*\|\s*\d+\s+(?:hari|jam|menit|bulan|minggu|tahun)\s+yang\s+lalu\s*
      | \d+\s+(?:hari|jam|menit|bulan|minggu|tahun)\s+yang\s+lalu\s*
      | (?:share|bagikan|tags?|tag)\s*[:：].*
      | \((?:[a-z0-9*]{1,6}/){1,4}[a-z0-9*]{1,6}\)\s*
    )$""",
    re.IGNORECASE | re.VERBOSE,
)
# A lone name on the line right after "Editor:" / "Pewarta:" with nothing else.
_CREDIT_LABEL = re.compile(r"^\s*(?:pewarta|editor|penulis|reporter|redaktur|fotografer)\s*[:：]?\s*$", re.I)


@dataclass
class Article:
    """The submitted text (the only thing spans refer to) and what code already knows about it."""

    text: str
    title: str | None = None  # none given: the text's first line, as news articles start with their headline
    url: str | None = None

    def __post_init__(self) -> None:
        if self.title is None:
            self.title = first_line(self.text) or None

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    @property
    def language(self) -> str:
        return detect_language(self.text)

    def model_view(self) -> str:
        """The text the model reads: page noise removed, blank runs collapsed, original wording untouched."""
        kept = [line.rstrip() for line, _ in _lines(self.text) if not is_noise_line(line)]
        lines = [line for line in kept if line]
        # A title repeated verbatim (a common scrape artefact) is read once.
        deduped: list[str] = []
        for line in lines:
            if line not in deduped[-3:]:
                deduped.append(line)
        return "\n".join(deduped)


def _lines(text: str):
    offset = 0
    for line in text.split("\n"):
        yield line, offset
        offset += len(line) + 1


# Text that addresses the model instead of the reader: it is not reporting, and the model never reads it.
_STEERING = re.compile(
    r"\b(?:abaikan|lupakan|acuhkan)\s+(?:semua\s+|seluruh\s+)?(?:instruksi|perintah|aturan|petunjuk)"
    r"|\b(?:ignore|disregard|forget)\s+(?:all\s+|any\s+)?(?:the\s+|your\s+)?(?:previous|prior|above|earlier)\s+"
    r"(?:instructions|rules|prompts?|messages)"
    r"|\bsystem\s+prompt\b|\byou\s+are\s+now\b|\banda\s+sekarang\s+adalah\b",
    re.IGNORECASE,
)


def is_noise_line(line: str) -> bool:
    return bool(_NOISE_LINE.match(line)) or is_steering(line)


def is_steering(line: str) -> bool:
    """Whether a line tries to instruct the model ("abaikan instruksi sebelumnya", "ignore previous ...")."""
    return _STEERING.search(line) is not None


def blank_steering(text: str) -> str:
    """The text with each steering line blanked out (same length, so offsets hold): nothing found only there
    can ground an item."""
    return "\n".join(" " * len(line) if is_steering(line) else line for line in text.split("\n"))


def steering_lines(text: str) -> list[str]:
    return [line for line, _ in _lines(text) if is_steering(line)]


def credit_spans(text: str) -> list[tuple[int, int]]:
    """Spans of byline and credit lines, including a name standing alone under an "Editor:" label."""
    spans = []
    previous_was_label = False
    for line, offset in _lines(text):
        is_credit = bool(re.match(r"^\s*(?:pewarta|editor|penulis|reporter|redaktur|fotografer|foto|photo|"
                                  r"penyunting|translator|penerjemah)\b", line, re.I))
        if is_credit or (previous_was_label and line.strip()):
            spans.append((offset, offset + len(line)))
        if line.strip():
            previous_was_label = bool(_CREDIT_LABEL.match(line))
    return spans


# A dateline names the outlet: "Bandarlampung (ANTARA) -", "Jayapura (Antara Papua) -",
# "BeritaNasional.com - ", "agendakaltimnews.com –".
_DATELINE_OUTLET = re.compile(
    r"^\s*(?:[A-Z][\w .'-]{1,40}?\s*\((?P<agency>[A-Z]{2,12}|Antara(?: [A-Z][a-z]+)?)\)"
    r"|(?P<site>[A-Za-z][\w-]*(?:\.[a-z]{2,4}){1,2}))\s*(?:,[^\n]{0,40}?)?\s*[-–—]\s",
    re.MULTILINE,
)


def first_line(text: str) -> str:
    """The first line that is not blank, stripped ("" if there is none)."""
    return next((line.strip() for line in text.splitlines() if line.strip()), "")


def dateline_outlet(text: str) -> str | None:
    """The outlet a dateline in the first lines of the article names, or None."""
    m = _DATELINE_OUTLET.search(text[:3000])
    if m is None:
        return None
    return m.group("agency") or m.group("site")


_ID_WORDS = {"yang", "dan", "di", "ke", "dengan", "untuk", "ini", "dalam", "tidak", "pada", "akan", "dari",
             "itu", "juga", "kami", "kita", "bahwa", "serta", "oleh", "karena", "sebagai", "kata", "ujar"}
_EN_WORDS = {"the", "and", "of", "to", "in", "with", "for", "is", "was", "said", "that", "this", "on", "are",
             "be", "by", "has", "have", "will", "from", "at", "it", "an"}


def detect_language(text: str) -> str:
    """'id', 'en', or 'und' when the text is in neither (by the share of common function words)."""
    words = re.findall(r"[a-zA-Z]+", text.lower())
    if not words:
        return "und"
    id_share = sum(w in _ID_WORDS for w in words) / len(words)
    en_share = sum(w in _EN_WORDS for w in words) / len(words)
    if max(id_share, en_share) < 0.04:
        return "und"
    return "id" if id_share >= en_share else "en"


def prepare_text(raw: str) -> str:
    """The article's text from what was submitted, before anything reads it (spans refer to this text).

    A whole HTML page becomes its readable text (scripts, styles, menus, headers and footers left out); text
    extracted from a PDF, broken into lines of a fixed width with words hyphenated across them, gets its
    paragraphs back. Anything else is kept exactly as it is.
    """
    if looks_like_html(raw):
        return html_to_text(raw)
    if _looks_hard_wrapped(raw):
        return unwrap_lines(raw)
    return raw


def looks_like_html(text: str) -> bool:
    """Whether a text is an HTML page (a doctype or <html> first, or several closing tags of text elements)."""
    head = text.lstrip()[:1000].lower()
    return head.startswith(("<!doctype html", "<html")) or len(re.findall(r"</(?:p|div|span|a|li)>", text)) >= 5


# Elements whose text is never the article, and containers named like page furniture.
_SKIP_TAGS = {"script", "style", "noscript", "nav", "header", "footer", "aside", "form", "svg", "iframe",
              "template", "button", "select", "menu", "figure"}
_FURNITURE = re.compile(r"menu|navbar|nav-|breadcrumb|sidebar|footer|related|share|social|comment|advert|"
                        r"\bads?\b|newsletter|cookie|popular|trending|tags?\b", re.IGNORECASE)
_BLOCK_TAGS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section", "article", "title",
               "blockquote", "ul", "ol", "table", "main", "hr"}
_VOID_TAGS = {"br", "hr", "img", "input", "meta", "link", "source", "wbr", "area", "base", "col", "embed"}


def html_to_text(page: str) -> str:
    """The readable text of an HTML page: one line per block, entities decoded, furniture left out."""
    from html.parser import HTMLParser

    class _Text(HTMLParser):
        def __init__(self):
            super().__init__(convert_charrefs=True)
            self.parts: list[str] = []
            self.skipping: list[str] = []  # the open elements inside a skipped one, by tag

        def handle_starttag(self, tag, attrs):
            if tag in _VOID_TAGS:
                if tag in ("br", "hr") and not self.skipping:
                    self.parts.append("\n")
                return
            named = " ".join(v or "" for k, v in attrs if k in ("class", "id", "role"))
            if self.skipping or tag in _SKIP_TAGS or (named and _FURNITURE.search(named)):
                self.skipping.append(tag)
            elif tag in _BLOCK_TAGS:
                self.parts.append("\n")

        def handle_endtag(self, tag):
            if tag in _VOID_TAGS:
                return
            if self.skipping:
                if tag in self.skipping:  # close it and anything left unclosed inside it
                    del self.skipping[len(self.skipping) - 1 - self.skipping[::-1].index(tag):]
                return
            if tag in _BLOCK_TAGS:
                self.parts.append("\n")

        def handle_data(self, data):
            if not self.skipping:
                self.parts.append(data)

    parser = _Text()
    parser.feed(page)
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.parts).split("\n"))
    return "\n\n".join(line for line in lines if line) + "\n"


def _looks_hard_wrapped(text: str) -> bool:
    """Lines of nearly one width, mostly running on without a blank line, most breaking mid-sentence."""
    all_lines = [line.rstrip() for line in text.strip().split("\n")]
    lines = [line for line in all_lines if line]
    if len(lines) < 8 or len(all_lines) - len(lines) > 0.3 * len(lines):
        return False
    widths = sorted(len(line) for line in lines)
    median = widths[len(widths) // 2]
    even = sum(abs(w - median) <= 0.2 * median for w in widths)
    mid_sentence = sum(not re.search(r"[.!?:\"”’)]$", line) for line in lines)
    return 40 <= median <= 110 and even >= 0.6 * len(lines) and mid_sentence >= 0.5 * len(lines)


def unwrap_lines(text: str) -> str:
    """Paragraphs from fixed-width lines: lines joined with a space, a word hyphenated at a line end
    ("kerja sa-" / "ma") joined back, and a paragraph ended by a blank line or by a short line that ends a
    sentence."""
    lines = [line.strip() for line in text.split("\n")]
    widths = sorted(len(line) for line in lines if line)
    median = widths[len(widths) // 2] if widths else 0
    paragraphs: list[str] = []
    current = ""
    for line in lines:
        if not line:
            if current:
                paragraphs.append(current)
            current = ""
            continue
        if current.endswith("-") and line[:1].islower() and not current.endswith(" -"):
            current = current[:-1] + line
        else:
            current = f"{current} {line}" if current else line
        if re.search(r"[.!?:\"”]$", line) and len(line) < 0.75 * median:
            paragraphs.append(current)
            current = ""
    if current:
        paragraphs.append(current)
    return "\n\n".join(paragraphs) + "\n"
