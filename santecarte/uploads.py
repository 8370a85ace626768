"""Files users upload (perimeters as CSV of commune codes or GeoJSON; road-time matrices):
decoded whatever the usual encoding and separator, checked, and every problem said in French
with the offending lines. Nothing is stored here."""
from __future__ import annotations

import csv
import io
import re
import json

import numpy as np
import pandas as pd
import shapely

from santecarte import db
from santecarte.codes import normalize_commune_code
from santecarte.indicators import format_fr

MAX_UPLOAD_BYTES = 50 * 1024**2
CODE_COLUMNS = ("code", "code_insee", "insee", "codgeo", "code commune", "code_commune", "depcom", "com")
SHOWN = 10


class UploadError(ValueError):
    """A file that cannot be used; the message is meant for the user, in French."""


def size_fr(n_bytes: int) -> str:
    """A file size as a French user reads it: « 80 octets », « 1,5 Ko », « 52 Mo » (1 Ko = 1 024 octets)."""
    if n_bytes < 1024:
        return f"{n_bytes} octet{'s' if n_bytes > 1 else ''}"
    for unit, scale in (("Ko", 1024), ("Mo", 1024**2), ("Go", 1024**3)):
        if n_bytes < 1024 * scale or unit == "Go":
            value = n_bytes / scale
            return format_fr(value, 0 if value >= 10 or value == int(value) else 1) + f" {unit}"


def too_big_message(n_bytes: int, limit: int) -> str:
    return f"Fichier trop volumineux ({size_fr(n_bytes)} ; au plus {size_fr(limit)})."


def check_size(data: bytes, error=UploadError, limit: int = MAX_UPLOAD_BYTES) -> None:
    if not data:
        raise error("Le fichier est vide.")
    if len(data) > limit:
        raise error(too_big_message(len(data), limit))


JSON_MESSAGES = (  # the json module's messages (English) → what is wrong, in French
    ("Expecting value", "une valeur est attendue (texte entre guillemets, nombre, true, false, null, [ ou {)"),
    ("Expecting ',' delimiter", "une virgule (ou la fermeture ] ou }) est attendue"),
    ("Expecting ':' delimiter", "deux-points « : » attendus après le nom de la propriété"),
    ("Expecting property name enclosed in double quotes",
     "un nom de propriété entre guillemets doubles est attendu (virgule en trop avant } ?)"),
    ("Unterminated string", "texte entre guillemets non refermé"),
    ("Invalid control character", "caractère de contrôle (retour à la ligne, tabulation) dans un texte"),
    ("Invalid \\uXXXX escape", "séquence \\u invalide (4 chiffres hexadécimaux attendus)"),
    ("Invalid \\escape", "barre oblique inverse « \\ » non valide dans un texte"),
    ("Extra data", "contenu en trop après la fin du document JSON"),
)


def json_problem(exc: json.JSONDecodeError) -> str:
    """« ligne 3, colonne 7 : une virgule … est attendue » for a json decoding error: the json
    module's English message never reaches a user."""
    what = next((fr for en, fr in JSON_MESSAGES if exc.msg.startswith(en)), "syntaxe JSON invalide")
    return f"ligne {exc.lineno}, colonne {exc.colno} : {what}"


def decode_text(data: bytes, error=UploadError) -> str:
    """UTF-8 (with or without BOM), else Windows-1252 / Latin-1, the two encodings of French
    spreadsheets, or UTF-16 with its BOM (« Texte Unicode » of Excel); binary content is refused."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise error("Fichier UTF-16 illisible : enregistrez-le en CSV UTF-8.") from None
    if b"\0" in data[:4096]:
        raise error("Ce fichier n'est pas un fichier texte (contenu binaire).")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def read_csv_bytes(data: bytes, error=UploadError, header="infer") -> pd.DataFrame:
    """A CSV with `;`, `,` or tab as separator, every column as text."""
    text = decode_text(data, error)
    try:
        sep = csv.Sniffer().sniff(text[:4096], delimiters=";,\t").delimiter
    except csv.Error:
        sep = ","
    try:
        return pd.read_csv(io.StringIO(text), sep=sep, dtype=str, keep_default_na=False, header=header)
    except pd.errors.EmptyDataError:
        raise error("Le fichier n'a aucune ligne de données.") from None
    except pd.errors.ParserError as exc:  # pandas says where: « Expected 2 fields in line 3, saw 4 »
        where = re.search(r"line (\d+), saw (\d+)", str(exc))
        detail = f" : ligne {where.group(1)}, {where.group(2)} champs au lieu du nombre de colonnes de l'en-tête" if where else ""
        raise error(f"CSV illisible{detail} (séparateur attendu : « ; », « , » ou tabulation).") from None


def lines(positions, offset: int = 2) -> str:
    """« ligne 3 » or « lignes 3, 7, … » for row positions of a table read with a header (offset 2)."""
    shown = ", ".join(str(int(p) + offset) for p in list(positions)[:SHOWN])
    more = f" (et {len(positions) - SHOWN} autres)" if len(positions) > SHOWN else ""
    return f"{'ligne' if len(positions) == 1 else 'lignes'} {shown}{more}"


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
    return resolve_codes(con, values.tolist(), offset)


def code_resolver(con):
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


def resolve_codes(con, raw_values: list, offset: int = 2) -> tuple[list[str], list[str]]:
    resolve = code_resolver(con)
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
