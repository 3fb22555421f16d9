"""Who the embedded server answers: Ringkas, with the key it made for the server (`EmbeddedServer.api_key`), and
no web page.

llama-cpp-python's server adds CORS headers that let any web page read its answers (`allow_origins=["*"]`, in
`llama_cpp/server/app.py`); Ringkas's server sends none, so a page the analyst visits cannot read a reply even
where it could send a request. Its key is checked by llama-cpp-python (`--api_key`, read from the environment as
`API_KEY`) as a bearer token; Ringkas's token count sends it as the user info of the tokenize URL, which httpx
sends as Basic authentication (RFC 7617), taken here as the same key.
"""

import base64
import binascii

from fastapi.middleware.cors import CORSMiddleware


def without_cors(app) -> None:
    """Take llama-cpp-python's CORS middleware off `app` (a FastAPI app that has not served yet)."""
    app.user_middleware[:] = [m for m in app.user_middleware if m.cls is not CORSMiddleware]


class BasicAsBearer:
    """ASGI middleware: a request with `Authorization: Basic base64(user:key)` is passed on with `Authorization:
    Bearer key`, which llama-cpp-python's server checks against its key; any other request passes unchanged."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        """Serve the request, its Basic credentials (if any) given as a bearer token."""
        if scope["type"] == "http":
            headers = [(name, value) for name, value in scope["headers"]]
            for i, (name, value) in enumerate(headers):
                if name.lower() == b"authorization" and value[:6].lower() == b"basic ":
                    key = _basic_password(value[6:])
                    if key is not None:
                        headers[i] = (b"authorization", b"Bearer " + key)
                        scope = {**scope, "headers": headers}
                    break
        await self.app(scope, receive, send)


def _basic_password(credentials: bytes) -> bytes | None:
    """The password of Basic credentials (`base64(user:password)`), or None when they are malformed."""
    try:
        decoded = base64.b64decode(credentials.strip(), validate=True)
    except (binascii.Error, ValueError):
        return None
    _user, colon, password = decoded.partition(b":")
    return password if colon and password else None
