"""One way in: whatever was submitted (a file's or an upload's bytes, standard input, the text of a request) made
into an `Article`, with the same checks in the same order for the CLI and every route of the API."""

from service.intake import decode_article_bytes, prepare_text
from service.intake.article import Article
from service.intake.limits import check_article_text, check_input_size


def prepare_article(submitted: bytes | str, *, max_article_chars: int, title: str | None = None,
                    url: str | None = None, filename: str | None = None,
                    content_type: str | None = None) -> Article:
    """The `Article` of what was submitted, checked as everywhere else:

    1. the input's size: bytes, or characters of a text (each at least one byte), at most
       `max_input_bytes(max_article_chars)` (`service.intake.limits`), checked before anything reads it;
    2. bytes decoded in the encoding they declare or are found in (`decode_article_bytes`, which reads the
       `content_type` sent with them and the suffix of `filename`); the decoding is kept as `Article.decoded`;
    3. a whole page read as its article, a PDF's extract given its paragraphs back (`prepare_text`);
    4. the prepared text: not blank, at most `max_article_chars` characters (code points).

    Lines that address the model are blanked later, by the pipeline, from the model's view only: the text every
    offset refers to is the prepared text. `title` defaults to the text's first line (`Article`). CPU work on up
    to megabytes: a server calls it in a worker thread.

    Raises:
        InputTooLarge: the input is over the input limit (step 1).
        ArticleInputError: binary or undecodable bytes, or a page the HTML parser gives up on (steps 2, 3).
        EmptyArticle: nothing readable is left (step 4).
        ArticleTooLong: the prepared text is over `max_article_chars` (step 4).
    """
    is_bytes = isinstance(submitted, bytes)
    check_input_size(len(submitted), max_article_chars, unit="bytes" if is_bytes else "characters")
    decoded = decode_article_bytes(submitted, content_type=content_type, filename=filename) if is_bytes else None
    raw = decoded.text if decoded else submitted
    text = prepare_text(raw)
    check_article_text(text, max_article_chars, submitted_blank=not raw.strip())
    return Article(text=text, title=title, url=url, decoded=decoded)
