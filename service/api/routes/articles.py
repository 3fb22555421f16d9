"""`/v1/articles/decode`: an uploaded file's bytes read as text, as the CLI reads files."""

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from schemas.api import DecodedUpload
from service.api.deps import SettingsDep
from service.api.errors import error_responses, submitted_article
from service.intake import DECODING_METHODS

router = APIRouter()


@router.post("/v1/articles/decode", response_model=DecodedUpload,
             responses=error_responses({413: "File or article too large", 422: "Binary, undecodable or empty"}),
             openapi_extra={"requestBody": {"content": {"application/octet-stream": {}, "text/html": {},
                                                        "text/plain": {}}, "required": True}})
async def decode_article(request: Request, settings: SettingsDep, filename: str = "") -> JSONResponse:
    """An uploaded file's bytes (the body, with the file's `Content-Type`) as text, read in the encoding the
    file declares or that is found in it, as `ringkas summarize` reads files: `{"text", "encoding", "method",
    "how"}`. The web page's upload goes through here, so a page in windows-1252 is read as the browser
    showed it. The size rule is the CLI's (`service.intake.limits`): 413 over `max_input_bytes(max_article_chars)`
    bytes (`Access` stops reading there) or for an article over `max_article_chars` characters once the page is
    read; 422 for binary or undecodable bytes, or a page with no readable text."""
    data = await request.body()
    content_type = request.headers.get("content-type", "")
    if content_type.split(";")[0].strip().lower() in ("application/octet-stream", ""):
        content_type = None  # says nothing of the file: its name and bytes decide
    # Decoding and reading a page are CPU work on up to megabytes: in a worker thread, not on the event loop.
    return JSONResponse(await run_in_threadpool(read_upload, data, content_type, filename, settings.max_article_chars))


def read_upload(data: bytes, content_type: str | None, filename: str, max_article_chars: int) -> dict[str, str]:
    """The decode route's answer for an upload's bytes, `{"text", "encoding", "method", "how"}`, read by the one
    way in (`submitted_article`).

    Raises:
        ApiError: 413 for an upload over the input limit or an article over `max_article_chars` characters, 422
            for binary or undecodable bytes or nothing readable; the message names the file.
    """
    article = submitted_article(data, max_article_chars, content_type=content_type, filename=filename or None,
                                prefix=f"{filename or 'the file'}: ")
    decoded = article.decoded
    return {"text": article.text, "encoding": decoded.encoding, "method": decoded.method,
            "how": DECODING_METHODS[decoded.method]}
