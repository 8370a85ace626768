"""The communes a commune reaches within 20 minutes, by the same crow-flight model and land
masses as the engine (one commune at a time: a few milliseconds, no network to build)."""
from __future__ import annotations

import numpy as np
import pandas as pd

from santecarte import db
from santecarte.accessibility.decay import MAX_MINUTES
from santecarte.accessibility.network import density
from santecarte.accessibility.times import CrowFlightModel, haversine_km


def reachable(con, code: str, minutes: float = MAX_MINUTES, model: CrowFlightModel = CrowFlightModel()) -> pd.DataFrame:
    """Units (code, nom, distance_km, minutes) reached from `code` in under `minutes`, the
    commune itself first (its intra-commune time), then by time; empty for an unknown code."""
    rows = db.query(con, "reachable_candidates", code=code, km=model.max_crow_km(minutes))
    if rows.empty:
        return rows.assign(distance_km=[], minutes=[])[["code", "nom", "distance_km", "minutes"]]
    origin = rows[rows["is_origin"]].iloc[0]
    dens = density(rows["population"], rows["area_km2"])
    own = float(density(pd.Series([origin["population"]]), pd.Series([origin["area_km2"]]))[0])
    km = haversine_km(origin["lon"], origin["lat"], rows["lon"].values, rows["lat"].values)
    t = model.minutes(km, np.sqrt(own * dens))
    t[rows["is_origin"].values] = model.intra_minutes(origin["area_km2"], own)
    out = rows.assign(distance_km=np.where(rows["is_origin"], 0.0, km), minutes=t)
    out = out[out["minutes"] < minutes].sort_values(["is_origin", "minutes"], ascending=[False, True])
    return out[["code", "nom", "distance_km", "minutes"]].reset_index(drop=True)
