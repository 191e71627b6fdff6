"""spaCy helpers the stages share: the Doc/Span extensions and the per-document limits.

The pipeline that puts the stages together lives one layer up, in :mod:`receipts.runtime`.
"""
