"""Build the FastAPI application: API, pages, sessions, error handling."""

from __future__ import annotations

import logging
import os
import re
import secrets
import signal
import socket
import sys
import threading
import time
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.sessions import SessionMiddleware

try:
    from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol as _HTTPBase
except ImportError:  # httptools is optional: uvicorn then speaks h11
    from uvicorn.protocols.http.h11_impl import H11Protocol as _HTTPBase

from receipts import __version__
from receipts.app.services import open_store
from receipts.app.throttle import Throttle
from receipts.config import Settings
from receipts.errors import AuthError, InvalidRequest, NotFound, ReceiptsError, TooManyAttempts
from receipts.web import api, editing, pages
from receipts.web.apidocs import mount_api_docs
from receipts.web.security import SecurityHeaders

HERE = Path(__file__).parent
log = logging.getLogger("receipts.web")

HTTP_METHODS = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE"}
STATUS = {NotFound: 404, InvalidRequest: 400, TooManyAttempts: 429, AuthError: 401}


def _status(exc: ReceiptsError) -> int:
    for cls, code in STATUS.items():
        if isinstance(exc, cls):
            return code
    return 400


def _allowed_methods(request: Request, routed: str) -> str:
    """The Allow header of a 405: the methods the routing found, and every method the API schema
    declares for the path (a path served by several routes lists them all)."""
    methods = {m.strip() for m in routed.split(",") if m.strip()}
    for template, operations in request.app.openapi()["paths"].items():
        pattern = "[^/]+".join(re.escape(part) for part in re.split(r"\{[^/}]+\}", template))
        if re.fullmatch(pattern, request.url.path):
            methods |= {m.upper() for m in operations if m.upper() in HTTP_METHODS}
    return ", ".join(sorted(methods))


def create_worker_app() -> FastAPI:
    """The application in one of several server processes (``receipts serve --workers N``).

    Settings come from the environment the parent set; the process ends when its parent does, so
    killing ``receipts serve`` never leaves workers serving on their own.
    """
    _end_with_parent()
    return create_app(Settings())


SERVE_PID_ENV = "RECEIPTS_SERVE_PID"  # set by ``receipts serve --workers N`` for the workers it starts


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _end_with_parent() -> None:
    """Have this process sent SIGTERM when its parent ends, even by SIGKILL.

    A worker gets here only after its imports, which take seconds: if ``receipts serve`` was killed
    meanwhile, this process already belongs to another parent, and watching that one would keep it
    serving for ever. So the pid of the ``serve`` that started it comes in ``RECEIPTS_SERVE_PID``, and a
    worker whose starter is gone ends at once.
    """
    parent = os.getppid()
    if sys.platform.startswith("linux"):
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG: the kernel tells us
    started_by = int(os.environ.get(SERVE_PID_ENV) or 0)
    if started_by and started_by != parent and not _alive(started_by):
        os._exit(1)  # orphaned before it could watch: nothing was served, nothing to clean up

    def watch() -> None:  # elsewhere, or if the parent went before prctl took effect
        while os.getppid() == parent:
            time.sleep(1)
        os.kill(os.getpid(), signal.SIGTERM)

    threading.Thread(target=watch, name="end-with-parent", daemon=True).start()


class NoDelayHTTP(_HTTPBase):
    """uvicorn's HTTP protocol with Nagle's algorithm off on every connection (``serve --workers``).

    With workers, uvicorn binds the shared socket without naming TCP, so asyncio does not set
    TCP_NODELAY on the connections it accepts, and each answer on a kept-alive connection waited
    about 40 ms for the client's delayed ACK.
    """

    def connection_made(self, transport) -> None:
        sock = transport.get_extra_info("socket")
        if sock is not None and sock.family in (socket.AF_INET, socket.AF_INET6):
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        super().connection_made(transport)


def create_app(settings: Settings | None = None) -> FastAPI:
    """The web application for one store.

    Example::

        uvicorn.run(create_app(Settings(database_url="sqlite:///receipts.db")))
    """
    settings = settings or Settings()
    open_store(settings)  # migrate once, at start: requests share this store and its pool, and never migrate
    app = FastAPI(
        title="receipts",
        version=__version__,
        docs_url=None,
        redoc_url=None,
        openapi_url="/api/openapi.json",
        description="Who said what, who promised what, and what the record shows. "
        "Reading is open; reviews need an API token from `receipts users add`.",
    )
    app.state.settings = settings
    key = settings.secret_key or secrets.token_urlsafe(32)
    if not settings.secret_key:
        log.warning("RECEIPTS_SECRET_KEY is not set: sessions end when the server restarts")
    app.state.throttle = Throttle(window_s=settings.login_window_s)
    https = settings.force_https or settings.base_url.startswith("https")
    app.add_middleware(SessionMiddleware, secret_key=key, same_site="strict", https_only=https, max_age=12 * 3600)
    app.add_middleware(SecurityHeaders, force_https=https)  # outermost: it sees the session cookie too
    mount_api_docs(app)  # before /static: its files live under /static/swagger-ui
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> FileResponse:
        # browsers ask for it on pages that name no icon (a JSON page, a download): answer with ours
        return FileResponse(HERE / "static" / "favicon.svg", media_type="image/svg+xml")

    app.include_router(api.router)
    app.include_router(editing.api)
    app.include_router(pages.router)
    app.include_router(editing.pages)

    def wants_json(request: Request) -> bool:
        return request.url.path.startswith("/api")

    @app.exception_handler(ReceiptsError)
    async def receipts_error(request: Request, exc: ReceiptsError):
        code = _status(exc)
        response = (
            JSONResponse({"detail": str(exc)}, status_code=code)
            if wants_json(request)
            else pages.error_page(request, code, str(exc))
        )
        if isinstance(exc, TooManyAttempts):
            response.headers["Retry-After"] = str(exc.retry_after)
        return response

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        headers = getattr(exc, "headers", None)
        if exc.status_code == 405:
            headers = {"Allow": _allowed_methods(request, (headers or {}).get("Allow", ""))}
        if wants_json(request):
            return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=headers)
        response = pages.error_page(
            request, exc.status_code, "Not found" if exc.status_code == 404 else str(exc.detail)
        )
        response.headers.update(headers or {})
        return response

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError):
        # the shape the OpenAPI schema declares (HTTPValidationError), without echoing the input back
        errors = [
            {"loc": list(e.get("loc", ())), "msg": e.get("msg", ""), "type": e.get("type", "value_error")}
            for e in exc.errors()
        ]
        if wants_json(request):
            return JSONResponse({"detail": errors}, status_code=422)
        msg = "; ".join(f"{'.'.join(str(x) for x in e['loc'][1:])}: {e['msg']}" for e in errors)
        return pages.error_page(request, 422, f"Bad request: {msg}")

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception):
        log.exception("unhandled error on %s", request.url.path)
        if wants_json(request):
            return JSONResponse({"detail": "internal error; the server log has the details"}, status_code=500)
        return HTMLResponse(
            pages.render_error(request, 500, "Something went wrong on our side. The server log has the details."),
            status_code=500,
        )

    return app
