"""spaCy loading and the receipts pipeline."""

from receipts.nlp.pipeline import STAGES, load_nlp, process, process_guarded, to_extraction

__all__ = ["STAGES", "load_nlp", "process", "process_guarded", "to_extraction"]
