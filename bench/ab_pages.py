"""« No page slower than today », measured: the same pages served by two checkouts (an earlier
revision and this one), loaded cold in one headless Chromium, alternating base / this at each load
so that both see the same machine load; medians per page. The pages and what « ready » means are
those of bench/map_browser.py (frame-accurate: the text checked at every frame, the map's polygons
counted).

Usage: python bench/ab_pages.py BASE [N] [WORD]   (N alternating loads each after one warm-up, default 7;
  WORD: only the pages whose label contains it, e.g. CPTS)
  BASE: another checkout with its database built, e.g.
    git worktree add /tmp/base <rev> && ln -s "$PWD/.venv" /tmp/base/.venv && cp -r static /tmp/base/
    (cd /tmp/base && SANTECARTE_DATA_DIR=/tmp/base/data PYTHONPATH=/tmp/base python -m santecarte build)
Both servers run with this interpreter; each imports its own checkout's code (PYTHONPATH).
"""
import contextlib
import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import map_browser  # noqa: E402

from tests.browser_support import CHROMIUM, CHROMIUM_ARGS  # noqa: E402


@contextlib.contextmanager
def server(root: Path):
    """`streamlit run app.py` of checkout `root`, on its own database (root/data), on a free port."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = dict(os.environ, SANTECARTE_DATA_DIR=str(root / "data"), PYTHONPATH=str(root))
    proc = subprocess.Popen([sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port),
                             "--server.address", "127.0.0.1", "--server.headless", "true"], cwd=root, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                if urllib.request.urlopen(f"{url}/_stcore/health", timeout=1).status == 200:
                    break
            except OSError:
                time.sleep(0.3)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def pages() -> list[tuple[str, str, str | int]]:
    """(label, path, ready): the first three map territories, then the other pages."""
    from santecarte.domain.presets import PRESETS

    expected, _ = map_browser.expected_counts()
    maps = [(f"Carte : {label}", f"carte_apl?indicateur=APL+2023&{query}", expected[label])
            for label, query, _ in map_browser.TERRITORIES[:3]]
    escorter = PRESETS["Permanence ESCoRTer"][0].to_url()
    return maps + [(label, path or f"simulation?scenario={escorter}", ready)
                   for label, path, ready in map_browser.PAGES]


def load(browser, url: str, path: str, ready) -> float:
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    started = time.perf_counter()
    page.goto(f"{url}/{path}")
    map_browser.wait_ready(page, ready, f"{url}/{path}")
    elapsed = time.perf_counter() - started
    page.close()
    return elapsed


def main(base: Path, runs: int, only: str = "") -> None:
    chosen = [page for page in pages() if only in page[0]]
    if not chosen:
        raise SystemExit(f"no page label contains {only!r}: " + ", ".join(label for label, _, _ in pages()))
    roots = {"base": base.resolve(), "this": ROOT}
    with server(roots["base"]) as base_url, server(roots["this"]) as this_url, sync_playwright() as p:
        urls = {"base": base_url, "this": this_url}
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        print(f"{'page':<42}{'base s':>8}{'this s':>8}{'diff s':>8}   (medians of {runs} alternating cold loads)")
        for label, path, ready in chosen:
            times = {k: [] for k in roots}
            for i in range(runs + 1):
                for k in roots:
                    elapsed = load(browser, urls[k], path, ready)
                    if i:  # the first load of each warms its server's caches
                        times[k].append(elapsed)
            b, t = statistics.median(times["base"]), statistics.median(times["this"])
            print(f"{label:<42}{b:>8.2f}{t:>8.2f}{t - b:>+8.2f}")
        browser.close()


if __name__ == "__main__":
    if len(sys.argv) < 2:
        raise SystemExit(__doc__)
    main(Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 7, sys.argv[3] if len(sys.argv) > 3 else "")
