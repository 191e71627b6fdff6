"""Where extraction runs: the spaCy pipeline of receipts stages, the analyzer that holds it, and the
engines that run it in this process, in a process pool or on Dask."""

from receipts.runtime.pipeline import STAGES, load_nlp, process, process_guarded, to_extraction

__all__ = ["STAGES", "load_nlp", "process", "process_guarded", "to_extraction"]
