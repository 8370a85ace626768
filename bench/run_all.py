"""Every figure of the bench in one table: build, APL for France, scenario, page times, ratio to
PySAL `access`. With --write, also rewrites docs/performance.md with the table and the machine.

Usage: python bench/run_all.py [N] [--write]   (N: runs per measure, median; default 3)
"""
import datetime as dt
import os
import platform
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import apl_national  # noqa: E402
import apl_vs_access  # noqa: E402
import build as build_bench  # noqa: E402
import concurrency  # noqa: E402
import map_browser  # noqa: E402
import scenarios as scenario_bench  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

from tests.browser_support import CHROMIUM, CHROMIUM_ARGS, streamlit_server  # noqa: E402


def rows(runs: int) -> list[tuple[str, str]]:
    out = []
    b = build_bench.measure(runs)
    out += [("Build of the database (raw files → DuckDB)", f"{b['median_s']:.1f} s"),
            ("Database size", f"{b['size_mb']:.1f} MB")]
    n = apl_national.measure(runs)
    out += [(f"Neighbourhood + APL, France ({n['communes']} communes, {n['pairs']} pairs)", f"{n['full_s']:.2f} s"),
            ("APL for a new supply vector, France", f"{n['apl_s'] * 1000:.1f} ms"),
            ("Scenario: one change anywhere (exact delta)", f"{n['delta_s'] * 1000:.2f} ms")]
    a = apl_vs_access.measure("77", runs)
    out += [(f"E2SFCA on Seine-et-Marne ({a['communes']} communes): SantéCarte / PySAL access",
             f"{a['ours_s'] * 1000:.1f} ms / {a['access_s'] * 1000:.0f} ms ({a['access_s'] / a['ours_s']:.0f}×)")]
    s = scenario_bench.measure(runs)
    for dep, d in s["departements"].items():
        out += [(f"Simulation, department {dep}: change recomputed + summary / placement of 10 FTE",
                 f"{d['change_s'] * 1000:.1f} ms / {d['placement_s'] * 1000:.1f} ms")]
    out += [("Simulation page rerun after a change (server side, AppTest)", f"{s['page_s']:.2f} s")]
    with streamlit_server() as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for label, communes, times in map_browser.map_loads(browser, url, runs, map_browser.TERRITORIES[:3]):
            out.append((f"Map drawn in Chromium: {label} ({communes} polygons)", f"{statistics.median(times):.2f} s"))
        for label, times in map_browser.page_loads(browser, url, runs):
            out.append((f"Page ready in Chromium: {label}", f"{statistics.median(times):.2f} s"))
        browser.close()
    c = concurrency.measure(max(1, runs // 2))
    out.append((f"20 simultaneous sessions ({c['sessions']} in all, {c['failed']} failed): median / p95 page time",
                f"{c['all'][0]:.2f} s / {c['all'][1]:.2f} s"))
    return out


def machine() -> str:
    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    except OSError:
        commit = "?"
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 1024**3
    return (f"{platform.platform()}, {os.cpu_count()} cores, {memory:.0f} GiB, Python {platform.python_version()}, "
            f"commit {commit}, {dt.date.today().isoformat()}")


def main(runs: int, write: bool) -> None:
    table = rows(runs)
    width = max(len(k) for k, _ in table)
    lines = [f"{'measure':<{width}}  median of {runs}", "-" * (width + 16)] + [f"{k:<{width}}  {v}" for k, v in table]
    print("\n".join(lines))
    print(machine())
    if write:
        doc = ["# Performance", "", "Last figures printed by `python bench/run_all.py " + str(runs) + " --write`"
               " (medians; warm unless said). Each line comes from one bench script that prints it alone:",
               "`bench/build.py`, `bench/apl_national.py`, `bench/apl_vs_access.py`, `bench/scenarios.py`,",
               "`bench/map_browser.py`, `bench/concurrency.py`.", "", f"Machine: {machine()}.", "", "| measure | median |", "|---|---|"]
        doc += [f"| {k} | {v} |" for k, v in table]
        path = ROOT / "docs" / "performance.md"
        old = path.read_text(encoding="utf-8").split("\n## ", 1) if path.exists() else []
        kept = "\n## " + old[1] if len(old) == 2 else ""  # the sections below the table (## …) stay
        path.write_text("\n".join(doc) + "\n" + kept, encoding="utf-8")


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if a != "--write"]
    main(int(args[0]) if args else 3, "--write" in sys.argv)
