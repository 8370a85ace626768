"""Page times with twenty simultaneous sessions on one server (tests/concurrent_sessions.py):
17 websocket sessions (time until the script finished) and 3 Chromium pages (time until the
content shows), all started together. Prints the median and p95, overall and per kind.

Usage: python bench/concurrency.py [N]   (N rounds of 20 sessions; default 3)
"""
import asyncio
import statistics
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from santecarte.core import db  # noqa: E402
from santecarte.pipeline.build import build, database_ready  # noqa: E402
from tests.browser_support import streamlit_server  # noqa: E402
from tests.concurrent_sessions import run_sessions  # noqa: E402


def measure(rounds: int) -> dict:
    if not database_ready():
        build()
    con = db.connect()
    sessions = []
    with streamlit_server() as url:
        asyncio.run(run_sessions(url, con))  # warm-up round: caches and engines filled
        for _ in range(rounds):
            sessions += asyncio.run(run_sessions(url, con))
    con.close()
    failed = [s for s in sessions if not s.ok]
    out = {"sessions": len(sessions), "failed": len(failed)}
    for kind in ("all", "websocket", "chromium"):
        times = [s.seconds for s in sessions if s.ok and kind in ("all", s.kind)]
        out[kind] = (statistics.median(times), float(np.percentile(times, 95))) if times else (float("nan"),) * 2
    return out


def main(rounds: int) -> None:
    m = measure(rounds)
    print(f"{m['sessions']} sessions in {rounds} rounds of 20 simultaneous, {m['failed']} failed")
    for kind in ("all", "websocket", "chromium"):
        print(f"  {kind:<10} median {m[kind][0]:6.2f} s   p95 {m[kind][1]:6.2f} s")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3)
