"""`/v1/articles/decode`: an uploaded file's bytes read as text, as the CLI reads files."""

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from service.api.deps import SettingsDep
from service.api.errors import ApiError
from service.intake import DECODING_METHODS, ArticleInputError, decode_article_bytes, prepare_text

router = APIRouter()


@router.post("/v1/articles/decode", responses={422: {"description": "Binary or undecodable bytes"}},
             openapi_extra={"requestBody": {"content": {"application/octet-stream": {}, "text/html": {},
                                                        "text/plain": {}}, "required": True}})
async def decode_article(request: Request, settings: SettingsDep, filename: str = "") -> JSONResponse:
    """An uploaded file's bytes (the body, with the file's `Content-Type`) as text, read in the encoding the
    file declares or that is found in it, as `ringkas summarize` reads files: `{"text", "encoding", "method",
    "how"}`. The web page's upload goes through here, so a page in windows-1252 is read as the browser
    showed it. Raises 413 over 5 times `max_article_chars` bytes, 422 for binary or undecodable bytes."""
    data = await request.body()
    limit = 5 * settings.max_article_chars  # an HTML page around an article, as the CLI allows
    if len(data) > limit:
        raise ApiError(413, f"file too large ({len(data):,} bytes; limit {limit:,})")
    content_type = request.headers.get("content-type", "")
    if content_type.split(";")[0].strip().lower() in ("application/octet-stream", ""):
        content_type = None  # says nothing of the file: its name and bytes decide
    try:
        decoded = decode_article_bytes(data, content_type=content_type, filename=filename or None)
    except ArticleInputError as exc:
        raise ApiError(422, f"{filename or 'the file'}: {exc}") from None
    return JSONResponse({"text": prepare_text(decoded.text), "encoding": decoded.encoding,
                         "method": decoded.method, "how": DECODING_METHODS[decoded.method]})
