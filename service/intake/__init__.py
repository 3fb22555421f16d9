"""What was submitted, made into the article's text: bytes decoded, a page or a PDF's extract made plain text, and
the rules that tell what in it is not reporting.

- `decoding`: bytes as text, in the encoding they declare or are found in (`decode_article_bytes`).
- `html`: a whole HTML page as its readable text (`html_to_text`, read by lxml in one pass).
- `pdf`: text extracted from a PDF given its paragraphs back (`unwrap_lines`).
- `language`: Indonesian, English or neither (`detect_language`).
- `noise`: page furniture, credits and lines that address the model (`is_noise_line`, `credit_spans`, ...).
"""

from service.intake.decoding import DECODING_METHODS, ArticleInputError, DecodedText, decode_article_bytes
from service.intake.html import html_to_text, looks_like_html
from service.intake.language import detect_language
from service.intake.noise import (
    RELATED_LINK,
    blank_steering,
    credit_spans,
    dateline_outlet,
    is_noise_line,
    is_steering,
    steering_lines,
)
from service.intake.pdf import looks_hard_wrapped, unwrap_lines

__all__ = [
    "DECODING_METHODS", "ArticleInputError", "DecodedText", "decode_article_bytes", "prepare_text",
    "html_to_text", "looks_like_html", "looks_hard_wrapped", "unwrap_lines", "detect_language",
    "RELATED_LINK", "blank_steering", "credit_spans", "dateline_outlet", "is_noise_line", "is_steering",
    "steering_lines",
]


def prepare_text(raw: str) -> str:
    """The article's text from what was submitted, before anything reads it (spans refer to this text).

    A whole HTML page becomes its readable text (scripts, styles, menus, headers and footers left out); text
    extracted from a PDF, broken into lines of a fixed width with words hyphenated across them, gets its
    paragraphs back. Anything else is kept exactly as it is.

    Raises:
        ArticleInputError: a page libxml2's HTML parser gives up on (`html_to_text`).
    """
    if looks_like_html(raw):
        return html_to_text(raw)
    if looks_hard_wrapped(raw):
        return unwrap_lines(raw)
    return raw
