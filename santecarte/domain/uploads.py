"""The communes a user's file names (perimeters as CSV of commune codes or GeoJSON): codes
read as text, former codes mapped to their commune, every problem said in French with the
offending lines (the file's form is checked by core.files). Nothing is stored here."""
from __future__ import annotations

import json

import numpy as np
import shapely

from santecarte.core import db
from santecarte.core.codes import normalize_commune_code
from santecarte.core.files import SHOWN, UploadError, check_size, decode_text, json_problem, lines, read_csv_bytes

CODE_COLUMNS = ("code", "code_insee", "insee", "codgeo", "code commune", "code_commune", "depcom", "com")

def perimeter_codes(con, data: bytes, filename: str) -> tuple[list[str], list[str]]:
    """Commune codes (APL level) of an uploaded perimeter, and French notes on what was set aside.

    CSV: a column of INSEE codes (named code, code_insee, insee, codgeo… or the first column).
    GeoJSON: the communes whose point (town hall) lies in its polygons. A Paris, Lyon or
    Marseille code stands for all its arrondissements; a former code for its current commune."""
    check_size(data)
    if filename.lower().endswith((".geojson", ".json")):
        return _geojson_codes(con, data), []
    table = read_csv_bytes(data)
    if table.empty and len(table.columns) == 0:
        raise UploadError("Le fichier n'a aucune ligne.")
    columns = {str(c).strip().lower(): c for c in table.columns}
    named = next((columns[c] for c in CODE_COLUMNS if c in columns), None)
    if named is None:  # no recognised header: the first column, header line included
        table = read_csv_bytes(data, header=None)
        values, offset = table.iloc[:, 0], 1
    else:
        values, offset = table[named], 2
    if not len(values):
        raise UploadError("Le fichier n'a aucune ligne de données.")
    return apl_unit_codes(con, values.tolist(), offset)


def apl_unit_resolver(con):
    """A function: a raw cell → (APL-level codes, French note or None). A Paris, Lyon or
    Marseille code stands for its arrondissements, a former code for its current commune; an
    unknown or malformed code gives no code."""
    units = db.query(con, "perimeter_units")
    apl_units = set(units.loc[units["apl_unit"], "code"])
    children = units.dropna(subset=["parent_code"]).groupby("parent_code")["code"].apply(list).to_dict()
    old = dict(db.query(con, "old_codes").itertuples(index=False))

    def resolve(raw) -> tuple[list[str], str | None]:
        code = normalize_commune_code(raw)
        if code in children:
            return children[code], f"{code} remplacé par ses arrondissements (niveau de l'APL)"
        if code in apl_units:
            return [code], None
        if code in old:
            return [old[code]], f"ancien code {code} remplacé par {old[code]}"
        return [], None
    return resolve


def unknown_codes_note(bad: list[tuple[int, str]], offset: int) -> str:
    sample = ", ".join(f"« {v} »" for _, v in bad[:SHOWN])
    return f"{len(bad)} code(s) inconnu(s) ou mal formé(s) — {lines([p for p, _ in bad], offset)} : {sample}"


def apl_unit_codes(con, raw_values: list, offset: int = 2) -> tuple[list[str], list[str]]:
    resolve = apl_unit_resolver(con)
    codes, notes, bad = [], [], []
    for pos, raw in enumerate(raw_values):
        found, note = resolve(raw)
        codes += found
        if note:
            notes.append(f"ligne {pos + offset} : {note}")
        if not found and str(raw).strip():
            bad.append((pos, str(raw).strip()[:20]))
    if bad:
        notes.insert(0, unknown_codes_note(bad, offset) + " — écartés")
    codes = list(dict.fromkeys(codes))
    if not codes:
        raise UploadError("Aucun code commune reconnu. " + (notes[0] if notes else "Attendu : une colonne de codes INSEE."))
    return codes, notes


def _geojson_codes(con, data: bytes) -> list[str]:
    text = decode_text(data)
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise UploadError(f"GeoJSON invalide, {json_problem(exc)}.") from None
    features = doc.get("features") if isinstance(doc, dict) and doc.get("type") == "FeatureCollection" else \
        [doc] if isinstance(doc, dict) and doc.get("type") == "Feature" else \
        [{"geometry": doc}] if isinstance(doc, dict) and "coordinates" in doc else None
    if not features:
        raise UploadError("GeoJSON sans entité : attendu une FeatureCollection de polygones.")
    shapes, bad = [], []
    for k, f in enumerate(features):
        try:
            g = shapely.geometry.shape(f.get("geometry") or {})
            if g.geom_type not in ("Polygon", "MultiPolygon"):
                raise ValueError(g.geom_type)
            shapes.append(shapely.make_valid(g))
        except (ValueError, TypeError, AttributeError, KeyError, shapely.errors.GEOSException):
            bad.append(k + 1)
    if bad:
        raise UploadError(f"GeoJSON : géométrie absente ou non polygonale pour les entités n° "
                          f"{', '.join(map(str, bad[:SHOWN]))}{'…' if len(bad) > SHOWN else ''}.")
    area = shapely.union_all(shapes)
    units = db.query(con, "perimeter_units")
    units = units[units["apl_unit"] & units["lon"].notna()]
    inside = shapely.contains_xy(area, units["lon"].values, units["lat"].values)
    if not inside.any():
        raise UploadError("Aucune commune française n'a sa mairie dans ce périmètre (coordonnées en WGS84 lon/lat ?).")
    return units.loc[np.asarray(inside), "code"].tolist()
