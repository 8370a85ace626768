"""Terrain of each commune for the travel-time model: zone de montagne (article D113-14 du
Code rural) and maximum altitude (IGN, via communes-france-2025). Both are optional snapshots:
without them every commune counts as flat, and the build log says so."""
from __future__ import annotations

import numpy as np
import pandas as pd
from scipy.spatial import cKDTree

from santecarte.accessibility.times import unit_xyz
from santecarte.pipeline.readers import optional_file, read_csv

NEIGHBOURS_FOR_MISSING_ALTITUDE = 8


def load_terrain(communes: pd.DataFrame, to_current) -> tuple[pd.DataFrame, list[str]]:
    """`commune_terrain` rows (code, zone_montagne, altitude_max, relief_m) for the communes with
    a point, and notes for the build log. `to_current` maps a code series onto the current COG.

    zone_montagne is NULL where the list is silent (Corsica, overseas): unknown, not « no ».
    altitude_max is NULL where the file says 0 (unknown, 1,323 communes) or has no row; relief_m
    is the altitude the model uses: altitude_max, else the median of the 8 nearest communes that
    have one (whole departments such as 51 are missing: the neighbours lie across the border)."""
    rows = communes.loc[communes["lon"].notna(), ["code", "lon", "lat", "parent_code"]].reset_index(drop=True)
    notes = []
    mont = pd.Series(dtype=object)
    if optional_file("zone_montagne"):
        zm = read_csv("zone_montagne", 0, ["code_commune", "zone_montagne"])
        zm["code"] = to_current(zm["code_commune"])
        mont = (zm.dropna(subset=["code"]).assign(c=zm["zone_montagne"].str.strip().eq("C"))
                .groupby("code")["c"].max())
    else:
        notes.append("zone de montagne absente : aucune commune n'est comptée en montagne")
    alt = pd.Series(dtype=float)
    if optional_file("altitude"):
        al = read_csv("altitude", 0, ["code_insee", "altitude_maximale"])
        al["code"] = to_current(al["code_insee"])
        al["altitude"] = pd.to_numeric(al["altitude_maximale"], errors="coerce")
        alt = al[al["altitude"] > 0].dropna(subset=["code"]).groupby("code")["altitude"].max()
    else:
        notes.append("altitudes absentes : relief nul partout")
    # An arrondissement (Paris, Lyon, Marseille) takes its city's terrain.
    key = rows["parent_code"].where(~rows["code"].isin(mont.index) & rows["parent_code"].notna(), rows["code"])
    rows["zone_montagne"] = key.map(mont).astype("boolean")
    key = rows["parent_code"].where(~rows["code"].isin(alt.index) & rows["parent_code"].notna(), rows["code"])
    rows["altitude_max"] = key.map(alt)
    rows["relief_m"] = rows["altitude_max"]
    known = rows["altitude_max"].notna().to_numpy()
    if known.any() and not known.all():
        tree = cKDTree(unit_xyz(rows.loc[known, "lon"], rows.loc[known, "lat"]))
        k = min(NEIGHBOURS_FOR_MISSING_ALTITUDE, int(known.sum()))
        _, idx = tree.query(unit_xyz(rows.loc[~known, "lon"], rows.loc[~known, "lat"]), k=k)
        idx = np.asarray(idx).reshape(int((~known).sum()), k)
        rows.loc[~known, "relief_m"] = np.median(rows.loc[known, "altitude_max"].to_numpy()[idx], axis=1)
    rows["relief_m"] = rows["relief_m"].fillna(0.0)
    notes.append(f"{int(rows['zone_montagne'].fillna(False).sum())} communes en zone de montagne, "
                 f"{int(rows['zone_montagne'].isna().sum())} non classées (Corse, outre-mer) ; "
                 f"{int((~known).sum())} sans altitude connue (relief déduit des 8 voisines)")
    return rows[["code", "zone_montagne", "altitude_max", "relief_m"]], notes
