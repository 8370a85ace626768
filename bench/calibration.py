"""Routed travel-time samples (times/ snapshots) as pairs of current commune codes with the
crow distance between the routing points, to calibrate and score the travel-time model. Used by
bench/validate_times.py and the tests. Each loader returns columns sample, from, to, crow_km,
routed_min (from/to: the communes the routing points lie in)."""
from __future__ import annotations

import struct

import numpy as np
import pandas as pd
import shapely

from santecarte.accessibility.times import haversine_km
from santecarte.core import db
from santecarte.core.names import search_key
from santecarte.pipeline.cog import to_current
from santecarte.pipeline.readers import RawDataError, raw_file, read_csv


def read_dbf(path) -> pd.DataFrame:
    """A dBASE III file (numeric and character fields) — 30 lines instead of a dependency."""
    data = path.read_bytes()
    n_records, header_len, record_len = struct.unpack("<IHH", data[4:12])
    fields, pos = [], 32
    while data[pos] != 0x0D:
        name = data[pos:pos + 11].split(b"\0")[0].decode("ascii")
        fields.append((name, chr(data[pos + 11]), data[pos + 16]))
        pos += 32
    rows = []
    for r in range(n_records):
        rec = data[header_len + r * record_len: header_len + (r + 1) * record_len]
        if rec[:1] == b"*":  # deleted
            continue
        off, row = 1, {}
        for name, kind, width in fields:
            raw = rec[off:off + width].decode("latin-1").strip()
            row[name] = float(raw) if kind in "NF" and raw else raw
            off += width
        rows.append(row)
    return pd.DataFrame(rows)


MERGED_SINCE_2016 = {"93059": "93066"}  # Pierrefitte-sur-Seine, merged into Saint-Denis in 2025


def grand_paris_matrix() -> pd.DataFrame:
    """MGP OSRM matrix, both directions, no diagonal: from, to (codes of 2016), routed_min and
    crow_km between the routing points (each commune's polygon centroid, Lambert-93)."""
    import geopandas as gpd

    matrix = read_csv("times_grand_paris", 0, [], sep=r"\s+", index_col=0).astype(float)
    _, gpkg = raw_file("times_grand_paris", 1)
    xy = gpd.read_file(gpkg, layer="com").set_index("DEPCOM").geometry.centroid
    codes = [c.strip('"') for c in matrix.index.astype(str)]
    matrix.index, matrix.columns = codes, [c.strip('"') for c in matrix.columns.astype(str)]
    long = matrix.stack().rename("routed_min").reset_index()
    long.columns = ["from", "to", "routed_min"]
    long = long[long["from"] != long["to"]].reset_index(drop=True)
    start, end = xy.loc[long["from"]], xy.loc[long["to"]]
    long["crow_km"] = np.hypot(start.x.values - end.x.values, start.y.values - end.y.values) / 1000.0
    return long


def grand_paris_user_matrix() -> pd.DataFrame:
    """The MGP OSRM matrix as a user's matrix would give it (from, to, minutes), without the
    commune merged since 2016 (its successor keeps its own times): for the engine's checks."""
    long = grand_paris_matrix()
    long = long[~long["from"].isin(MERGED_SINCE_2016) & ~long["to"].isin(MERGED_SINCE_2016)]
    return pd.DataFrame({"from": long["from"].values, "to": long["to"].values, "minutes": long["routed_min"].values})


def grand_paris() -> pd.DataFrame:
    """MGP OSRM pairs (centroid to centroid), on current codes (Pierrefitte → Saint-Denis)."""
    long = grand_paris_matrix()
    return pd.DataFrame({"sample": "Grand Paris OSRM", "from": long["from"].replace(MERGED_SINCE_2016).to_numpy(),
                         "to": long["to"].replace(MERGED_SINCE_2016).to_numpy(), "crow_km": long["crow_km"].to_numpy(),
                         "routed_min": long["routed_min"].to_numpy()})


