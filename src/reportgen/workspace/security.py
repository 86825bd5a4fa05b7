"""The workspace's guard, in front of every request: host, access token, upload limit, headers, session.

A plain ASGI middleware rather than Starlette's BaseHTTPMiddleware, so it can refuse an
oversized body while it arrives (before anything is parsed or stored) and add headers to
every response, downloads included.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import secrets
import time
from collections.abc import Awaitable, Callable
from http.cookies import SimpleCookie
from urllib.parse import parse_qs, urlencode

SESSION_COOKIE = "rg_session"
TOKEN_COOKIE = "rg_token"
NAME_COOKIE = "rg_name"
CSRF_FIELD = "csrf"

# Pages: our own stylesheet and script only; frames only from ourselves; forms post only to us.
PAGE_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "frame-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)
# A document shown in a frame (the edition preview, the comparison report): no script at all,
# nothing fetched; the styles, fonts and charts it carries inline are all it can use.
DOCUMENT_POLICY = (
    "default-src 'none'; style-src 'unsafe-inline' data:; img-src data:; font-src data:; "
    "frame-ancestors 'self'; base-uri 'none'; form-action 'none'; sandbox"
)

# A refused body is read and dropped up to this much, so a browser shows the 413 page; past it
# the connection is simply closed.
DRAIN_LIMIT = 256 * 1024 * 1024

LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1", "[::1]", "testserver")


def is_loopback(host: str) -> bool:
    if host in ("localhost",):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def csrf_token(secret: bytes, session: str) -> str:
    return hmac.new(secret, f"csrf:{session}".encode(), hashlib.sha256).hexdigest()


def valid_csrf(secret: bytes, session: str | None, submitted: str | None) -> bool:
    if not session or not submitted:
        return False
    return hmac.compare_digest(csrf_token(secret, session), submitted)


def cookies_of(scope) -> dict[str, str]:
    jar = SimpleCookie()
    for name, value in scope.get("headers", []):
        if name == b"cookie":
            try:
                jar.load(value.decode("latin-1"))
            except Exception:  # noqa: BLE001 - a malformed cookie header is ignored, not an error
                pass
    return {key: morsel.value for key, morsel in jar.items()}


class BodyTooLarge(Exception):
    pass


class Guard:
    """Wraps the application; see the module's docstring."""

    def __init__(
        self,
        app,
        *,
        upload_limit: int,
        token: str | None,
        loopback_only: bool,
        too_large: Callable[[], bytes],
        refused: Callable[[str], tuple[int, bytes]],
    ):
        self.app = app
        # Room for the form's other fields and the multipart boundaries around the file.
        self.body_limit = upload_limit + 64 * 1024
        self.token = token
        self.loopback_only = loopback_only
        self.too_large = too_large
        self.refused = refused

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        started = time.perf_counter()
        headers = dict(scope.get("headers", []))
        cookies = cookies_of(scope)
        new_session = None
        session = cookies.get(SESSION_COOKIE)
        if not session or len(session) > 64:
            session = new_session = secrets.token_urlsafe(24)
        scope.setdefault("state", {})["session"] = session

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                extra = list(message.get("headers", []))
                names = {name.lower() for name, _ in extra}
                if b"content-security-policy" not in names:
                    extra.append((b"content-security-policy", PAGE_POLICY.encode()))
                if b"x-frame-options" not in names:
                    extra.append((b"x-frame-options", b"DENY"))
                extra += [
                    (b"x-content-type-options", b"nosniff"),
                    (b"referrer-policy", b"no-referrer"),
                    (b"cross-origin-opener-policy", b"same-origin"),
                    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
                ]
                # The server's own time, for the browser's developer tools and benchmarks/workspace_bench.py.
                extra.append((b"server-timing", f"app;dur={(time.perf_counter() - started) * 1000:.1f}".encode()))
                if b"cache-control" not in names:
                    extra.append((b"cache-control", b"no-store"))
                if new_session:
                    extra.append(
                        (b"set-cookie", f"{SESSION_COOKIE}={new_session}; Path=/; HttpOnly; SameSite=Strict".encode())
                    )
                message = dict(message, headers=extra)
            await send(message)

        # A page reached by another name on a loopback address is a DNS rebinding attempt.
        if self.loopback_only:
            given = headers.get(b"host", b"").decode("latin-1")
            host = given.split("]")[0] + "]" if given.startswith("[") else given.split(":")[0]
            if host not in LOOPBACK_NAMES:
                status, body = self.refused("host")
                return await _respond(send_with_headers, status, body)
        if self.token and not self._authorised(scope, headers, cookies):
            if scope["path"].startswith("/static/"):
                return await self.app(scope, receive, send_with_headers)
            query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
            offered = (query.get("token") or [""])[0]
            if offered and hmac.compare_digest(offered, self.token):
                # Once: the token moves into a cookie and out of the address bar and history.
                rest = {key: value for key, value in query.items() if key != "token"}
                location = scope["path"] + ("?" + urlencode(rest, doseq=True) if rest else "")
                return await _respond(
                    send_with_headers,
                    303,
                    b"",
                    [
                        (b"location", location.encode()),
                        (b"set-cookie", f"{TOKEN_COOKIE}={self.token}; Path=/; HttpOnly; SameSite=Strict".encode()),
                    ],
                )
            status, body = self.refused("token")
            return await _respond(send_with_headers, status, body)

        if scope["method"] in ("POST", "PUT", "PATCH"):
            length = headers.get(b"content-length")
            if length is not None and length.isdigit() and int(length) > self.body_limit:
                await _drain(receive, min(int(length), DRAIN_LIMIT))
                return await _respond(send_with_headers, 413, self.too_large())
            received = 0
            limit = self.body_limit

            async def counted_receive():
                nonlocal received
                message = await receive()
                if message["type"] == "http.request":
                    received += len(message.get("body", b""))
                    if received > limit:
                        raise BodyTooLarge()
                return message

            try:
                return await self.app(scope, counted_receive, send_with_headers)
            except BodyTooLarge:
                await _drain(receive, DRAIN_LIMIT)
                return await _respond(send_with_headers, 413, self.too_large())
        return await self.app(scope, receive, send_with_headers)

    def _authorised(self, scope, headers, cookies) -> bool:
        offered = cookies.get(TOKEN_COOKIE) or ""
        bearer = headers.get(b"authorization", b"").decode("latin-1")
        if bearer.lower().startswith("bearer "):
            offered = bearer[7:].strip()
        return bool(offered) and hmac.compare_digest(offered, self.token)


async def _drain(receive: Callable[[], Awaitable[dict]], at_most: int) -> None:
    """Read and drop the rest of a refused body, so the browser sees the 413 page, not a reset."""
    seen = 0
    while seen <= at_most:
        message = await receive()
        if message["type"] != "http.request":
            return
        seen += len(message.get("body", b""))
        if not message.get("more_body"):
            return


async def _respond(send, status: int, body: bytes, headers: list | None = None) -> None:
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [(b"content-type", b"text/html; charset=utf-8"), (b"content-length", str(len(body)).encode())]
            + (headers or []),
        }
    )
    await send({"type": "http.response.body", "body": body})
