"""Our E2SFCA against PySAL `access` on one department, same inputs (median of N runs).

Both get the same pairs and minutes (crow-flight model), the same demand and supply; ours
includes building the catchment from the pairs. Prints both timings and the largest gap.

Usage: python bench/apl_vs_access.py [DEPARTMENT] [N]   (default 77, 5)
"""
import sys

import access
import numpy as np
import pandas as pd
from timing import median_time

from santecarte.accessibility.decay import decay_weight
from santecarte.accessibility.engine import Catchment
from santecarte.accessibility.travel import TravelTimes
from santecarte.core import db
from santecarte.pipeline.network_inputs import demand_for_year, load_units, sites_supply


def measure(dep: str, runs: int) -> dict:
    con = db.connect()
    units = load_units(con)
    net = TravelTimes(units).network()
    keep = units["departement_code"].values == dep
    sel = np.flatnonzero(keep)
    inside = keep[net.i] & keep[net.j]
    codes = units["code"].values
    pos = np.full(len(units), -1)
    pos[sel] = np.arange(len(sel))
    i, j, minutes = pos[net.i[inside]], pos[net.j[inside]], net.minutes[inside]
    demand = demand_for_year(con, units, 2023)[sel]
    supply = sites_supply(con, units, "lieu", 5400.0)[sel]

    ours_t, ours = median_time(lambda: Catchment.from_times(codes[sel], i, j, minutes, demand).apl(supply), runs)
    cost = pd.DataFrame({"origin": codes[sel][i], "dest": codes[sel][j], "minutes": minutes})
    demand_df = pd.DataFrame({"pop": demand}, index=pd.Index(codes[sel], name="geoid"))
    supply_df = pd.DataFrame({"gp": supply}, index=pd.Index(codes[sel], name="geoid"))

    def theirs():
        model = access.Access(demand_df=demand_df, demand_value="pop", supply_df=supply_df, supply_value="gp",
                              cost_df=cost, cost_origin="origin", cost_dest="dest", cost_name="minutes")
        return model.enhanced_two_stage_fca(name="e2sfca", weight_fn=decay_weight, max_cost=None).iloc[:, 0]

    access_t, result = median_time(theirs, runs)
    gap = np.max(np.abs(pd.Series(ours, index=codes[sel]).loc[result.index].values - result.fillna(0).values))
    return {"communes": len(sel), "pairs": len(i), "ours_s": ours_t, "access_s": access_t, "gap": gap}


def main(dep: str, runs: int) -> None:
    m = measure(dep, runs)
    print(f"department {dep}: {m['communes']} communes, {m['pairs']} pairs, median of {runs}")
    print(f"  SantéCarte engine: {m['ours_s'] * 1000:9.2f} ms")
    print(f"  PySAL access:      {m['access_s'] * 1000:9.2f} ms   ({m['access_s'] / m['ours_s']:.0f}× slower)")
    print(f"  largest difference: {m['gap']:.2e}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "77", int(sys.argv[2]) if len(sys.argv) > 2 else 5)
