"""The app's travel times (travel.TravelTimes on the built database: the user's road matrix
where given, the model elsewhere), built once per database and matrix file, and the communes
a commune reaches within 20 minutes."""
from __future__ import annotations

import threading

import pandas as pd

from santecarte.accessibility.decay import MAX_MINUTES
from santecarte.accessibility.network import density
from santecarte.accessibility.travel import TravelTimes
from santecarte.core import config, db
from santecarte.pipeline.network_inputs import for_units
from santecarte.pipeline.sources import dataset


def built_units(con) -> pd.DataFrame:
    """`load_units` as the build stored it (land masses read back, not recomputed): for the app."""
    units = db.query(con, "network_units_built")
    units["density"] = density(units["population"], units["area_km2"])
    return units


_cache: dict[tuple, TravelTimes] = {}
_cache_lock = threading.Lock()


def travel_times(con) -> TravelTimes:
    """The app's travel times, built once per database and matrix file (about 0.3 s)."""
    key = (str(config.db_path()), config.file_stamp(config.db_path()),
           config.file_stamp(config.raw_dir() / dataset("times_user").files[0].path))
    with _cache_lock:
        if key not in _cache:
            _cache.clear()
            _cache[key] = for_units(built_units(con))
        return _cache[key]


def reachable(con, code: str, minutes: float = MAX_MINUTES) -> pd.DataFrame:
    """Units (code, nom, distance_km, minutes) reached from `code` in under `minutes`, the
    commune itself first (its intra-commune time), then by time; empty for an unknown code."""
    times = travel_times(con)
    k = int(times.indices([code])[0])
    if k < 0:
        return pd.DataFrame({"code": pd.Series([], dtype=object), "nom": pd.Series([], dtype=object),
                             "distance_km": pd.Series([], dtype=float), "minutes": pd.Series([], dtype=float)})
    near, km, t = times.reachable_from(k, minutes)
    out = pd.DataFrame({"code": times.units["code"].to_numpy()[near], "nom": times.units["nom"].to_numpy()[near],
                        "distance_km": km, "minutes": t, "is_origin": near == k})
    out = out.sort_values(["is_origin", "minutes", "code"], ascending=[False, True, True])
    return out[["code", "nom", "distance_km", "minutes"]].reset_index(drop=True)
