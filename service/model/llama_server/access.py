"""Who the embedded server answers: Ringkas, with the key it made for the server (`EmbeddedServer.api_key`), and
no web page.

llama-cpp-python's server adds CORS headers that let any web page read its answers (`allow_origins=["*"]`, in
`llama_cpp/server/app.py`); Ringkas's server sends none, so a page the analyst visits cannot read a reply even
where it could send a request. Its key is checked by llama-cpp-python (`--api_key`, read from the environment as
`API_KEY`) as a bearer token, which Ringkas's client sends with every request, its token count included.
"""

from fastapi.middleware.cors import CORSMiddleware


def without_cors(app) -> None:
    """Take llama-cpp-python's CORS middleware off `app` (a FastAPI app that has not served yet)."""
    app.user_middleware[:] = [m for m in app.user_middleware if m.cls is not CORSMiddleware]
