"""Who may talk to the judging page, and the headers every response carries.

A pure ASGI middleware (it wraps streamed media responses without buffering them):

- the session's token must come with every request: in the URL's `token` query parameter
  (the address `serve` prints), or in the cookie set from it (HttpOnly, SameSite=Strict, a
  session cookie). Anything else is 403, with a body that says nothing about the bake-off;
- the Host header must name the loopback address the server listens on (a DNS-rebinding
  page has no token anyway; this is a second wall), unless it listens beyond localhost;
- a POST must come from the page itself: an `Origin` or `Sec-Fetch-Site` naming another
  origin is refused (cookies are per host, not per port: a page on another local port is
  "same-site" and would carry the SameSite=Strict cookie);
- every response gets a strict Content-Security-Policy (scripts, styles and media from this
  origin only, no inline script), `Cache-Control: no-store`, `X-Content-Type-Options:
  nosniff`, framing denied, `Cross-Origin-Resource-Policy: same-origin`, and
  `Referrer-Policy: same-origin` (not `no-referrer`, under which a form's POST carries
  `Origin: null`; the page makes no request elsewhere anyway).
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import parse_qs

from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
       "media-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; "
       "frame-ancestors 'none'")

SECURITY_HEADERS: dict[str, str] = {
    "content-security-policy": CSP,
    "cache-control": "no-store",
    "referrer-policy": "same-origin",
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "cross-origin-resource-policy": "same-origin",
    "cross-origin-opener-policy": "same-origin",
}

FORBIDDEN = (b"403 forbidden: open the address that `checklist bakeoff serve` printed; it "
             b"carries this session's token.\n")


def new_token() -> str:
    """A per-session secret: 256 random bits, URL-safe."""
    return secrets.token_urlsafe(32)


@dataclass(frozen=True)
class Guard:
    """What a request must carry. `hosts` lists the Host header values accepted (host:port);
    None accepts any (the server listens beyond localhost)."""

    token: str
    cookie: str
    hosts: frozenset[str] | None

    def query_token(self, scope: Scope) -> str | None:
        values = parse_qs(scope.get("query_string", b"").decode("latin-1")).get("token")
        return values[0] if values else None

    def cookie_token(self, headers: Headers) -> str | None:
        for header in headers.getlist("cookie"):
            for part in header.split(";"):
                name, _, value = part.strip().partition("=")
                if name == self.cookie:
                    return value
        return None

    def valid(self, candidate: str | None) -> bool:
        return candidate is not None and secrets.compare_digest(
            candidate.encode("utf-8", "replace"), self.token.encode())

    def same_origin(self, scope: Scope, headers: Headers) -> bool:
        """For state-changing requests: the browser says it comes from this very page."""
        fetch_site = headers.get("sec-fetch-site")
        if fetch_site is not None and fetch_site != "same-origin":
            return False
        origin = headers.get("origin")
        return origin is None or origin == f"{scope.get('scheme', 'http')}://{headers.get('host')}"

    def set_cookie(self) -> str:
        return f"{self.cookie}={self.token}; Path=/; HttpOnly; SameSite=Strict"


class GuardMiddleware:
    def __init__(self, app: ASGIApp, guard: Guard) -> None:
        self.app = app
        self.guard = guard

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":  # lifespan is off; websockets are not served
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        guard = self.guard
        from_query = guard.valid(guard.query_token(scope))
        allowed = (
            (guard.hosts is None or headers.get("host") in guard.hosts)
            and (from_query or guard.valid(guard.cookie_token(headers)))
            and (scope["method"] in ("GET", "HEAD") or guard.same_origin(scope, headers))
        )
        if not allowed:
            await _send_plain(send, 403, FORBIDDEN)
            return
        extra = [("set-cookie", guard.set_cookie())] if from_query else []

        async def send_secured(message: Message) -> None:
            if message["type"] == "http.response.start":
                secured = MutableHeaders(scope=message)
                _add_security_headers(secured, extra)
            await send(message)

        await self.app(scope, receive, send_secured)


def _add_security_headers(headers: MutableHeaders, extra: Iterable[tuple[str, str]]) -> None:
    for name, value in SECURITY_HEADERS.items():
        headers[name] = value
    # nothing that dates or fingerprints a file (see media.py), whoever set it
    for name in ("last-modified", "etag", "server"):
        if name in headers:
            del headers[name]
    for name, value in extra:
        headers.append(name, value)


async def _send_plain(send: Send, status: int, body: bytes) -> None:
    headers = MutableHeaders()
    headers["content-type"] = "text/plain; charset=utf-8"
    headers["content-length"] = str(len(body))
    _add_security_headers(headers, ())
    await send({"type": "http.response.start", "status": status, "headers": headers.raw})
    await send({"type": "http.response.body", "body": body})
