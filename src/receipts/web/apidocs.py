"""The API's interactive docs (Swagger UI 5) served from the ``swagger-ui-py`` package, within the CSP.

FastAPI's own page loads Swagger UI from a CDN and starts it with an inline script; our
Content-Security-Policy (``script-src 'self'``) blocks both, and a newsroom server may have no internet.
Here the bundle's files are served from the installed package and a static script starts it. (The
``swagger-ui-bundle`` package ships Swagger UI 4, which cannot read FastAPI's OpenAPI 3.1 schema.)
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

ASSETS = "/static/swagger-ui"

PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} API · receipts</title>
<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="{assets}/swagger-ui.css">
</head>
<body>
<div id="swagger-ui" data-openapi="{openapi}"></div>
<script src="{assets}/swagger-ui-bundle.js"></script>
<script src="/static/api-docs.js"></script>
</body>
</html>
"""


def swagger_ui_dir() -> Path:
    """The folder of Swagger UI's files inside the installed ``swagger-ui-py`` package.

    Found without importing the package (its adapters for other frameworks are of no use here).

    :raises RuntimeError: When the package is missing (it is a dependency: reinstall receipts).
    """
    spec = importlib.util.find_spec("swagger_ui")
    folder = Path(spec.submodule_search_locations[0]) / "static" if spec and spec.submodule_search_locations else None
    if folder is None or not (folder / "swagger-ui-bundle.js").is_file():
        raise RuntimeError("the API docs need Swagger UI's files: pip install 'swagger-ui-py>=25.7'")
    return folder


def mount_api_docs(app: FastAPI, *, docs_url: str = "/api/docs", openapi_url: str = "/api/openapi.json") -> None:
    """Serve Swagger UI at ``docs_url`` for the schema at ``openapi_url``, with no CDN and no inline script.

    :param app: An app created with ``docs_url=None``.
    :param docs_url: Where the page lives.
    :param openapi_url: The schema the page reads.
    """
    app.mount(ASSETS, StaticFiles(directory=swagger_ui_dir()), name="swagger-ui")
    html = PAGE.format(title=app.title, assets=ASSETS, openapi=openapi_url)

    @app.get(docs_url, include_in_schema=False, response_class=HTMLResponse)
    def api_docs() -> HTMLResponse:
        return HTMLResponse(html)
