"""The commune network of France: points, demand and land masses; pairs and their travel times
(travel.TravelTimes) turned into a `Catchment`."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from santecarte.accessibility.engine import Catchment


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


