"""Build the FastAPI application: API, pages, sessions, error handling."""

from __future__ import annotations

import logging
import secrets
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.sessions import SessionMiddleware

from receipts import __version__
from receipts.config import Settings
from receipts.errors import AuthError, InvalidRequest, NotFound, ReceiptsError
from receipts.web import api, pages
from receipts.web.security import SecurityHeaders

HERE = Path(__file__).parent
log = logging.getLogger("receipts.web")

STATUS = {NotFound: 404, InvalidRequest: 400, AuthError: 401}


def _status(exc: ReceiptsError) -> int:
    for cls, code in STATUS.items():
        if isinstance(exc, cls):
            return code
    return 400


def create_app(settings: Settings | None = None) -> FastAPI:
    """The web application for one store.

    Example::

        uvicorn.run(create_app(Settings(database_url="sqlite:///receipts.db")))
    """
    settings = settings or Settings()
    app = FastAPI(title="receipts", version=__version__, docs_url="/api/docs", redoc_url=None,
                  openapi_url="/api/openapi.json",
                  description="Who said what, who promised what, and what the record shows. "
                              "Reading is open; reviews need an API token from `receipts users add`.")
    app.state.settings = settings
    key = settings.secret_key or secrets.token_urlsafe(32)
    if not settings.secret_key:
        log.warning("RECEIPTS_SECRET_KEY is not set: sessions end when the server restarts")
    app.add_middleware(SecurityHeaders)
    app.add_middleware(SessionMiddleware, secret_key=key, same_site="strict", https_only=settings.base_url.startswith("https"),
                       max_age=12 * 3600)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.include_router(api.router)
    app.include_router(pages.router)

    def wants_json(request: Request) -> bool:
        return request.url.path.startswith("/api")

    @app.exception_handler(ReceiptsError)
    async def receipts_error(request: Request, exc: ReceiptsError):
        code = _status(exc)
        if wants_json(request):
            return JSONResponse({"detail": str(exc)}, status_code=code)
        return pages.error_page(request, code, str(exc))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        if wants_json(request):
            return JSONResponse({"detail": exc.detail}, status_code=exc.status_code)
        return pages.error_page(request, exc.status_code, "Not found" if exc.status_code == 404 else str(exc.detail))

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError):
        errors = [{"loc": list(e.get("loc", ())), "msg": e.get("msg", "")} for e in exc.errors()]
        if wants_json(request):
            return JSONResponse({"detail": errors}, status_code=422)
        msg = "; ".join(f"{'.'.join(str(x) for x in e['loc'][1:])}: {e['msg']}" for e in errors)
        return pages.error_page(request, 400, f"Bad request: {msg}")

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception):
        log.exception("unhandled error on %s", request.url.path)
        if wants_json(request):
            return JSONResponse({"detail": "internal error; the server log has the details"}, status_code=500)
        return HTMLResponse(pages.render_error(request, 500, "Something went wrong on our side. The server log has the details."),
                            status_code=500)

    return app
