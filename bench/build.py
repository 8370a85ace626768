"""Time the database build: median of N builds into a fresh folder, and the database size.

Usage: python bench/build.py [N]   (SANTECARTE_RAW_DIR must point at the raw snapshots)
"""
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from santecarte.core import config
from santecarte.pipeline.build import build


def measure(runs: int) -> dict:
    """Builds into a temporary folder (the app's data/ is left alone): times, size, row counts."""
    times = []
    previous = os.environ.get("SANTECARTE_DATA_DIR")
    with tempfile.TemporaryDirectory() as folder:
        os.environ["SANTECARTE_DATA_DIR"] = folder
        try:
            for _ in range(runs):
                Path(config.db_path()).unlink(missing_ok=True)
                started = time.perf_counter()
                counts = build()
                times.append(time.perf_counter() - started)
            size = config.db_path().stat().st_size
        finally:
            if previous is None:
                os.environ.pop("SANTECARTE_DATA_DIR", None)
            else:
                os.environ["SANTECARTE_DATA_DIR"] = previous
    return {"median_s": statistics.median(times), "min_s": min(times), "max_s": max(times), "size_mb": size / 1e6,
            "counts": counts}


def main(runs: int) -> None:
    m = measure(runs)
    print(f"raw data: {config.raw_dir()}  cores: {os.cpu_count()}")
    print(f"build time over {runs} runs: median {m['median_s']:.1f} s (min {m['min_s']:.1f}, max {m['max_s']:.1f})")
    print(f"database size: {m['size_mb']:.1f} MB")
    for table, n in m["counts"].items():
        print(f"  {table:<16} {n:>8}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3)
