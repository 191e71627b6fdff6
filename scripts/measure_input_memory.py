"""Peak memory of reading and extracting each input of a folder, one after another, in one process.

Usage: python scripts/measure_input_memory.py FOLDER   (e.g. a corpus from scripts/make_malformed_corpus.py)

Prints the process's peak resident memory after loading the pipeline and after every input, and the
input whose processing raised the peak most: an upper bound on what any single input costs (issue 16).
"""

from __future__ import annotations

import resource
import sys
import time
from pathlib import Path

from receipts.config import Settings
from receipts.ingest.readers import read_sources
from receipts.runtime.analyzer import Analyzer


def main(folder: Path) -> None:
    analyzer = Analyzer(Settings())
    analyzer.warm_up()
    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    worst, worst_name = 0, None
    files = sorted(p for p in folder.iterdir() if p.is_file() and not p.is_symlink())
    started = time.time()
    for f in files:
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        for item in read_sources([f]):
            if hasattr(item, "text"):  # an Article; a failure is one line elsewhere, and costs nothing here
                for _ in analyzer.extract([item]):
                    pass
        rise = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
        if rise > worst:
            worst, worst_name = rise, f.name
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(
        f"files={len(files)} after_warm_up_mb={base / 1024:.0f} peak_mb={peak / 1024:.0f} "
        f"largest_rise_mb={worst / 1024:.0f} ({worst_name}) wall_s={time.time() - started:.0f}"
    )


if __name__ == "__main__":
    if len(sys.argv) != 2 or not Path(sys.argv[1]).is_dir():
        sys.exit("usage: python scripts/measure_input_memory.py FOLDER")
    main(Path(sys.argv[1]))