def gironde(communes: pd.DataFrame) -> pd.DataFrame:
    """Gironde point pairs, OSRM and METRIC off-peak (two samples), each point given the commune
    it lies in. `communes`: code and geometry (shapely) of the Gironde communes."""
    from pyproj import Transformer

    osrm = read_csv("times_gironde", 0, ["X1", "Y1", "X2", "Y2", "Dist_min"], dtype=float, keep_default_na=True)
    ds, path = raw_file("times_gironde", 1)
    try:
        metric = read_dbf(path)
    except (struct.error, IndexError, UnicodeDecodeError) as exc:
        raise RawDataError(ds, path, f"dBASE illisible ({exc})") from exc
    key = ["X1", "Y1", "X2", "Y2"]
    for df in (osrm, metric):
        df[key] = df[key].round(2)
    both = osrm.merge(metric[key + ["HC"]], on=key)
    both = both[both["HC"] < 9999]
    to_wgs = Transformer.from_crs(2154, 4326, always_xy=True)
    tree = shapely.STRtree(communes["geometry"].values)
    codes = []
    for x, y in (("X1", "Y1"), ("X2", "Y2")):
        lon, lat = to_wgs.transform(both[x].values, both[y].values)
        hit = tree.query(shapely.points(lon, lat), predicate="within")
        c = np.full(len(both), None, dtype=object)
        c[hit[0]] = communes["code"].values[hit[1]]
        codes.append(c)
    crow = np.hypot(both["X1"] - both["X2"], both["Y1"] - both["Y2"]).values / 1000.0
    return pd.concat([pd.DataFrame({"sample": name, "from": codes[0], "to": codes[1], "crow_km": crow,
                                    "routed_min": both[col].values})
                      for name, col in (("Gironde METRIC", "HC"), ("Gironde OSRM", "Dist_min"))], ignore_index=True)


def load_samples(con, units: pd.DataFrame) -> pd.DataFrame:
    """Every routed sample on current codes, pairs whose ends are both network units."""
    old = dict(zip(*db.query(con, "old_codes")[["old_code", "code"]].T.values))
    com = con.execute("SELECT code, ST_AsWKB(geom) AS wkb FROM communes WHERE code LIKE '33%' AND geom IS NOT NULL").df()
    com["geometry"] = shapely.from_wkb([bytes(b) for b in com["wkb"]])
    names = read_csv("altitude", 0, ["code_insee", "nom_standard", "population"]).rename(columns={"code_insee": "code"})
    names["population"] = pd.to_numeric(names["population"])
    known = set(units["code"])
    pairs = pd.concat([grand_paris(), gironde(com), alsace(units, old), towns10k(names, known, old), prefectures()],
                      ignore_index=True)
    return pairs[pairs["from"].isin(known) & pairs["to"].isin(known)].reset_index(drop=True)


def _nearest(units: pd.DataFrame, lon, lat) -> np.ndarray:
    from scipy.spatial import cKDTree

    from santecarte.accessibility.times import unit_xyz

    tree = cKDTree(unit_xyz(units["lon"].to_numpy(), units["lat"].to_numpy()))
    return units["code"].to_numpy()[tree.query(unit_xyz(lon, lat))[1]]


def alsace(units: pd.DataFrame, old_to_new: dict[str, str]) -> pd.DataFrame:
    """884 Alsace communes (IGN chef-lieu points, 2016) → 10 hospitals, OSRM; communes joined by
    name within 67/68 (16 names of communes merged since are left out), hospitals to the
    commune of the nearest town hall."""
    times = read_csv("times_alsace", 0, [])
    times = times.rename(columns={times.columns[0]: "name"})
    places = read_csv("times_alsace", 1, ["nom_commune", "code_insee", "latitude", "longitude", "numéro_département"])
    places = places[places["numéro_département"].isin(["67", "68"])].drop_duplicates("code_insee")
    places["key"] = places["nom_commune"].map(search_key)
    places = places.drop_duplicates("key", keep=False)
    times["key"] = times["name"].map(search_key)
    times = times.merge(places[["key", "code_insee", "latitude", "longitude"]], on="key")
    hospitals = read_csv("times_alsace", 2, ["UNV", "X", "Y"])
    hospitals[["X", "Y"]] = hospitals[["X", "Y"]].astype(float)
    hospitals["code"] = _nearest(units, hospitals["X"].to_numpy(), hospitals["Y"].to_numpy())
    lon, lat = times["longitude"].astype(float).to_numpy(), times["latitude"].astype(float).to_numpy()
    start = to_current(times["code_insee"], set(units["code"]), old_to_new).to_numpy()
    parts = [pd.DataFrame({"sample": "Alsace OSRM", "from": start, "to": h["code"],
                           "crow_km": haversine_km(lon, lat, h["X"], h["Y"]),
                           "routed_min": pd.to_numeric(times[h["UNV"]], errors="coerce")})
             for _, h in hospitals.iterrows()]
    return pd.concat(parts, ignore_index=True).dropna(subset=["routed_min", "crow_km"])


