"""Time the database build: median of N builds into a fresh folder, and the database size.

Usage: python bench/build.py [N]   (SANTECARTE_RAW_DIR must point at the raw snapshots)
"""
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from santecarte import config  # noqa: E402
from santecarte.build import build  # noqa: E402


def main(runs: int) -> None:
    times = []
    with tempfile.TemporaryDirectory() as folder:
        os.environ["SANTECARTE_DATA_DIR"] = folder
        for _ in range(runs):
            Path(config.db_path()).unlink(missing_ok=True)
            started = time.perf_counter()
            counts = build()
            times.append(time.perf_counter() - started)
        size = config.db_path().stat().st_size
    print(f"raw data: {config.raw_dir()}  cores: {os.cpu_count()}")
    print(f"build time over {runs} runs: median {statistics.median(times):.1f} s "
          f"(min {min(times):.1f}, max {max(times):.1f})")
    print(f"database size: {size / 1e6:.1f} MB")
    for table, n in counts.items():
        print(f"  {table:<16} {n:>8}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3)
