"""Sessions, CSRF tokens, API tokens and security headers for the web shell."""

from __future__ import annotations

import hmac
import secrets

from fastapi import Request
from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from receipts.app.review import session_generation
from receipts.errors import AuthError
from receipts.types import safe_url  # noqa: F401  (templates use it: only http(s) links become hrefs)

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
HEADERS = (
    ("Content-Security-Policy", CSP),
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "same-origin"),
    ("X-Frame-Options", "DENY"),
)
HSTS = "max-age=31536000; includeSubDomains"


def csrf_token(request: Request) -> str:
    """The session's CSRF token, made on first use."""
    token = request.session.get("csrf")
    if not token:
        token = secrets.token_urlsafe(24)
        request.session["csrf"] = token
    return token


def check_csrf(request: Request, submitted: str | None) -> None:
    """:raises AuthError: When the submitted form token does not match the session's."""
    expected = request.session.get("csrf")
    if not expected or not submitted or not hmac.compare_digest(expected, submitted):
        raise AuthError("the form expired or did not come from this site; reload the page and try again")


def session_user(request: Request) -> str | None:
    """The editor of the request's session, while the session is live in the store.

    A cookie carries the session generation it was issued under; logging out moves the editor's
    generation on, so a copy of the cookie taken before logout counts for nothing.
    """
    user = request.session.get("user")
    if not user:
        return None
    if session_generation(request.app.state.settings, user) != request.session.get("gen"):
        request.session.pop("user", None)
        request.session.pop("gen", None)
        return None
    return user


def client_address(request: Request) -> str:
    """The client's address, for throttling (uvicorn's --proxy-headers puts the real one here behind a proxy)."""
    return request.client.host if request.client else "unknown"


def bearer_token(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    scheme, _, value = header.partition(" ")
    return value.strip() if scheme.lower() == "bearer" and value.strip() else None


class SecurityHeaders:
    """Content-Security-Policy and friends on every response; over https, HSTS and only Secure cookies.

    Add it last (outermost), so that it also sees the session cookie::

        app.add_middleware(SecurityHeaders, force_https=settings.force_https)
    """

    def __init__(self, app: ASGIApp, force_https: bool = False) -> None:
        self.app, self.force_https = app, force_https

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        https = self.force_https or scope.get("scheme") == "https"

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in HEADERS:
                    headers.setdefault(name, value)
                if https:
                    headers.setdefault("Strict-Transport-Security", HSTS)
                    cookies = headers.getlist("set-cookie")
                    if any("secure" not in c.lower().split("; ") for c in cookies):
                        del headers["set-cookie"]
                        for c in cookies:
                            headers.append("set-cookie", c if "secure" in c.lower().split("; ") else f"{c}; secure")
            await send(message)

        await self.app(scope, receive, send_with_headers)
