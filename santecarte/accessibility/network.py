"""The commune network of France: points, demand and land masses; pairs and their travel times
(travel.TravelTimes) turned into a `Catchment`."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import shapely

from santecarte import db
from santecarte.accessibility.engine import Catchment
from santecarte.accessibility.islands import land_masses


@dataclass
class Network:
    units: pd.DataFrame          # code, nom, departement_code, region_code, lon, lat, density, land_mass
    i: np.ndarray                # pair origin (demand) index
    j: np.ndarray                # pair destination (supply) index
    minutes: np.ndarray

    def catchment(self, demand: np.ndarray) -> Catchment:
        return Catchment.from_times(self.units["code"].values, self.i, self.j, self.minutes, demand)

    def reach_stays_inside(self, area: np.ndarray) -> np.ndarray:
        """Per unit: every commune it reaches within 20 minutes is in `area` (a boolean mask)."""
        leaks = np.zeros(len(self.units), bool)
        np.logical_or.at(leaks, self.i, ~area[self.j])
        return ~leaks


def density(population: pd.Series, area_km2: pd.Series) -> np.ndarray:
    """Inhabitants per km², the travel model's density (no population counts as 0)."""
    return (population.fillna(0) / area_km2.clip(lower=0.01)).to_numpy(dtype=float)


def load_units(con) -> pd.DataFrame:
    units = db.query(con, "network_units")
    units["density"] = density(units["population"], units["area_km2"])
    geoms = np.array(shapely.from_wkb([None if pd.isna(w) else bytes(w) for w in units.pop("wkb")]))
    units["land_mass"] = land_masses(units["code"].values, units["nom"].values, geoms)
    return units


def built_units(con) -> pd.DataFrame:
    """`load_units` as the build stored it (land masses read back, not recomputed): for the app."""
    units = db.query(con, "network_units_built")
    units["density"] = density(units["population"], units["area_km2"])
    return units


def demand_for_year(con, units: pd.DataFrame, year: int) -> np.ndarray:
    """DREES standardised population of `year` per unit (0 where none is published)."""
    pop = db.query(con, "apl_year", year=year).set_index("code")["pop_std"]
    return units["code"].map(pop).fillna(0.0).values


def sites_supply(con, units: pd.DataFrame, rule: str, per_unit: float) -> np.ndarray:
    """Supply per unit from the GP sites: `rule` 'activite' (each activity = `per_unit`
    consultations) or 'lieu' (each distinct geocoded point = `per_unit`)."""
    counts = db.query(con, "gp_site_counts").set_index("commune_code")
    column = {"activite": "n_activites", "lieu": "n_lieux"}[rule]
    return units["code"].map(counts[column]).fillna(0).values * per_unit
