"""Routed travel-time samples (times/ snapshots) as pairs with crow distance and density, to
calibrate and score the crow-flight model. Used by bench/validate_times.py and the tests."""
from __future__ import annotations

import struct

import numpy as np
import pandas as pd
import shapely

from santecarte.accessibility.times import haversine_km
from santecarte.ingest.readers import RawDataError, raw_file, read_csv

SAMPLE_COLUMNS = ["sample", "routed_min", "crow_km", "density"]


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


def _density(population, area_km2):
    return np.asarray(population, float) / np.maximum(np.asarray(area_km2, float), 0.01)


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


def grand_paris(densities: pd.Series) -> pd.DataFrame:
    """MGP OSRM pairs (centroid to centroid, minutes) with crow distance and density."""
    long = grand_paris_matrix()
    dens_f = long["from"].replace(MERGED_SINCE_2016).map(densities).values
    dens_t = long["to"].replace(MERGED_SINCE_2016).map(densities).values
    return pd.DataFrame({"sample": "Grand Paris OSRM", "routed_min": long["routed_min"].values,
                         "crow_km": long["crow_km"].values, "density": np.sqrt(dens_f * dens_t)})


def gironde(communes: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Gironde pairs: (OSRM sample, METRIC off-peak sample). `communes` has geometry (shapely)
    and density, to give each point its commune's density."""
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
    dens = []
    for x, y in (("X1", "Y1"), ("X2", "Y2")):
        lon, lat = to_wgs.transform(both[x].values, both[y].values)
        hit = tree.query(shapely.points(lon, lat), predicate="within")
        d = np.full(len(both), np.nan)
        d[hit[0]] = communes["density"].values[hit[1]]
        dens.append(d)
    crow = np.hypot(both["X1"] - both["X2"], both["Y1"] - both["Y2"]).values / 1000.0
    density = np.sqrt(dens[0] * dens[1])
    make = lambda name, col: pd.DataFrame({"sample": name, "routed_min": both[col].values,  # noqa: E731
                                           "crow_km": crow, "density": density})
    return make("Gironde OSRM", "Dist_min"), make("Gironde METRIC", "HC")


def to_paris() -> pd.DataFrame:
    df = read_csv("times_to_paris", 0, ["id", "pop", "area", "lon", "lat", "duration"], dtype={"id": str})
    for c in ("pop", "area", "lon", "lat", "duration"):
        df[c] = pd.to_numeric(df[c])
    paris = df[df["id"] == "FR_75056"].iloc[0]
    df = df[df["id"] != "FR_75056"]
    return pd.DataFrame({"sample": "France → Paris OSRM", "routed_min": df["duration"].values / 60.0,
                         "crow_km": haversine_km(df["lon"], df["lat"], paris["lon"], paris["lat"]),
                         "density": np.sqrt(_density(df["pop"], df["area"]) * paris["pop"] / paris["area"])})


def load_samples(con) -> pd.DataFrame:
    """All samples, with densities from the database's communes (population / area)."""
    com = con.execute("SELECT code, population, area_km2, ST_AsWKB(geom) AS wkb FROM communes "
                      "WHERE geom IS NOT NULL").df()
    com["density"] = _density(com["population"].fillna(0), com["area_km2"])
    com["geometry"] = shapely.from_wkb([bytes(b) for b in com["wkb"]])
    dens = com.set_index("code")["density"]
    gir = com[com["code"].str.startswith("33")]
    g_osrm, g_metric = gironde(gir)
    return pd.concat([grand_paris(dens), g_osrm, g_metric, to_paris()], ignore_index=True)
