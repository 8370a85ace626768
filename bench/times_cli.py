"""Time `python -m santecarte times PAIRS.csv` on N random pairs of real commune codes (seed 0,
default 1,000,000): median wall time of R runs of the whole command (interpreter start, reading,
the engine's minutes, CSV written to a file), and the rows written.

Usage: python bench/times_cli.py [R] [N]   (SANTECARTE_RAW_DIR must point at the raw snapshots;
the database must be built)
"""
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd
from timing import median_time

from santecarte.core import db
from santecarte.domain.travel import travel_times

ROOT = Path(__file__).resolve().parent.parent


def measure(runs: int = 3, n: int = 1_000_000) -> dict:
    con = db.connect()
    codes = travel_times(con).units["code"].to_numpy()
    con.close()
    rng = np.random.default_rng(0)
    pairs = pd.DataFrame({"from": rng.choice(codes, n), "to": rng.choice(codes, n)})
    with tempfile.TemporaryDirectory() as folder:
        src, out = Path(folder) / "pairs.csv", Path(folder) / "minutes.csv"
        pairs.to_csv(src, index=False)

        def run():
            with out.open("wb") as stdout:
                done = subprocess.run([sys.executable, "-m", "santecarte", "times", str(src)], cwd=ROOT,
                                      stdout=stdout, stderr=subprocess.PIPE, env=os.environ.copy())
            if done.returncode:
                raise RuntimeError(done.stderr.decode())
            return done.stderr.decode().strip()

        seconds, notes = median_time(run, runs)
        result = pd.read_csv(out, dtype={"from": str, "to": str})
    return {"pairs": n, "median_s": seconds, "rows": len(result), "empty": int(result["minutes"].isna().sum()),
            "in_order": bool((result["from"].to_numpy() == pairs["from"].to_numpy()).all()), "notes": notes}


def main(runs: int, n: int) -> None:
    m = measure(runs, n)
    print(f"python -m santecarte times, {m['pairs']:,} pairs: median {m['median_s']:.2f} s over {runs} runs")
    print(f"  rows written {m['rows']:,} (input order kept: {m['in_order']}), empty minutes {m['empty']:,}")
    print(f"  stderr: {m['notes']}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3, int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000)
