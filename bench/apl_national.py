"""Timings of the accessibility engine for the whole of France (median of N runs).

- land masses: polygon connectivity, computed once per geometry (cached in the app);
- neighbourhood + APL: pairs under 20 minutes, decay weights, loads, and the APL for a supply
  that changes at every run (no cache can answer);
- APL only: one more supply vector on the same catchment;
- scenario: the exact delta of one change somewhere in France.

Usage: python bench/apl_national.py [N]
"""
import sys

import numpy as np
from timing import median_time

from santecarte.accessibility.travel import TravelTimes
from santecarte.core import db
from santecarte.pipeline.network_inputs import demand_for_year, load_units


def measure(runs: int) -> dict:
    con = db.connect()
    t_units, units = median_time(lambda: load_units(con), 1)
    demand = demand_for_year(con, units, 2023)
    rng = np.random.default_rng(0)

    def neighbourhood_and_apl():
        net = TravelTimes(units).network()
        catchment = net.catchment(demand)
        return catchment, catchment.apl(rng.integers(0, 5, len(units)) * 5400.0)

    t_full, (catchment, apl) = median_time(neighbourhood_and_apl, runs)
    t_apl, _ = median_time(lambda: catchment.apl(rng.integers(0, 5, len(units)) * 5400.0), runs)
    codes = units["code"].values
    t_delta, _ = median_time(lambda: catchment.delta({codes[rng.integers(len(codes))]: -5400.0}), runs)
    return {"communes": len(units), "pairs": catchment.weights.nnz, "units_s": t_units, "full_s": t_full,
            "apl_s": t_apl, "delta_s": t_delta}


def main(runs: int) -> None:
    m = measure(runs)
    print(f"communes: {m['communes']}, pairs under 20 min: {m['pairs']}")
    print(f"land masses + units (once):           {m['units_s']:8.3f} s")
    print(f"neighbourhood + APL, France (median): {m['full_s']:8.3f} s")
    print(f"APL for a new supply (median):        {m['apl_s'] * 1000:8.2f} ms")
    print(f"scenario, one change (median):        {m['delta_s'] * 1000:8.3f} ms")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5)
