"""Our APL where GP practice sites are loaded, stored by the build with its parameters."""
from __future__ import annotations

import json

import pandas as pd

from santecarte.accessibility.decay import DECAY_BANDS
from santecarte.core import db
from santecarte.pipeline.network_inputs import demand_for_year, for_units, load_units, sites_supply

SUPPLY_RULE = "lieu"
CONSULTATIONS_PER_SITE = 8090.0
"""One distinct practice point of the RPPS file = 8,090 consultations a year: the rule and the
scale chosen on APL 2022 (median DREES/ours over interior IdF communes), reported on APL 2023
by bench/validate_apl.py (docs/validation.md)."""
YEAR = 2023


def compute(con, units: pd.DataFrame | None = None) -> tuple[pd.DataFrame, dict]:
    """(rows code, year, apl, complete) for the regions with loaded sites, and the parameters;
    `units` from `load_units` when the caller has them already."""
    units = load_units(con) if units is None else units
    times = for_units(units)
    net = times.network()
    catchment = net.catchment(demand_for_year(con, units, YEAR))
    apl = catchment.apl(sites_supply(con, units, SUPPLY_RULE, CONSULTATIONS_PER_SITE))
    loaded_regions = set(db.query(con, "gp_site_regions")["region_code"])
    loaded = units["region_code"].isin(loaded_regions).values
    rows = pd.DataFrame({"code": units["code"], "year": YEAR, "apl": apl,
                         "complete": net.reach_stays_inside(loaded)})[loaded]
    params = {**times.params(), "decay_bands": DECAY_BANDS, "supply_rule": SUPPLY_RULE,
              "consultations_per_site": CONSULTATIONS_PER_SITE, "demand": f"DREES population standardisée {YEAR}",
              "supply_regions": sorted(loaded_regions), "pairs": int(len(net.i))}
    return rows, params


def params_json(params: dict) -> str:
    return json.dumps(params, ensure_ascii=False, sort_keys=True)
