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

from santecarte import db  # noqa: E402
from santecarte.build import build, database_ready  # noqa: E402
from tests.browser_support import CHROMIUM, CHROMIUM_ARGS, map_path_count, streamlit_server  # noqa: E402

TERRITORIES = [  # (label, URL query, SQL filter)
    ("Vendée (85)", "region=52&departement=85", "departement_code = '85'"),
    ("Paris (75)", "region=11&departement=75", "departement_code = '75'"),
    ("Pays de la Loire", "region=52&departement=Toute+la+r%C3%A9gion", "region_code = '52'"),
    ("Grand Est", "region=44&departement=Toute+la+r%C3%A9gion", "region_code = '44'"),
    ("France (départements)", "region=FR", None),
]


def main(runs: int) -> None:
    if not database_ready():
        build()
    con = db.connect()
    expected = {label: con.execute(f"SELECT count(*) FROM communes WHERE apl_unit AND geom_display IS NOT NULL "
                                   f"AND {where}").fetchone()[0] if where else 101 for label, _, where in TERRITORIES}
    region_counts = dict(con.execute("SELECT region_code, count(*) FROM communes WHERE apl_unit "
                                     "AND geom_display IS NOT NULL GROUP BY 1").fetchall())
    con.close()
    with streamlit_server() as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        print(f"{'territory':<20}{'communes':>9}{'median s':>10}{'min s':>8}{'max s':>8}")
        for label, query, _ in TERRITORIES:
            times = []
            for i in range(runs + 1):
                page = browser.new_page(viewport={"width": 1400, "height": 1000})
                started = time.perf_counter()
                page.goto(f"{url}/carte_apl?indicateur=APL+2023&{query}")
                drawn = map_path_count(page, timeout=120, expected=expected[label])
                elapsed = time.perf_counter() - started
                page.close()
                if drawn != expected[label]:
                    raise SystemExit(f"{label}: {drawn} polygons drawn, {expected[label]} expected")
                if i:  # the first load warms Streamlit's caches
                    times.append(elapsed)
            print(f"{label:<20}{expected[label]:>9}{statistics.median(times):>10.2f}{min(times):>8.2f}{max(times):>8.2f}")
        # On an open page, the user picks another region: time until its map is drawn.
        print(f"\n{'region picked on an open page':<30}{'communes':>9}{'median s':>10}")
        for region, code in (("Grand Est", "44"), ("Nouvelle-Aquitaine", "75")):
            n = region_counts[code]
            times = []
            for i in range(runs + 1):
                page = browser.new_page(viewport={"width": 1400, "height": 1000})
                page.goto(f"{url}/carte_apl?indicateur=APL+2023&region=11&departement=75")
                map_path_count(page, timeout=120, expected=expected["Paris (75)"])
                started = time.perf_counter()
                page.get_by_test_id("stSelectbox").nth(0).click()
                page.keyboard.type(region)
                page.keyboard.press("Enter")
                drawn = map_path_count(page, timeout=120, expected=n)
                elapsed = time.perf_counter() - started
                page.close()
                if drawn != n:
                    raise SystemExit(f"{region}: {drawn} polygons drawn, {n} expected")
                if i:
                    times.append(elapsed)
            print(f"{region:<30}{n:>9}{statistics.median(times):>10.2f}")
        browser.close()


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3)
