"""receipts: who said what, who promised what, and what the record shows."""

__version__ = "0.1.0"
