"""The use cases: what the CLI, the API and the web pages ask receipts to do.

Each module here opens the store, calls the pure stages (ingest, extract, classify, retrieve,
verify) through :mod:`receipts.runtime`, and writes the results back. Shells import this package;
the stages never do.
"""
