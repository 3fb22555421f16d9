"""How much input Ringkas reads: one size rule for a file, an upload, a request body and a fetched page.

- The article's text, after a page is read (`prepare_text`), is at most `max_article_chars` characters (code
  points; the setting `RINGKAS_MAX_ARTICLE_CHARS`, 200,000 by default).
- What is submitted before that (a file's or an upload's bytes, the text of a request, a page's raw bytes) is at
  most `PAGE_BYTES_PER_ARTICLE_CHAR` times as many bytes: an HTML page carries its article inside markup, scripts
  and menus, and a news page of a few thousand words is rarely above 1 MB.
"""

from service.intake.decoding import ArticleInputError


class InputTooLarge(ArticleInputError):
    """What was submitted is over the input limit (`max_input_bytes`), before anything read it."""


class ArticleTooLong(ArticleInputError):
    """The article's text, once a page is read, is over `max_article_chars` characters."""


class EmptyArticle(ArticleInputError):
    """Nothing readable is left of what was submitted: blank, or a page with no readable text."""

# 10 bytes of page per character of article: 2,000,000 bytes at the default limit, above the news pages seen.
PAGE_BYTES_PER_ARTICLE_CHAR = 10


def max_input_bytes(max_article_chars: int) -> int:
    """The most bytes read of one submitted input (file, upload, page) before it is made the article's text."""
    return PAGE_BYTES_PER_ARTICLE_CHAR * max_article_chars


def check_input_size(size: int, max_article_chars: int, unit: str = "bytes") -> None:
    """Raises `InputTooLarge` when an input of `size` (bytes, or characters of a text not yet read as a page:
    each is at least one byte) is over `max_input_bytes`. A reader that stops at the limit passes the limit plus
    one, and the message then says "over" the limit rather than a size nobody measured."""
    limit = max_input_bytes(max_article_chars)
    if size > limit:
        measured = f"{size:,} {unit}" if size > limit + 1 else f"over {limit:,} {unit}"
        raise InputTooLarge(f"input too large: {measured} (limit {limit:,} bytes, {PAGE_BYTES_PER_ARTICLE_CHAR}"
                            f" times the article limit of {max_article_chars:,} characters)")


def check_article_text(text: str, max_article_chars: int, *, submitted_blank: bool = True) -> None:
    """Raises `EmptyArticle` for an article's text (after page reading) that is blank (saying that nothing
    readable is left when what was submitted was not blank: `submitted_blank` False), `ArticleTooLong` for one
    over `max_article_chars` characters (code points)."""
    if not text.strip():
        raise EmptyArticle("empty article" if submitted_blank else "empty article: nothing readable is left of it")
    if len(text) > max_article_chars:
        raise ArticleTooLong(f"article too long: {len(text):,} characters (limit {max_article_chars:,})")
