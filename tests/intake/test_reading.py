"""One way in: a file for the CLI, a request's text and an upload for the API become the same Article, or are
refused with the same error, through `service.intake.reading.prepare_article`."""

import pytest

from schemas.summary import ArticleIn
from service.api.errors import ApiError, submitted_article
from service.cli.inputs import read_article
from service.intake import ArticleInputError
from service.intake.limits import ArticleTooLong, EmptyArticle, InputTooLarge
from service.intake.reading import prepare_article

LIMIT = 1_000  # characters of article; the input may be 10 times as many bytes
ARTICLE = "Gubernur Lampung bertemu Gubernur Banten di Serang untuk membahas kerja sama pangan.\n"


def page(body: str, padding: int = 0) -> str:
    """A made-up news page: its article in a <p>, menus and a script around it, `padding` bytes of script."""
    return (f"<html><head><title>Berita</title><script>{'x' * padding}</script></head><body>"
            f"<nav>Beranda Politik Ekonomi</nav><article><p>{body}</p></article></body></html>")


def every_face(tmp_path, submitted: str):
    """What the CLI (a file), the API (a request's text) and an upload (bytes) make of `submitted`: an Article's
    text, or the error's type and message."""
    path = tmp_path / "article.html"
    path.write_text(submitted, encoding="utf-8")
    outcomes = []
    for make in (lambda: read_article(str(path), LIMIT),
                 lambda: submitted_article(ArticleIn(text=submitted), LIMIT),
                 lambda: submitted_article(submitted.encode(), LIMIT, content_type="text/html")):
        try:
            outcomes.append(("article", make().text))
        except ArticleInputError as exc:
            outcomes.append((type(exc).__name__, str(exc)))
        except ApiError as exc:
            outcomes.append((exc.status, exc.message))
    return outcomes


def test_a_page_over_the_article_limit_holding_a_short_article_is_read_by_every_face(tmp_path):
    submitted = page(ARTICLE.strip(), padding=5 * LIMIT)  # 5,000+ bytes of page, an article of 85 characters
    (cli, api, upload) = every_face(tmp_path, submitted)
    assert cli == api == upload
    assert cli[0] == "article" and "Gubernur Lampung bertemu" in cli[1] and "Beranda" not in cli[1]


@pytest.mark.parametrize("submitted, error, status, message", [
    ("<html><head><script>var a = 1;</script></head><body></body></html>", EmptyArticle, 422,
     "empty article: nothing readable is left of it"),
    (page("kata " * LIMIT), ArticleTooLong, 413, "article too long: "),
    ("x" * (11 * LIMIT), InputTooLarge, 413, "input too large: "),
])
def test_every_face_refuses_the_same_input_with_the_same_error(tmp_path, submitted, error, status, message):
    cli, api, upload = every_face(tmp_path, submitted)
    assert cli[0] == error.__name__ and cli[1].startswith(message)
    assert api[0] == upload[0] == status and api[1].startswith(message) and upload[1].startswith(message)
    with pytest.raises(error):
        prepare_article(submitted, max_article_chars=LIMIT)


def test_bytes_keep_how_they_were_read_and_text_has_nothing_to_decode():
    article = prepare_article("Bupati Garut membuka festival.".encode("cp1252"), max_article_chars=LIMIT)
    assert article.decoded is not None and article.decoded.method == "utf-8"
    assert prepare_article("Bupati Garut membuka festival.", max_article_chars=LIMIT).decoded is None
