"""Who is answered, checked before the app sees a request: the `Host` header (against DNS rebinding), the API
key, and the body's size, declared or counted as it arrives."""

import hmac
import ipaddress
import socket

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from service.api.errors import send_error
from service.intake.limits import max_input_bytes

# Health, the API's description and the web page's own files need no key; the page then sends the key the analyst
# enters.
OPEN_PATHS = frozenset({"/", "/healthz", "/openapi.json"})
# Where the body is a file's own bytes (with the file's own Content-Type), not JSON.
UPLOAD_PATHS = frozenset({"/v1/articles/decode"})
# The longest JSON escape of one character, `\uXXXX` (RFC 8259 section 7): a client that escapes every non-ASCII
# character (Python's json.dumps does by default) sends a text of n characters in up to 6n bytes.
JSON_BYTES_PER_CHAR = 6
# Title, URL, language and the JSON around them, and a memo's list of summary ids (up to 1,000 of 67 bytes each as
# JSON, schemas.memo.MemoIn).
JSON_FIELDS_BYTES = 131_072


def body_size_limit(path: str, max_article_chars: int) -> int:
    """The largest request body accepted at `path`, in bytes, from the one size rule of `service.intake.limits`:
    an upload (`UPLOAD_PATHS`) is at most `max_input_bytes(max_article_chars)` bytes, as a file the CLI reads; a
    JSON body may carry a text of as many characters, each written as JSON's longest escape
    (`JSON_BYTES_PER_CHAR` bytes), and `JSON_FIELDS_BYTES` for the rest."""
    if path in UPLOAD_PATHS:
        return max_input_bytes(max_article_chars)
    return JSON_BYTES_PER_CHAR * max_input_bytes(max_article_chars) + JSON_FIELDS_BYTES


class Access:
    """A plain ASGI middleware (cheaper per request than Starlette's `BaseHTTPMiddleware`) that answers 400 for a
    `Host` that `hosts` refuses, 401 without one of `keys` (when `require_api_key`; `OPEN_PATHS` and `/static/`
    stay open) and 413 for a body over `body_size_limit` (declared by `Content-Length`, or counted as it streams
    in, however it is framed: reading stops at the limit); any other request goes on to `app`."""

    def __init__(self, app: ASGIApp, *, hosts: "AllowedHosts", keys: list[bytes], require_api_key: bool,
                 max_article_chars: int):
        self.app, self.hosts, self.keys, self.require_api_key = app, hosts, keys, require_api_key
        self.max_article_chars = max_article_chars

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        headers = {k.decode("latin-1"): v.decode("latin-1") for k, v in scope["headers"]}
        host = headers.get("host", "")
        if not self.hosts.allows(host):
            return await send_error(send, 400, self.hosts.refusal(host))
        path = scope["path"]
        if self.require_api_key and path not in OPEN_PATHS and not path.startswith("/static/") and \
                not self._key_ok(headers):
            return await send_error(send, 401, "missing or invalid API key: send 'Authorization: Bearer <key>' or "
                                               "'X-API-Key: <key>'", {"WWW-Authenticate": "Bearer"})
        limit = body_size_limit(path, self.max_article_chars)
        length = headers.get("content-length", "")
        if length.isdigit() and int(length) > limit:
            return await send_error(send, 413, f"request body too large ({int(length):,} bytes; limit {limit:,})")
        await self.app(scope, BodyCounter(receive, limit).receive, send)

    def _key_ok(self, headers: dict[str, str]) -> bool:
        # Bearer as RFC 6750 section 2.1 sends it; compared in constant time so timing tells nothing of a key.
        given = headers.get("x-api-key", "")
        scheme, _, token = headers.get("authorization", "").partition(" ")
        if scheme.lower() == "bearer":
            given = token.strip()
        return any(hmac.compare_digest(given.encode(), key) for key in self.keys)


class BodyCounter:
    """A request's ASGI `receive` that counts the body's bytes as they arrive: past `limit` it raises a 413
    `HTTPException` to whoever reads (FastAPI passes it on to its handler), so no more is read, whatever the
    framing (`Transfer-Encoding: chunked` declares no length)."""

    def __init__(self, receive: Receive, limit: int):
        self._receive, self.limit, self.received = receive, limit, 0

    async def receive(self) -> Message:
        """The next message; raises `HTTPException` 413 once the body is over `limit` bytes."""
        message = await self._receive()
        if message["type"] == "http.request":
            self.received += len(message.get("body", b""))
            if self.received > self.limit:
                raise HTTPException(413, f"request body too large (over {self.limit:,} bytes, the limit)")
        return message


class AllowedHosts:
    """Which `Host` headers the server answers: the defence against DNS rebinding.

    A web page the analyst visits can rebind its own host name to 127.0.0.1 and then read, as same-origin, a
    server on loopback that has no API key; its requests still carry its own name in `Host`. So a request is
    answered only when `Host` is an IP address (rebinding needs a name), `localhost` on a loopback server (browsers
    resolve it to loopback themselves, WHATWG URL standard / RFC 6761), the name the server was bound to, the
    machine's host name on a server bound to every interface, or one of `RINGKAS_ALLOWED_HOSTS` (`*`: any).
    """

    def __init__(self, names: frozenset[str], *, any_host: bool = False):
        self.names, self.any_host = names, any_host

    def allows(self, host_header: str) -> bool:
        """Whether a request with this `Host` header (`name[:port]`, `[v6]:port` or an IP) is answered."""
        if self.any_host:
            return True
        host = _host_name(host_header)
        if not host:
            return False
        try:
            ipaddress.ip_address(host)
            return True
        except ValueError:
            return host in self.names

    def refusal(self, host_header: str) -> str:
        """The 400 message for a refused `Host` header (shown cut to 100 characters)."""
        shown = host_header[:100] or "(none)"
        return (f"this server does not answer requests addressed to Host '{shown}': it answers its IP address"
                f"{', ' + ', '.join(sorted(self.names)) if self.names else ''}; add a name with "
                f"RINGKAS_ALLOWED_HOSTS='[\"name\"]'")


def _host_name(host_header: str) -> str:
    host = host_header.strip().lower()
    if host.startswith("["):  # an IPv6 literal, RFC 3986 section 3.2.2
        return host[1:host.find("]")] if "]" in host else ""
    name, _, port = host.rpartition(":")
    if name and port.isdigit():
        host = name
    return host.rstrip(".")  # "localhost." is "localhost": a trailing dot only makes a name absolute


def allowed_host_names(bind_host: str, configured: list[str]) -> AllowedHosts:
    """The `AllowedHosts` of a server bound to `bind_host` with `RINGKAS_ALLOWED_HOSTS` = `configured`."""
    names = {n.strip().lower().rstrip(".") for n in configured if n.strip()}
    if "*" in names:
        return AllowedHosts(frozenset(), any_host=True)
    bind = _host_name(bind_host)
    names.add(bind)
    if is_loopback(bind):
        names.add("localhost")
    elif bind in ("0.0.0.0", "::", ""):
        names.update({socket.gethostname().lower(), socket.getfqdn().lower()})
    return AllowedHosts(frozenset(n for n in names if n))


def is_loopback(host: str) -> bool:
    """Whether binding to `host` (a name or an IP address) keeps the server on this machine."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
