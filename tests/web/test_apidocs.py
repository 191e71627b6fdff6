"""The API docs page: Swagger UI from the installed package, no CDN, no inline script."""

from __future__ import annotations

import re

import pytest

from receipts.web.apidocs import swagger_ui_dir


def test_swagger_ui_dir_holds_the_bundle():
    assert (swagger_ui_dir() / "swagger-ui-bundle.js").is_file()
    assert (swagger_ui_dir() / "swagger-ui.css").is_file()


@pytest.mark.issue(17)
def test_api_docs_load_only_local_files_and_no_inline_script(client):
    r = client.get("/api/docs")
    assert r.status_code == 200 and "script-src 'self'" in r.headers["Content-Security-Policy"]
    html = r.text
    assert "http://" not in html and "https://" not in html
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", html, flags=re.S)
    assert scripts and all('src="/' in attrs and not body.strip() for attrs, body in scripts)
    for asset in re.findall(r'(?:src|href)="(/[^"]+)"', html):
        assert client.get(asset).status_code == 200, asset
    assert client.get("/api/openapi.json").json()["openapi"].startswith("3.")
