"""Read sources into Articles: files, folders, feeds and stdin."""

from receipts.ingest.normalize import content_hash
from receipts.ingest.readers import IngestFailure, Overrides, read_sources, read_text_source

__all__ = ["IngestFailure", "Overrides", "content_hash", "read_sources", "read_text_source"]
