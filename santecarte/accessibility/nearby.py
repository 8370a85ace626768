"""The communes a commune reaches within 20 minutes, by the engine's own travel times
(travel.travel_times: the user's road matrix where given, the model elsewhere)."""
from __future__ import annotations

import pandas as pd

from santecarte.accessibility.decay import MAX_MINUTES
from santecarte.accessibility.travel import travel_times


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