def towns10k(names: pd.DataFrame, known: set[str], old_to_new: dict[str, str]) -> pd.DataFrame:
    """Pairs of towns ≥ 10,000 inhabitants, 15–180 km apart (openrouteservice; slower than OSRM:
    bench/validate_times.py rescales it on its flat pairs). `names`: code, nom_standard,
    population of the communes-france-2025 list (the join the SOURCE.md describes)."""
    ds, path = raw_file("times_towns10k")
    try:
        t = pd.read_parquet(path)
    except Exception as exc:  # pyarrow raises many types for a damaged file
        raise RawDataError(ds, path, f"Parquet illisible ({exc})") from exc
    key = names.drop_duplicates(["nom_standard", "population"], keep=False).set_index(["nom_standard", "population"])["code"]
    start, end = (to_current(key.reindex(pd.MultiIndex.from_arrays([t[town], t[pop]])).reset_index(drop=True),
                             known, old_to_new).to_numpy() for town, pop in (("ville1", "pop1"), ("ville2", "pop2")))
    return pd.DataFrame({"sample": "Villes ≥ 10 000 hab. ORS", "from": start, "to": end,
                         "crow_km": t["distance_km"].to_numpy(float),
                         "routed_min": t["temps_min"].to_numpy(float)})


def france_to_paris(known: set[str], old_to_new: dict[str, str]) -> pd.Series:
    """Minutes from each metropolitan commune to Paris (OSRM 2021, LAU 2020 polygon centroids),
    by current code; a current code that several 2020 communes merged into is left out (its
    routing point is not one place)."""
    t = read_csv("times_to_paris", 0, ["id", "duration"])
    code = to_current(t["id"].str.removeprefix("FR_"), known, old_to_new)
    minutes = pd.Series(pd.to_numeric(t["duration"], errors="coerce").to_numpy() / 60.0, index=code.to_numpy())
    minutes = minutes[minutes.index.notna() & minutes.notna()]
    return minutes[~minutes.index.duplicated(keep=False)]


def prefectures() -> pd.DataFrame:
    """94 × 94 metropolitan prefectures (RIATE), crow distance between their Lambert-93 points."""
    import geopandas as gpd

    mat = read_csv("times_prefectures", 0, [], index_col=0)
    _, gpkg = raw_file("times_prefectures", 1)
    pts = gpd.read_file(gpkg, layer="prefecture")
    by_name = pts.assign(key=pts["NOM_COM"].map(search_key)).drop_duplicates("key").set_index("key")
    mat.index = [search_key(n) for n in mat.index]
    mat.columns = [search_key(n) for n in mat.columns]
    long = mat.astype(float).stack().rename("routed_min").reset_index()
    long.columns = ["a", "b", "routed_min"]
    long = long[(long["a"] != long["b"]) & long["a"].isin(by_name.index) & long["b"].isin(by_name.index)]
    pa, pb = by_name.loc[long["a"]], by_name.loc[long["b"]]
    crow = np.hypot(pa.geometry.x.to_numpy() - pb.geometry.x.to_numpy(), pa.geometry.y.to_numpy() - pb.geometry.y.to_numpy())
    return pd.DataFrame({"sample": "Préfectures RIATE", "from": pa["INSEE_COM"].to_numpy(), "to": pb["INSEE_COM"].to_numpy(),
                         "crow_km": crow / 1000.0, "routed_min": long["routed_min"].to_numpy()})
