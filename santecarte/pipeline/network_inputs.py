"""What the accessibility engine reads from the store and the raw folder: the communes as
network units (points, density, land masses), the DREES demand of a year, the supply of the
GP sites, and the user's road matrix with the model around it (`for_units`)."""
from __future__ import annotations

import numpy as np
import pandas as pd
import shapely

from santecarte.accessibility.islands import land_masses
from santecarte.accessibility.network import density
from santecarte.accessibility.times import TravelModel
from santecarte.accessibility.travel import TravelTimes
from santecarte.core import db
from santecarte.pipeline.readers import RawDataError, optional_file
from santecarte.pipeline.sources import dataset
from santecarte.pipeline.time_matrix import TimeMatrixError, read_time_matrix


def load_units(con) -> pd.DataFrame:
    units = db.query(con, "network_units")
    units["density"] = density(units["population"], units["area_km2"])
    geoms = np.array(shapely.from_wkb([None if pd.isna(w) else bytes(w) for w in units.pop("wkb")]))
    units["land_mass"] = land_masses(units["code"].values, units["nom"].values, geoms)
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


def user_matrix(units: pd.DataFrame) -> pd.DataFrame | None:
    """The user's road matrix from the raw folder, checked (RawDataError with the French reason)."""
    path = optional_file("times_user")
    if path is None:
        return None
    try:
        return read_time_matrix(path.read_bytes(), path.name, set(units["code"]))
    except TimeMatrixError as exc:
        raise RawDataError(dataset("times_user"), path, str(exc)) from exc


def for_units(units: pd.DataFrame, model: TravelModel | None = None) -> TravelTimes:
    return TravelTimes(units, model or TravelModel(), user_matrix(units))
