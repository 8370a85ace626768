"""Time until the APL map's polygons are drawn in headless Chromium (offline), per territory.

Usage: python bench/map_browser.py [N]   (N measured loads after one warm-up; default 3).
Uses the database in data/ (built on first start if missing) and SANTECARTE_RAW_DIR.
"""
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from playwright.sync_api import sync_playwright  # noqa: E402

from santecarte.core import db  # noqa: E402
from santecarte.pipeline.build import build, database_ready  # noqa: E402
from tests.browser_support import CHROMIUM, CHROMIUM_ARGS, map_path_count, streamlit_server  # noqa: E402

TERRITORIES = [  # (label, URL query, SQL filter)
    ("Vendée (85)", "region=52&departement=85", "departement_code = '85'"),
    ("Paris (75)", "region=11&departement=75", "departement_code = '75'"),
    ("Pays de la Loire", "region=52&departement=Toute+la+r%C3%A9gion", "region_code = '52'"),
    ("Grand Est", "region=44&departement=Toute+la+r%C3%A9gion", "region_code = '44'"),
    ("France (départements)", "region=FR", None),
]


PAGES = [  # (label, path, what the page shows once ready: a text, or a number of map polygons)
    ("Profil de commune (Beauvoir-sur-Mer)", "profil?code=85018", "ont une APL 2023 plus basse"),
    ("S'installer (Beauvoir-sur-Mer)", "installer?code=85018", "Aides nationales — "),
    ("Simulation (ESCoRTer)", None, 16),
    ("Couverture CPTS (PACA)", "cpts", "Couverture par département"),
]


def expected_counts() -> tuple[dict, dict]:
    if not database_ready():
        build()
    con = db.connect()
    expected = {label: con.execute(f"SELECT count(*) FROM communes WHERE apl_unit AND geom_display IS NOT NULL "
                                   f"AND {where}").fetchone()[0] if where else 101 for label, _, where in TERRITORIES}
    region_counts = dict(con.execute("SELECT region_code, count(*) FROM communes WHERE apl_unit "
                                     "AND geom_display IS NOT NULL GROUP BY 1").fetchall())
    con.close()
    return expected, region_counts


def _timed_loads(browser, runs: int, load) -> list[float]:
    """`runs` timings of `load(page)` on fresh pages, after one warm-up load: the whole call, or
    the seconds `load` returns when it times only a part of what it does."""
    times = []
    for i in range(runs + 1):
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        started = time.perf_counter()
        part = load(page)
        elapsed = time.perf_counter() - started if part is None else part
        page.close()
        if i:  # the first load warms Streamlit's caches
            times.append(elapsed)
    return times


def map_loads(browser, url: str, runs: int, territories=TERRITORIES) -> list[tuple[str, int, list[float]]]:
    expected, _ = expected_counts()
    out = []
    for label, query, _ in territories:
        def load(page, label=label, query=query):
            page.goto(f"{url}/carte_apl?indicateur=APL+2023&{query}")
            drawn = map_path_count(page, timeout=120, expected=expected[label])
            if drawn != expected[label]:
                raise SystemExit(f"{label}: {drawn} polygons drawn, {expected[label]} expected")
        out.append((label, expected[label], _timed_loads(browser, runs, load)))
    return out


def wait_ready(page, ready, label: str) -> None:
    """Until the page shows its content: `ready` polygons on its map, or the text `ready` — checked at
    every frame inside the page (a locator retries every 500 ms and waits for a busy page), on a text
    shown once (« Aides nationales » alone also matches the intro caption)."""
    if isinstance(ready, int):
        if map_path_count(page, timeout=120, expected=ready) != ready:
            raise SystemExit(f"{label}: map not drawn")
    else:
        page.wait_for_function("t => document.body.innerText.includes(t)", arg=ready, polling="raf", timeout=120000)


def page_loads(browser, url: str, runs: int) -> list[tuple[str, list[float]]]:
    """Time until each other page shows its content (text, or its map drawn)."""
    from santecarte.domain.presets import PRESETS

    escorter = PRESETS["Permanence ESCoRTer"][0].to_url()
    out = []
    for label, path, ready in PAGES:
        def load(page, path=path or f"simulation?scenario={escorter}", ready=ready):
            page.goto(f"{url}/{path}")
            wait_ready(page, ready, label)
        out.append((label, _timed_loads(browser, runs, load)))
    return out


def main(runs: int) -> None:
    expected, region_counts = expected_counts()
    with streamlit_server() as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        print(f"{'territory':<20}{'communes':>9}{'median s':>10}{'min s':>8}{'max s':>8}")
        for label, n, times in map_loads(browser, url, runs):
            print(f"{label:<20}{n:>9}{statistics.median(times):>10.2f}{min(times):>8.2f}{max(times):>8.2f}")
        # On an open page, the user picks another region: time until its map is drawn.
        print(f"\n{'region picked on an open page':<30}{'communes':>9}{'median s':>10}")
        for region, code in (("Grand Est", "44"), ("Nouvelle-Aquitaine", "75")):
            n = region_counts[code]

            def pick(page, region=region, n=n):
                page.goto(f"{url}/carte_apl?indicateur=APL+2023&region=11&departement=75")
                map_path_count(page, timeout=120, expected=expected["Paris (75)"])
                started = time.perf_counter()
                page.get_by_test_id("stSelectbox").filter(has_text="Région").first.click()
                page.keyboard.type(region)
                page.keyboard.press("Enter")
                drawn = map_path_count(page, timeout=120, expected=n)
                if drawn != n:
                    raise SystemExit(f"{region}: {drawn} polygons drawn, {n} expected")
                return time.perf_counter() - started

            print(f"{region:<30}{n:>9}{statistics.median(_timed_loads(browser, runs, pick)):>10.2f}")
        print(f"\n{'page':<40}{'median s':>10}")
        for label, times in page_loads(browser, url, runs):
            print(f"{label:<40}{statistics.median(times):>10.2f}")
        browser.close()


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3)
