"""A user's matrix of real road times (CSV or Parquet: from, to, minutes — e.g. from OSRM),
checked before the engine uses it in place of the travel-time model wherever it covers both
communes (rules in travel.py). Every problem gets a French message listing the first offending rows; nothing is
stored until the file is valid."""
from __future__ import annotations

import io

import numpy as np
import pandas as pd

from santecarte.core.codes import normalize_commune_code
from santecarte.core.files import UploadError, check_size, lines, read_csv_bytes

MAX_BYTES = 200 * 1024**2
COLUMN_NAMES = {
    "from": "from", "origine": "from", "origin": "from", "de": "from", "depart": "from", "départ": "from",
    "to": "to", "destination": "to", "dest": "to", "vers": "to", "arrivee": "to", "arrivée": "to",
    "minutes": "minutes", "temps": "minutes", "duree": "minutes", "durée": "minutes", "time": "minutes",
}


class TimeMatrixError(UploadError):
    """A user matrix that cannot be used; the message is meant for the user, in French."""


def _rows(mask: pd.Series, df: pd.DataFrame, what: str) -> str:
    return f"{int(mask.sum())} ligne(s) {what} — {lines(df.index[mask.values])}"


def read_time_matrix(data: bytes, filename: str, known_codes: set[str]) -> pd.DataFrame:
    """Parse and check a user matrix; returns columns from, to (current INSEE codes), minutes."""
    check_size(data, TimeMatrixError, MAX_BYTES)
    if filename.lower().endswith(".parquet"):
        try:
            df = pd.read_parquet(io.BytesIO(data)).astype(str)
        except Exception:  # pyarrow raises many types for a file that is not Parquet
            raise TimeMatrixError("Fichier Parquet illisible : ce n'est pas un fichier Parquet, ou il est abîmé "
                                  "(attendu : colonnes from, to, minutes).") from None
    else:
        df = read_csv_bytes(data, TimeMatrixError)
    df = df.rename(columns=lambda c: COLUMN_NAMES.get(str(c).strip().lower(), str(c)))
    missing = [c for c in ("from", "to", "minutes") if c not in df.columns]
    if missing:
        raise TimeMatrixError(f"Colonnes manquantes : {', '.join(missing)}. Colonnes lues : "
                              f"{', '.join(map(str, df.columns[:8]))}. Attendu : from, to, minutes (ou origine, destination, "
                              "temps).")
    if df.empty:
        raise TimeMatrixError("Le fichier n'a aucune ligne de données.")
    df = df.reset_index(drop=True)
    out = pd.DataFrame({"from": df["from"].map(normalize_commune_code), "to": df["to"].map(normalize_commune_code),
                        "minutes": pd.to_numeric(df["minutes"].str.replace(",", ".", regex=False), errors="coerce")})
    problems = []
    unknown = ~(out["from"].isin(known_codes) & out["to"].isin(known_codes))
    if unknown.any():
        problems.append(_rows(unknown, out, "avec un code commune inconnu ou mal formé"))
    bad_time = out["minutes"].isna() | (out["minutes"] < 0) | ~np.isfinite(out["minutes"].fillna(0))
    if bad_time.any():
        problems.append(_rows(bad_time, out, "avec un temps manquant, négatif ou non numérique"))
    dup = out.duplicated(["from", "to"], keep="first") & ~unknown
    if dup.any():
        problems.append(_rows(dup, out, "en double (même couple from → to)"))
    if problems:
        raise TimeMatrixError("Matrice de temps refusée : " + " ; ".join(problems) + ".")
    return out
