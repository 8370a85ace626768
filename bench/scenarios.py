"""Timings of the « Simulation » page (median of N runs, warm):

- engine: the whole-France catchment for a baseline year (once per year in the app);
- one change: the scenario recomputed and summarised for a department (what a widget change costs);
- page: a full rerun of the Simulation page (Vendée, 253 communes, map included) after a change of
  baseline year (Streamlit AppTest, engines cached; the browser's drawing is not included);
- placement: k = 10 GP FTEs placed greedily in a department.

Usage: python bench/scenarios.py [N]
"""
import sys
from pathlib import Path

from timing import median_time

from santecarte.core import db
from santecarte.domain import simulation as S
from santecarte.domain.scenario_file import Scenario, Step


def page_rerun(runs: int) -> float:
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(Path(__file__).resolve().parent.parent / "app.py"), default_timeout=120)
    at.switch_page("pages/simulation.py")
    vendee = Scenario("bench", "departement:85", 2023, [Step("85018", "depart", 2, 3), Step("85095", "permanence", 4)])
    at.query_params["scenario"] = vendee.to_url()
    at.run()
    years = iter([2022, 2023] * runs)
    t, _ = median_time(lambda: at.radio(key="sim_year").set_value(next(years)).run(), runs)
    assert not at.exception
    return t


def measure(runs: int, departements=("85", "59")) -> dict:
    con = db.connect()
    t_engine, eng = median_time(lambda: S.engine(con, 2023), runs)
    out = {"engine_s": t_engine, "departements": {}}
    for dep in departements:
        codes = S.territory_codes(con, f"departement:{dep}")
        steps = [Step(codes[0], "depart", 2, 3), Step(codes[len(codes) // 2], "permanence", 4)]
        t_change, _ = median_time(lambda: S.summary(S.run(eng, codes, steps)), runs)
        t_place, _ = median_time(lambda: S.placement(eng, codes, 10), runs)
        out["departements"][dep] = {"communes": len(codes), "change_s": t_change, "placement_s": t_place}
    con.close()
    out["page_s"] = page_rerun(runs)
    return out


def main(runs: int) -> None:
    m = measure(runs)
    print(f"engine, France, one baseline year (median): {m['engine_s']:8.3f} s")
    for dep, d in m["departements"].items():
        print(f"department {dep} ({d['communes']} communes): one change recomputed + summary "
              f"{d['change_s'] * 1000:7.1f} ms; placement of 10 FTE {d['placement_s'] * 1000:7.1f} ms")
    print(f"Simulation page rerun after a change (AppTest, median): {m['page_s']:8.3f} s")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5)
