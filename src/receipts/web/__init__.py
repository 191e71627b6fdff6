"""The newsroom surface: REST API under /api and a server-rendered web UI."""

from receipts.web.app import create_app

__all__ = ["create_app"]
