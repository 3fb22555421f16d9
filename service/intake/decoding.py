"""An article's bytes as text: decoded in the encoding they declare, or are found to be in, and saying which.

A page is decoded as a browser decodes it (the encoding sniffing of the WHATWG HTML standard, with labels read as
the WHATWG Encoding standard reads them); w3lib, Scrapy's library, implements its steps. A text file can declare
its encoding only by a byte order mark or an HTTP header, so otherwise it is read as UTF-8, and failing that in
the encoding charset-normalizer detects.
"""

import codecs
from dataclasses import dataclass
from pathlib import PurePath

from charset_normalizer import from_bytes
from w3lib.encoding import html_body_declared_encoding, http_content_type_encoding, read_bom, to_unicode

from service.errors import RingkasError
from service.intake.html import looks_like_html

# Where an encoding came from (DecodedText.method), in words for a person.
DECODING_METHODS = {
    "bom": "its byte order mark",
    "http-header": "the Content-Type header",
    "meta": "the page's <meta> declaration",
    "utf-8": "valid UTF-8, nothing declared",
    "detected": "detected, nothing declared",
}
HTML_MEDIA_TYPES = {"text/html", "application/xhtml+xml"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
TEXT_SUFFIXES = {".txt", ".text", ".md", ".markdown"}
# charset-normalizer's measure of how garbled a decoding looks (0 = clean); candidates above this are dropped.
# Its default, kept explicit because refusing a text rests on it.
DETECTION_MAX_MESS = 0.2
# Browsers with an Indonesian (or any Western) locale fall back to windows-1252 for an undeclared legacy page
# (WHATWG HTML, "determining the character encoding", the "implementation-defined or user-specified default").
# Indonesian is written in ASCII letters; the few others in a news text (names, loanwords, °, ½) tell the
# detector little, and it ranks single-byte code pages that all read them cleanly by how well those few letters
# fit a language's letter frequencies (it read "élève" in a short Indonesian text as Slovak "élčve", cp1250).
# So among the matches that look as clean as the best, this one is taken.
LOCALE_DEFAULT_ENCODING = "cp1252"


class ArticleInputError(RingkasError):
    """An input that is not a readable article; the message names it."""


@dataclass(frozen=True)
class DecodedText:
    """An article's text and how its bytes were read."""

    text: str
    encoding: str  # a Python codec name: "utf-8", "cp1252", "utf-16-le", ...
    method: str  # one of DECODING_METHODS: where the encoding came from


def decode_article_bytes(data: bytes, *, content_type: str | None = None,
                         filename: str | None = None) -> DecodedText:
    """The text of an article file or upload, and the encoding it was read in and why.

    The rule, in order (the first that applies wins):
    1. a byte order mark (UTF-8, UTF-16 or UTF-32): "bom";
    2. the `charset` of `content_type` (an HTTP Content-Type value): "http-header";
    3. for a page only, a `<meta charset>` or `<meta http-equiv="Content-Type" content="...; charset=...">` in its
       first bytes (or an XML declaration's encoding, which w3lib reads too): "meta";
    4. UTF-8, if all the bytes are valid UTF-8: "utf-8";
    5. the encoding in which charset-normalizer finds the bytes read as clean text (under DETECTION_MAX_MESS;
       windows-1252 among those as clean as the best): "detected".
    Steps 1-3 follow the WHATWG HTML standard's encoding sniffing, and a declared label is read as the WHATWG
    Encoding standard reads it (ISO-8859-1 and US-ASCII are windows-1252, a `<meta>` saying UTF-16 means UTF-8);
    bytes invalid in a declared encoding become U+FFFD, as a browser shows them. Whether the bytes are a page is
    told by `content_type` (text/html, application/xhtml+xml), else by the suffix of `filename` (.html, .htm,
    .xhtml against .txt, .md), else by looking at them.

    Args:
        data: the file's or the upload's bytes.
        content_type: the HTTP Content-Type sent with them, if any ("text/html; charset=windows-1252").
        filename: the file's name, if any; only its suffix is read.

    Returns:
        DecodedText: the text (a byte order mark left out), the Python codec name, and the method above.

    Raises:
        ArticleInputError: for binary data (NUL bytes without a UTF-16 or UTF-32 byte order mark), and for bytes
            that are not UTF-8 and in which no encoding is found with confidence.
    """
    bom_encoding, bom = read_bom(data)
    if bom_encoding is None and b"\x00" in data:
        raise ArticleInputError("binary data, not an article")
    if bom_encoding is not None:
        return _checked(to_unicode(data[len(bom):], bom_encoding), bom_encoding, "bom")
    declared = _whatwg_encoding(http_content_type_encoding(content_type))
    if declared is not None:
        return _checked(to_unicode(data, declared), declared, "http-header")
    if _is_page(data, content_type, filename):
        declared = _whatwg_encoding(html_body_declared_encoding(data))
        if declared in ("utf-16-le", "utf-16-be"):
            # A declaration the prescan could read in ASCII bytes is not UTF-16 (WHATWG HTML, "prescan a byte
            # stream to determine its encoding").
            declared = "utf-8"
        if declared is not None:
            return _checked(to_unicode(data, declared), declared, "meta")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        text, encoding = _detected(data, exc)
        return _checked(text, encoding, "detected")
    return _checked(text, "utf-8", "utf-8")


def _whatwg_encoding(name: str | None) -> str | None:
    """The codec of a label w3lib resolved, with a bare "utf-16" read as the WHATWG Encoding standard reads it:
    little-endian (Python's "utf-16" would look for a byte order mark, and there is none by now)."""
    if name is None:
        return None
    name = codecs.lookup(name).name
    return "utf-16-le" if name == "utf-16" else name


def _is_page(data: bytes, content_type: str | None, filename: str | None) -> bool:
    """Whether the bytes are a page: by their media type, else their file's suffix, else their markup."""
    media_type = (content_type or "").split(";")[0].strip().lower()
    if media_type in HTML_MEDIA_TYPES:
        return True
    if media_type.startswith("text/"):
        return False
    suffix = PurePath(filename).suffix.lower() if filename else ""
    if suffix in HTML_SUFFIXES or suffix in TEXT_SUFFIXES:
        return suffix in HTML_SUFFIXES
    # Markup is ASCII in any encoding a page's declaration can be read in, so Latin-1 shows it without failing.
    return looks_like_html(data.decode("latin-1"))


def _detected(data: bytes, not_utf8: UnicodeDecodeError) -> tuple[str, str]:
    """The text and codec name of the best match of charset-normalizer for bytes that are not UTF-8."""
    # Without fallbacks, a match is always one under the mess limit (the fallbacks are UTF-8, ASCII or UTF-16
    # decodings kept however garbled they look). Without preemptive behaviour, a charset named in the content is
    # not favoured: a page's declaration was already looked for above, and a text file's content declares nothing.
    candidates = list(from_bytes(data, threshold=DETECTION_MAX_MESS, enable_fallback=False, preemptive_behaviour=False))
    if not candidates:
        raise ArticleInputError(f"not UTF-8 text (invalid byte at offset {not_utf8.start}), and no other encoding "
                                "reads it as clean text; save it as UTF-8")
    best = candidates[0]
    # As clean as the best by charset-normalizer's own margin for equal mess (CharsetMatch.__lt__).
    clean = [match for match in candidates if match.chaos - best.chaos < 0.005]
    chosen = next((match for match in clean if LOCALE_DEFAULT_ENCODING in match.could_be_from_charset), best)
    if LOCALE_DEFAULT_ENCODING in chosen.could_be_from_charset:  # the same text under any of these names
        return data.decode(LOCALE_DEFAULT_ENCODING), LOCALE_DEFAULT_ENCODING
    return str(chosen), codecs.lookup(chosen.encoding).name


def _checked(text: str, encoding: str, method: str) -> DecodedText:
    """The decoded text as a `DecodedText`; raises ArticleInputError if it holds NUL characters."""
    if "\x00" in text:  # NUL characters decoded from a UTF-16 or UTF-32 file are binary data all the same
        raise ArticleInputError("binary data, not an article")
    return DecodedText(text=text, encoding=encoding, method=method)
