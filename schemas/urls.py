"""Which URLs Ringkas accepts and links: web addresses only.

A source URL comes from whoever submitted the article, so it is hostile input: a `javascript:` or `data:` URL
turned into a link runs the submitter's script in the reader's session. Only `http` and `https` URLs with a
host are accepted at every face (API, CLI `sources.tsv`, web page) and only those are ever linked.
"""

from urllib.parse import urlsplit

WEB_SCHEMES = frozenset({"http", "https"})


def is_web_url(url: str | None) -> bool:
    """Whether `url` is an absolute `http`/`https` URL with a host and no whitespace or control characters
    (which browsers strip, so `java\\tscript:` would otherwise pass as something else)."""
    if not url or any(ch.isspace() or ord(ch) < 32 or ord(ch) == 127 for ch in url):
        return False
    try:
        parts = urlsplit(url)
    except ValueError:  # e.g. an unbalanced IPv6 bracket
        return False
    return parts.scheme.lower() in WEB_SCHEMES and bool(parts.hostname)


def check_web_url(url: str | None) -> str | None:
    """`url` itself when it is a web URL (see `is_web_url`) or empty/None (None then).

    Raises:
        ValueError: any other scheme or a malformed URL, with a message naming the rule.
    """
    if url is None or not url.strip():
        return None
    if not is_web_url(url):
        raise ValueError("url must be an http:// or https:// address with a host")
    return url
